/**
 * One run with its standard subscribers: the Keras log (or the learner's views), the invalid-loss
 * watcher, the timer, the interrupt watcher and the pacer that lets Ctrl-C be heard. Used by
 * `train`; it returns what happened and prints only the lines that belong to the run itself.
 */
import type { KerasWeights } from '../core/model.js';
import { msg, type Translator } from '../i18n/message.js';
import { plainSink, type LineSink } from '../report/output.js';
import { progressLogger } from '../report/progress-logger.js';
import { terminalColumns } from '../report/width.js';
import { trainSampleCount, type Dataset } from '../training/dataset.js';
import type { FitCallback } from '../training/fit.js';
import type { InvalidLoss } from '../training/invalid-loss.js';
import { evaluateAt, EVALUATE_BATCH_SIZE, initialWeights, timedPacer, trainRun } from '../training/run.js';
import { testResult, type TestResult } from '../training/record.js';
import { Progbar } from '../report/progbar.js';
import { loadTrainingData, readStartWeights, type TrainingData } from './inputs.js';
import { EXIT, type CliIo, type InterruptSignal } from './io.js';
import { logWriter, paintFor, sinkFor } from './outputs.js';
import { runConfigOf, type LearnerConfig, type TrainConfig } from './run-spec.js';
import { clockOf, exitCodeOf, interruptWatcher, pacingClock, runSession, sessionPacer, type SessionOutcome } from './session.js';

/** The data and initial weights of a run, loaded and checked. */
export interface TrainInputs {
  readonly data: TrainingData;
  /** null: drawn from the seed. */
  readonly weights: KerasWeights | null;
}

export async function loadTrainInputs(config: TrainConfig): Promise<TrainInputs> {
  const data = await loadTrainingData(config, config.batchSize);
  return { data, weights: await readStartWeights(config, data) };
}

/** A Python/Keras script that repeats the run, with batchsim's losses (trained silently first) beside Keras's. */
export async function kerasScriptText(config: TrainConfig, inputs: TrainInputs, io: CliIo, version: string): Promise<string> {
  const { kerasScript } = await import('../report/keras-script.js');
  const { data } = inputs;
  const start = inputs.weights ?? initialWeights(data.features, config.layers, config.seed);
  const quiet = await trainRun(data, runConfigOf(config), start, [], timedPacer(pacingClock, io.pause));
  const testLoss = data.test === null ? undefined : evaluateAt(data.test, config.layers, config.loss, quiet.weights.final).loss;
  return kerasScript({
    // With --standardize the script gets the data as it was and scales it with Keras's own layer.
    data: data.unscaled?.fit ?? data,
    test: data.unscaled?.test ?? data.test,
    standardize: data.normalization !== null,
    dataName: config.spec.data,
    layers: config.layers,
    weights: start,
    batchsimLoss: quiet.history.loss,
    batchsimValLoss: quiet.history.val_loss,
    batchsimWeights: quiet.weights.final.flat(2) as number[],
    batchsimTestLoss: testLoss,
    optimizer: config.optimizer,
    loss: config.loss,
    metrics: config.metrics,
    batchSize: config.batchSize,
    epochs: config.epochs,
    shuffle: config.shuffle,
    validationSplit: config.validationSplit,
    warmUp: config.warmUp ? { fromLearningRate: config.warmUp.fromLearningRate, steps: config.warmUp.epochs * quiet.stepsPerEpoch } : null,
    version,
  });
}

export interface TrainOutcome extends SessionOutcome {
  /** The Ctrl-C or SIGTERM that stopped training, or null. */
  readonly signal: InterruptSignal | null;
  /** The test part evaluated at the final weights (--test-split), or null. */
  readonly test: TestResult | null;
}

/** `classes: Adelie=0, Chinstrap=1, Gentoo=2`, the ids text labels were given. */
export function classesText(classes: readonly string[]): string {
  return classes.map((name, id) => `${name}=${id}`).join(', ');
}

/** What the data said before training: the classes its labels became, the rows left out. */
function dataNotes(data: TrainingData, t: Translator): string[] {
  const notes: string[] = [];
  if (data.dropped !== undefined && data.dropped > 0) {
    notes.push(t('train.dropped', { dropped: data.dropped, kept: data.totalSamples, line: data.firstDropped ?? 0 }));
  }
  if (data.classes !== undefined) notes.push(t('train.classes', { classes: classesText(data.classes) }));
  return notes;
}

/**
 * The subscribers asked for by --explain and --show-batches, after printing the explanation fitted
 * to `columns`. They follow the Keras log, so that a batch listing comes after its epoch's line.
 */
async function learnerCallbacks(config: TrainConfig, learner: LearnerConfig, data: TrainingData, sink: LineSink, t: Translator, columns: number): Promise<FitCallback[]> {
  if (!learner.explain && !learner.showBatches) return [];
  // Loaded only when asked for, to keep plain training's start-up lean.
  const [{ explainLines }, { showBatches, smallDataX }] = await Promise.all([import('../report/explain.js'), import('./learner-callbacks.js')]);
  const validationSamples = data.samples - trainSampleCount(data.samples, config.validationSplit);
  const facts = {
    totalSamples: data.samples,
    trainSamples: data.samples - validationSamples,
    validationSamples,
    batchSize: config.batchSize,
    epochs: config.epochs,
    shuffle: config.shuffle,
    seed: config.seed,
    loss: config.loss,
    endLoss: learner.lossReport === 'end',
    testSamples: data.test?.samples ?? 0,
  };
  if (learner.explain) for (const line of explainLines(t, facts, columns)) sink.line(line);
  // Small data shows each batch's x values too.
  return learner.showBatches ? [showBatches(sink, t, config.batchSize, smallDataX(data))] : [];
}

/** Trains one run with the standard subscribers; the log goes where --verbose and --json say. */
export async function trainSession(config: TrainConfig, learner: LearnerConfig, inputs: TrainInputs, io: CliIo, t: Translator): Promise<TrainOutcome> {
  const writer = logWriter(config, io);
  const sink = writer === null ? null : sinkFor(writer, learner.style);
  const paint = await paintFor(writer, io, config.color);
  // What the learner asked for is shown even with --verbose 0; beside --json it goes to stderr.
  const learnerWriter = config.json ? io.stderr : io.stdout;
  for (const note of dataNotes(inputs.data, t)) {
    if (sink !== null) sink.line(note);
    else if (config.verbose !== 0 && !config.json) io.stderr.write(`${note}\n`);
  }
  const learnerViews = await learnerCallbacks(config, learner, inputs.data, sink ?? plainSink(learnerWriter), t, terminalColumns(learnerWriter, io.env));
  const callbacks: FitCallback[] = [];
  const say = (text: string): void => {
    if (sink !== null) sink.line(paint.warning(text));
    else if (config.verbose !== 0) io.stderr.write(`${text}\n`);
  };
  if (sink !== null && (config.verbose === 1 || config.verbose === 2)) {
    callbacks.push(progressLogger({ verbose: config.verbose, sink, clock: clockOf(config, io), paint, style: learner.style }));
  }
  if (sink !== null && learner.noiseScale) callbacks.push((await import('./learner-callbacks.js')).noiseScaleView(sink, t));
  callbacks.push(...learnerViews);
  if (learner.csvLog !== null) callbacks.push((await import('./learner-callbacks.js')).csvLogger(learner.csvLog, io.clock));
  const onInvalidLoss = ({ batch }: InvalidLoss): void => {
    if (config.onNan === 'stop') say(`Batch ${batch}: Invalid loss, terminating training`);
  };
  const interrupt = interruptWatcher(io, () => sink?.abandon?.(), t);
  try {
    // A signal that came while the data was read stops the run before its first step.
    await io.hearSignals?.();
    const run = { ...runConfigOf(config), evaluateEndLoss: learner.lossReport === 'end', noiseScale: learner.noiseScale };
    const clock = clockOf(config, io);
    const outcome = await runSession(inputs.data, run, inputs.weights, { views: callbacks, onNan: config.onNan, onInvalidLoss, clock, interrupt, pacer: sessionPacer(io) });
    const { test } = inputs.data;
    if (test === null || interrupt.signal !== null) return { ...outcome, signal: interrupt.signal, test: null };
    // model.evaluate(x_test, y_test): one progress line over ceil(n / 32) steps.
    const start = clock();
    const { loss, metrics } = evaluateAt(test, config.layers, config.loss, outcome.result.weights.final, config.metrics ?? []);
    if (sink !== null && (config.verbose === 1 || config.verbose === 2)) {
      const steps = Math.ceil(test.samples / EVALUATE_BATCH_SIZE);
      const progbar = new Progbar({ target: steps, verbose: config.verbose, style: learner.style, ansi: learner.style === 'keras3' && paint.enabled });
      progbar.start(start);
      sink.line(t('train.testHeader', { samples: test.samples }));
      // As the fit line: Keras 2 shows the loss then the metrics, Keras 3 its keys sorted.
      const values: Array<readonly [string, number]> = [['loss', loss], ...metrics];
      if (learner.style === 'keras3') values.sort((a, b) => (a[0] < b[0] ? -1 : 1));
      const line = progbar.update(steps, values, clock(), true);
      if (line !== null) sink.end(line);
    }
    return { ...outcome, signal: interrupt.signal, test: testResult(loss, metrics, test.samples) };
  } catch (error) {
    sink?.abandon?.();
    throw error;
  } finally {
    interrupt.dispose();
  }
}

/** The final weights as the --save-weights file holds them, or null when a diverged run left NaN or infinite values. */
export function savedWeightsText(outcome: TrainOutcome): string | null {
  const final = finiteWeights(outcome.result.weights.final);
  return final === null ? null : `${JSON.stringify(final)}\n`;
}

/** The notes for stderr after training (weights not written, loss went on, interrupted), and the exit code. */
export function trainEnding(config: TrainConfig, outcome: TrainOutcome, saved: boolean | null, t: Translator): { notes: string[]; exitCode: number } {
  const notes: string[] = [];
  if (saved === false) notes.push(t('train.weightsNotWritten', { file: config.saveWeights! }));
  const first = outcome.invalidLoss;
  if (first !== null && config.onNan === 'continue') {
    notes.push(t('cli.warning', { message: msg('train.lossWentOn', { epoch: first.epoch + 1, batch: first.batch }) }));
  }
  const { signal, result } = outcome;
  if (signal !== null) {
    const weights = saved === true ? config.saveWeights : null;
    // A step cut short in an epoch's first batch leaves that epoch out of the history, but it is the epoch training was in.
    const epoch = result.cut === undefined ? result.history.epoch.length : result.cut.epoch + 1;
    notes.push(t('train.interrupted', { signal, epoch, epochs: config.epochs, updates: result.updates, cut: result.cut !== undefined, weights }));
  }
  const exitCode = signal !== null ? exitCodeOf(signal) : first !== null ? EXIT.training : EXIT.ok;
  return { notes: config.verbose !== 0 ? notes : [], exitCode };
}

/** The final weights, or null when a diverged run left NaN or infinite values in them. */
function finiteWeights(weights: KerasWeights): KerasWeights | null {
  const finite = (value: number | number[]): boolean => (Array.isArray(value) ? value.every(finite) : Number.isFinite(value));
  return weights.every((array) => (array as Array<number | number[]>).every(finite)) ? weights : null;
}

/**
 * The `train` command: load data, set up one run, attach the views (progress log, JSON,
 * weights file) and map the outcome to an exit code.
 */
import { english, msg, type Translator } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { plainSink, type LineSink, type Writer } from '../report/output.js';
import type { Paint } from '../report/paint.js';
import { progressLogger } from '../report/progress-logger.js';
import { terminalSink } from '../report/terminal-sink.js';
import { toJson, trainDocument } from '../report/train-json.js';
import { sampleDataset, splitValidation, type Dataset } from '../training/dataset.js';
import type { FitCallback, FitControl } from '../training/fit.js';
import { invalidLossWatcher } from '../training/invalid-loss.js';
import { initialWeights, timedPacer, trainRun, type RunConfig, type RunResult } from '../training/run.js';
import { syntheticDataset } from '../training/synthetic.js';
import { timer } from '../training/timer.js';
import { parameterCount, type KerasWeights, type LayerSpec } from '../core/model.js';
import { EXIT, type CliIo, type InterruptSignal } from './io.js';
import { dataLabel, type TrainConfig } from './train-options.js';
import type { LearnerConfig } from './learner-options.js';
import { VERSION } from './version.js';
import { formatLayers } from './parsers.js';

/** Most memory one run may hold in weights, optimizer state and batch buffers: batchsim trains small models. */
export const MEMORY_LIMIT_BYTES = 2 ** 30;

function aboutBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${Number((bytes / 2 ** 30).toFixed(1))} GiB` : `${Math.ceil(bytes / 2 ** 20)} MiB`;
}

/**
 * Refuses a model that would not fit in MEMORY_LIMIT_BYTES before allocating anything: float32
 * weights, gradients and up to two optimizer slots, plus, for `rows` samples per batch, every
 * layer's outputs and deltas and the gathered inputs and targets.
 */
export function checkModelSize(features: number, layers: readonly LayerSpec[], rows: number): void {
  const weights = parameterCount({ inputSize: features, layers });
  const units = layers.reduce((sum, layer) => sum + layer.units, 0);
  const weightBytes = 4 * 4 * weights;
  const bytesPerRow = 4 * (2 * units + features + layers[layers.length - 1].units);
  if (weightBytes + rows * bytesPerRow <= MEMORY_LIMIT_BYTES) return;
  const spec = formatLayers(layers);
  const limit = aboutBytes(MEMORY_LIMIT_BYTES);
  if (weightBytes + bytesPerRow > MEMORY_LIMIT_BYTES) {
    throw new InputError(msg('train.modelTooBig', { layers: spec, features, weights, size: aboutBytes(weightBytes), limit }));
  }
  const most = Math.floor((MEMORY_LIMIT_BYTES - weightBytes) / bytesPerRow);
  throw new InputError(msg('train.batchTooBig', { rows, layers: spec, size: aboutBytes(weightBytes + rows * bytesPerRow), limit, most }));
}

/**
 * Loads or generates the data named by the config, or the embedded sample, and checks it fits the
 * model. The file reader loads only when there is a file to read: plain training starts without it.
 */
export async function loadTrainingData(config: TrainConfig): Promise<Dataset> {
  const data =
    config.synthetic !== null
      ? syntheticDataset(config.synthetic)
      : config.data === null
        ? sampleDataset()
        : (await import('../io/data.js')).loadDataset(config.data, { target: config.target ?? undefined });
  checkModelSize(data.features, config.layers, 1);
  const outputs = config.layers[config.layers.length - 1].units;
  if (outputs !== data.outputs) {
    throw new InputError(msg('train.layersOutputs', { layers: formatLayers(config.layers), outputs, targets: data.outputs }));
  }
  if (config.validationSplit > 0 && splitValidation(data, config.validationSplit) === null) {
    throw new InputError(
      msg('train.validationSplit', {
        split: config.validationSplit,
        samples: data.samples,
        low: (1 / data.samples).toFixed(3),
        high: (1 - 1 / data.samples).toFixed(3),
      }),
    );
  }
  return data;
}

const same = (text: string): string => text;
/** What createPaint(false) gives, without loading chalk. */
const NO_PAINT: Paint = { enabled: false, header: same, progress: same, warning: same, error: same, dim: same, bold: same, series: (_i, text) => text };

/**
 * The paint for a log writer. Colour needs a terminal or FORCE_COLOR, so without either chalk is
 * not even loaded: plain runs start faster.
 */
export async function paintFor(writer: Writer | null, io: CliIo, flag: boolean): Promise<Paint> {
  if (writer === null || !(writer.isTTY === true || (io.env.FORCE_COLOR ?? '') !== '')) return NO_PAINT;
  const { colorWanted, createPaint } = await import('../report/paint.js');
  return createPaint(colorWanted(writer.isTTY === true, io.env, flag));
}

/** Where the human log goes: stdout, or stderr when stdout carries JSON; null for none. */
export function logWriter(config: Pick<TrainConfig, 'json' | 'verbose' | 'verboseExplicit'>, io: CliIo): Writer | null {
  if (config.verbose === 0) return null;
  if (config.json) return config.verboseExplicit ? io.stderr : null;
  return io.stdout;
}

export function sinkFor(writer: Writer): LineSink {
  return writer.isTTY ? terminalSink(writer) : plainSink(writer);
}

export function exitCodeOf(signal: InterruptSignal): number {
  return signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
}

/**
 * Stops training after the current step on Ctrl-C or SIGTERM and remembers which came. A second
 * one exits at once: `beforeExit` gets to leave the terminal clean first (end a live line, show
 * the cursor), then the process ends with 130 or 143 and nothing more is written.
 */
export function interruptWatcher(
  io: CliIo,
  beforeExit?: () => void,
  t: Translator = english,
): FitCallback & { readonly signal: InterruptSignal | null; dispose(): void } {
  let control: FitControl | null = null;
  let signal: InterruptSignal | null = null;
  const dispose = io.onInterrupt((received) => {
    if (signal !== null) {
      beforeExit?.();
      io.stderr.write(`${t('train.interruptedAgain', { signal: received })}\n`);
      io.exit(exitCodeOf(received));
      return;
    }
    signal = received;
    control?.requestStop('interrupt');
  });
  return {
    get signal() {
      return signal;
    },
    dispose,
    onTrainBegin(_info, c) {
      control = c;
      if (signal !== null) c.requestStop('interrupt');
    },
  };
}

export function runConfigOf(config: TrainConfig): RunConfig {
  const { layers, loss, optimizer, batchSize, epochs, shuffle, seed, validationSplit } = config;
  return { layers, loss, optimizer, batchSize, epochs, shuffle, seed, validationSplit };
}

/**
 * The clock that decides when training gives the event loop a turn (to hear Ctrl-C). It is the
 * machine's real clock, never io.clock: when to pause must not move the clock the log shows
 * (stopped with --no-timings, fake in tests), and pausing changes no result.
 */
export const pacingClock = (): number => performance.now() / 1000;

/** The clock a command uses: the real one, or a stopped one with --no-timings. */
export function clockOf(config: Pick<TrainConfig, 'timings'>, io: CliIo): () => number {
  return config.timings ? io.clock : () => 0;
}

/** The final weights, or null when a diverged run left NaN or infinite values in them. */
function finiteWeights(weights: KerasWeights): KerasWeights | null {
  const finite = (value: number | number[]): boolean => (Array.isArray(value) ? value.every(finite) : Number.isFinite(value));
  return weights.every((array) => (array as Array<number | number[]>).every(finite)) ? weights : null;
}

export async function trainAction(config: TrainConfig, learner: LearnerConfig, io: CliIo, t: Translator = english): Promise<number> {
  // Every check that can fail comes before training.
  if (learner.emitKeras && config.json) throw new InputError(msg('train.emitKerasJson'));
  // Like the data reader, the file writers and the weights reader load only when a file is named.
  const files = config.saveWeights !== null || learner.csvLog !== null ? await import('../io/files.js') : null;
  if (files !== null) {
    const { checkFileSet, named } = await import('../io/file-set.js');
    checkFileSet(
      named({ '--data': config.data, '--weights': config.weightsFile }),
      named({ '--save-weights': config.saveWeights, '--csv-log': learner.csvLog }),
    );
  }
  const data = await loadTrainingData(config);
  checkModelSize(data.features, config.layers, Math.min(config.batchSize, data.samples));
  const weights: KerasWeights | null =
    config.weightsFile === null
      ? null
      : (await import('../io/weights.js')).readWeightsFile(config.weightsFile, { inputSize: data.features, layers: config.layers });
  if (learner.emitKeras) {
    // Train silently first, so that the script can print batchsim's losses beside Keras's.
    const { kerasScript } = await import('../report/keras-script.js');
    const start = weights ?? initialWeights(data.features, config.layers, config.seed);
    const quiet = await trainRun(data, runConfigOf(config), start, [], timedPacer(pacingClock, io.pause));
    io.stdout.write(
      kerasScript({
        data,
        dataName: dataLabel(config),
        layers: config.layers,
        weights: start,
        batchsimLoss: quiet.history.loss,
        optimizer: config.optimizer,
        loss: config.loss,
        batchSize: config.batchSize,
        epochs: config.epochs,
        shuffle: config.shuffle,
        validationSplit: config.validationSplit,
        version: VERSION,
      }),
    );
    return EXIT.ok;
  }

  const writer = logWriter(config, io);
  const sink = writer === null ? null : sinkFor(writer);
  const paint = await paintFor(writer, io, config.color);
  // What the learner asked for is shown even with --verbose 0; beside --json it goes to stderr.
  const learnerSink = sink ?? plainSink(config.json ? io.stderr : io.stdout);
  const callbacks: FitCallback[] = [];
  if (learner.explain || learner.showBatches) {
    // Loaded only when asked for, to keep plain training's start-up lean.
    const [{ explainLines }, { showBatches }] = await Promise.all([import('../report/explain.js'), import('./learning.js')]);
    const validationSamples = config.validationSplit > 0 ? (splitValidation(data, config.validationSplit)?.validation.samples ?? 0) : 0;
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
    };
    if (learner.explain) for (const line of explainLines(t, facts)) learnerSink.line(line);
    if (learner.showBatches) callbacks.push(showBatches(learnerSink, t, config.batchSize));
  }
  const say = (text: string): void => {
    if (sink !== null) sink.line(paint.warning(text));
    else if (config.verbose !== 0) io.stderr.write(`${text}\n`);
  };
  if (sink !== null && (config.verbose === 1 || config.verbose === 2)) {
    callbacks.push(progressLogger({ verbose: config.verbose, sink, clock: clockOf(config, io), paint, style: learner.style }));
  }
  if (learner.csvLog !== null) callbacks.push((await import('./learning.js')).csvLogger(learner.csvLog, io.clock));
  const invalidLoss = invalidLossWatcher(config.onNan, ({ batch }) => {
    if (config.onNan === 'stop') say(`Batch ${batch}: Invalid loss, terminating training`);
  });
  const clock = timer(clockOf(config, io));
  const interrupt = interruptWatcher(io, () => sink?.abandon?.(), t);
  callbacks.push(invalidLoss, clock, interrupt);

  let result: RunResult;
  try {
    const run = { ...runConfigOf(config), evaluateEndLoss: learner.lossReport === 'end' };
    result = await trainRun(data, run, weights, callbacks, timedPacer(pacingClock, io.pause));
  } catch (error) {
    sink?.abandon?.();
    throw error;
  } finally {
    interrupt.dispose();
  }

  const notes: string[] = [];
  let saved = false;
  if (config.saveWeights !== null) {
    const final = finiteWeights(result.weights.final);
    if (final !== null) {
      files!.writeFileAtomic(config.saveWeights, `${JSON.stringify(final)}\n`);
      saved = true;
    } else {
      notes.push(t('train.weightsNotWritten', { file: config.saveWeights }));
    }
  }
  if (config.json) {
    io.stdout.write(
      toJson(
        trainDocument({
          version: VERSION,
          config: {
            batchSize: config.batchSize,
            epochs: config.epochs,
            optimizer: config.optimizer,
            learningRate: config.optimizer.learningRate,
            loss: config.loss,
            layers: config.layers,
            data: dataLabel(config),
            target: config.target,
            seed: config.seed,
            shuffle: config.shuffle,
            validationSplit: config.validationSplit,
            weights: config.weightsFile,
          },
          samples: data.samples,
          features: data.features,
          outputs: data.outputs,
          result,
          timings: clock.timings,
          invalidLoss: invalidLoss.first,
        }),
      ),
    );
  }
  const first = invalidLoss.first;
  if (first !== null && config.onNan === 'continue') {
    notes.push(t('cli.warning', { message: msg('train.lossWentOn', { epoch: first.epoch + 1, batch: first.batch }) }));
  }
  if (interrupt.signal !== null) {
    notes.push(
      t('train.interrupted', {
        signal: interrupt.signal,
        epoch: result.history.epoch.length,
        epochs: config.epochs,
        updates: result.updates,
        weights: saved ? config.saveWeights : null,
      }),
    );
  }
  if (config.verbose !== 0) for (const note of notes) io.stderr.write(`${note}\n`);

  if (interrupt.signal !== null) return exitCodeOf(interrupt.signal);
  if (first !== null) return EXIT.training;
  return EXIT.ok;
}

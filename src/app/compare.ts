/**
 * A comparison: an in-process grid over batch size × learning rate × seed on the same data from
 * the same initial weights, each run a run session that ends as a run record (as a sweep's do),
 * with the arithmetic line before each batch size and, when asked, each
 * run's Keras log. Warnings and divergences go to stderr; the outcome feeds the views.
 */
import { msg, type Translator } from '../i18n/message.js';
import { arithmeticLine, formatRate, warningText } from '../report/compare-notes.js';
import { plainSink, type LineSink, type Writer } from '../report/output.js';
import { terminalColumns } from '../report/width.js';
import { colorWanted, createPaint } from '../report/paint.js';
import { progressLogger } from '../report/progress-logger.js';
import { summarize } from '../report/summary.js';
import { planComparison, warmUp } from '../training/compare.js';
import { trainSampleCount } from '../training/dataset.js';
import type { InvalidLoss } from '../training/invalid-loss.js';
import { runRecord, testResult, type RunRecord, type TestResult } from '../training/record.js';
import { evaluateAt } from '../training/run.js';
import type { CompareConfig, CompareOutcome } from './compare-views.js';
import { loadTrainingData, readStartWeights } from './inputs.js';
import { EXIT, type CliIo } from './io.js';
import { sinkFor } from './outputs.js';
import { runConfigOf, specAt } from './run-spec.js';
import { clockOf, exitCodeOf, interruptWatcher, runSession, sessionPacer } from './session.js';

/** Where the arithmetic lines and Keras logs go: stdout for the table; else stderr with --verbose, or nowhere. */
function notesWriter(config: CompareConfig, io: CliIo): Writer | null {
  if (config.format === 'table') return io.stdout;
  return config.verboseExplicit && config.verbose !== 0 ? io.stderr : null;
}

export interface CompareSession extends CompareOutcome {
  /** The exit code the comparison alone calls for (interrupted, diverged, or fine). */
  readonly exitCode: number;
  /** The closing note for stderr when interrupted, else null. */
  readonly note: string | null;
}

export async function runCompare(config: CompareConfig, io: CliIo, t: Translator, version: string): Promise<CompareSession> {
  const data = await loadTrainingData(config, Math.max(...config.batchSizes));
  const weights = await readStartWeights(config, data);
  const trainSamples = trainSampleCount(data.samples, config.validationSplit);
  const plan = planComparison(trainSamples, {
    base: runConfigOf(config),
    batchSizes: config.batchSizes,
    seeds: Array.from({ length: config.seedCount }, (_, i) => config.seed + i),
    learningRates: config.learningRates,
    scaling: config.spec.lrScaling ?? null,
  });

  const notes = notesWriter(config, io);
  const sink: LineSink | null = notes === null ? null : sinkFor(notes);
  const paint = createPaint(notes !== null && colorWanted(notes.isTTY === true, io.env, config.color));
  const errPaint = createPaint(colorWanted(io.stderr.isTTY === true, io.env, config.color));
  for (const warning of plan.warnings) io.stderr.write(`${errPaint.warning(t('cli.warning', { message: warningText(warning, t) }))}\n`);

  if (config.explain) {
    const { compareExplainLines } = await import('../report/explain.js');
    const facts = {
      totalSamples: data.samples,
      trainSamples,
      validationSamples: data.samples - trainSamples,
      epochs: config.epochs,
      shuffle: config.shuffle,
      seed: config.seed,
      loss: config.loss,
      endLoss: false,
    };
    const explainSink = sink ?? plainSink(io.stderr);
    for (const line of compareExplainLines(t, facts, plan.batchSizes, terminalColumns(notes ?? io.stderr, io.env))) explainSink.line(line);
  }

  const showLog = sink !== null && !config.quiet && (config.verbose === 1 || config.verbose === 2);
  const severalPerBatch = plan.seeds.length > 1 || plan.learningRates.length > 1;
  const clock = clockOf(config, io);
  const interrupt = interruptWatcher(io, () => sink?.abandon?.(), t);
  const diverged: string[] = [];
  const records: RunRecord[] = [];
  try {
    // A signal that came while the data was read stops the comparison before its first step.
    await io.hearSignals?.();
    // Each batch size trained untimed first, so that the first timed run does not carry the
    // compiler's warm-up; results never depend on it, so it is skipped when timings are not shown.
    if (config.timings && plan.runs.length > 0) {
      await warmUp(data, plan, sessionPacer(io), () => interrupt.signal === null);
    }
    // The grid, in plan order: batch size outermost, then learning rate, then seed.
    for (const [index, run] of plan.runs.entries()) {
      if (interrupt.signal !== null) break;
      if (sink !== null && (index === 0 || plan.runs[index - 1].batchSize !== run.batchSize)) {
        sink.line(paint.bold(arithmeticLine(run, trainSamples, plan.epochs, t)));
      }
      if (showLog && severalPerBatch) sink!.line(paint.dim(t('compare.runHeader', { seed: run.seed, rate: formatRate(run.learningRate) })));
      const views = showLog ? [progressLogger({ verbose: config.verbose as 1 | 2, sink: sink!, clock, paint })] : [];
      const onInvalidLoss = ({ epoch, batch }: InvalidLoss): void => {
        if (showLog && config.onNan === 'stop') sink!.line(paint.warning(`Batch ${batch}: Invalid loss, terminating training`));
        const stopped = config.onNan === 'stop';
        const message = msg('compare.diverged', { batchSize: run.batchSize, rate: formatRate(run.learningRate), seed: run.seed, epoch: epoch + 1, batch, stopped });
        diverged.push(t('cli.warning', { message }));
      };
      const { result, timings, invalidLoss } = await runSession(data, run.config, weights, { views, onNan: config.onNan, onInvalidLoss, clock, interrupt, pacer: sessionPacer(io) });
      const spec = specAt(config.spec, run);
      // The held-out test part, evaluated at each run's final weights as train does.
      let test: TestResult | null = null;
      if (data.test !== null && interrupt.signal === null) {
        const { loss, metrics } = evaluateAt(data.test, run.config.layers, run.config.loss, result.weights.final, run.config.metrics ?? []);
        test = testResult(loss, metrics, data.test.samples);
      }
      records.push(
        runRecord({
          version,
          spec,
          data,
          result,
          timings: config.timings ? timings : null,
          invalidLoss,
          test,
        }),
      );
      if (interrupt.signal !== null) break;
    }
  } catch (error) {
    sink?.abandon?.();
    throw error;
  } finally {
    interrupt.dispose();
  }
  for (const warning of diverged) io.stderr.write(`${errPaint.warning(warning)}\n`);

  const outcome = {
    config,
    data,
    plan,
    runs: records,
    summary: summarize(records),
    warnings: plan.warnings.map((warning) => warningText(warning)),
    interrupted: interrupt.signal !== null,
  };
  if (interrupt.signal !== null) {
    // Like train: what was done is reported and written, marked, and the exit code tells.
    const finished = records.filter((r) => !r.interrupted).length;
    const note = t('compare.interrupted', { signal: interrupt.signal, finished, total: plan.runs.length });
    return { ...outcome, exitCode: exitCodeOf(interrupt.signal), note };
  }
  return { ...outcome, exitCode: diverged.length > 0 ? EXIT.training : EXIT.ok, note: null };
}

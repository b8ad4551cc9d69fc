/**
 * The `train` command: load data, set up one run, attach the views (progress log, JSON,
 * weights file) and map the outcome to an exit code.
 */
import { InputError } from '../io/errors.js';
import { loadDataset } from '../io/data.js';
import { checkWritableFile, writeFileAtomic } from '../io/files.js';
import { readWeightsFile } from '../io/weights.js';
import { plainSink, type LineSink, type Writer } from '../report/output.js';
import { colorWanted, createPaint } from '../report/paint.js';
import { progressLogger } from '../report/progress-logger.js';
import { terminalSink } from '../report/terminal-sink.js';
import { toJson, trainDocument } from '../report/train-json.js';
import { sampleDataset, splitValidation, type Dataset } from '../training/dataset.js';
import { terminateOnNaN, type FitCallback, type FitControl } from '../training/fit.js';
import { pacerSteps, trainRun, type RunConfig } from '../training/run.js';
import { timer } from '../training/timer.js';
import type { KerasWeights } from '../core/model.js';
import { EXIT, type CliIo, type InterruptSignal } from './io.js';
import type { TrainConfig } from './train-options.js';
import { VERSION } from './version.js';
import { formatLayers } from './parsers.js';

/** Loads the data named by the config, or the embedded sample, and checks it fits the model. */
export function loadTrainingData(config: TrainConfig): Dataset {
  const data = config.data === null ? sampleDataset() : loadDataset(config.data, { target: config.target ?? undefined });
  const outputs = config.layers[config.layers.length - 1].units;
  if (outputs !== data.outputs) {
    throw new InputError(
      `--layers ${formatLayers(config.layers)} ends with ${outputs} unit(s) but the data has ${data.outputs} target column(s); make the last layer ${data.outputs}`,
    );
  }
  if (config.validationSplit > 0 && splitValidation(data, config.validationSplit) === null) {
    throw new InputError(
      `--validation-split ${config.validationSplit} of ${data.samples} samples leaves an empty training or validation part; choose a fraction between ${(1 / data.samples).toFixed(3)} and ${(1 - 1 / data.samples).toFixed(3)}`,
    );
  }
  return data;
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

/** Stops training after the current step on Ctrl-C or SIGTERM; remembers which came. */
export function interruptWatcher(io: CliIo): FitCallback & { readonly signal: InterruptSignal | null; dispose(): void } {
  let control: FitControl | null = null;
  let signal: InterruptSignal | null = null;
  const dispose = io.onInterrupt((received) => {
    signal ??= received;
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

/** The clock a command uses: the real one, or a stopped one with --no-timings. */
export function clockOf(config: Pick<TrainConfig, 'timings'>, io: CliIo): () => number {
  return config.timings ? io.clock : () => 0;
}

export async function trainAction(config: TrainConfig, io: CliIo): Promise<number> {
  if (config.saveWeights !== null) checkWritableFile(config.saveWeights, '--save-weights');
  const data = loadTrainingData(config);
  const weights: KerasWeights | null =
    config.weightsFile === null ? null : readWeightsFile(config.weightsFile, { inputSize: data.features, layers: config.layers });

  const writer = logWriter(config, io);
  const sink = writer === null ? null : sinkFor(writer);
  const paint = createPaint(writer !== null && colorWanted(writer.isTTY === true, io.env, config.color));
  const callbacks: FitCallback[] = [];
  if (sink !== null && (config.verbose === 1 || config.verbose === 2)) {
    callbacks.push(progressLogger({ verbose: config.verbose, sink, clock: clockOf(config, io), paint }));
  }
  callbacks.push(
    terminateOnNaN((batch) => {
      const message = `Batch ${batch}: Invalid loss, terminating training`;
      if (sink !== null) sink.line(paint.warning(message));
      else io.stderr.write(`${message}\n`);
    }),
  );
  const clock = timer(clockOf(config, io));
  const interrupt = interruptWatcher(io);
  callbacks.push(clock, interrupt);

  const run = runConfigOf(config);
  let result;
  try {
    result = await trainRun(data, run, weights, callbacks, {
      everySteps: pacerSteps(data.features, config.layers, config.batchSize),
      pause: io.pause,
    });
  } finally {
    interrupt.dispose();
  }

  if (config.saveWeights !== null) writeFileAtomic(config.saveWeights, `${JSON.stringify(result.weights.final)}\n`);
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
            data: config.data ?? 'sample',
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
        }),
      ),
    );
  }
  if (interrupt.signal !== null) return interrupt.signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
  if (result.stopReason === 'nan') return EXIT.training;
  return EXIT.ok;
}

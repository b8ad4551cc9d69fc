/**
 * Training throughput, batchsim against TensorFlow.js and against plain C loops (bench/reference.ts:
 * one of batchsim's arithmetic, one of float32 FMA), on the standard workloads: the same data, the same initial
 * weights, Adam (lr 0.001), MAE, no shuffling, one epoch. batchsim and C train on
 * n = 1,000,000 samples (a fifth of that for the 64-feature workload); TF.js on fewer where a
 * million would take minutes, so the comparison is in samples per second. Each side first trains
 * once on a slice to warm up, and the best of `repeats` timed runs counts.
 *
 * As a check that all sides do the same arithmetic, batchsim also trains on TF.js's samples and
 * both epoch losses are reported (they differ by Adam's epsilon placement only, ~1e-6); the
 * same-arithmetic C loop's epoch loss and final weights must equal batchsim's to the last bit, and
 * a workload where they do not is reported as missed.
 */
import type * as TF from '@tensorflow/tfjs';
import type { ActivationName } from '../src/core/activations.js';
import { kernelPathFor, Sequential, type KernelPath, type KerasWeights } from '../src/core/model.js';
import { createOptimizer, optimizerConfig } from '../src/core/optimizers.js';
import { createRandom } from '../src/core/random.js';
import { sliceRows, type Dataset } from '../src/training/dataset.js';
import { fit } from '../src/training/fit.js';
import { terminateOnNaN } from '../src/training/invalid-loss.js';
import { syntheticDataset } from '../src/training/synthetic.js';
import { timer } from '../src/training/timer.js';
import { compileReference, weightsHash, type ReferenceEpoch } from './reference.js';

export interface Workload {
  readonly id: string;
  readonly model: string;
  readonly features: number;
  readonly layers: ReadonlyArray<{ units: number; activation: ActivationName }>;
  readonly batchSize: number;
  /** Samples TF.js trains on (batchsim: always `samples`). */
  readonly tfjsSamples: number;
  /** Least batchsim / TF.js cpu ratio wanted. */
  readonly targetCpu: number;
  /** Least batchsim / TF.js wasm ratio wanted, if any. */
  readonly targetWasm?: number;
  /** Least batchsim / C ratio wanted, if any. */
  readonly targetC?: number;
  /** batchsim and C train on this fraction of the run's samples (default 1). */
  readonly sampleFraction?: number;
}

const DENSE1 = [{ units: 1, activation: 'linear' as const }];
const MLP = [
  { units: 32, activation: 'relu' as const },
  { units: 1, activation: 'linear' as const },
];
/**
 * The shape of a digits classifier (8×8 images, ten classes) with batchsim's losses: ten linear
 * outputs against one-hot targets under MAE, in place of softmax and cross-entropy, which
 * batchsim does not have. The Dense arithmetic, which is what is timed, is the same.
 */
const DIGITS = [
  { units: 32, activation: 'relu' as const },
  { units: 10, activation: 'linear' as const },
];

export const WORKLOADS: readonly Workload[] = [
  { id: 'W1', model: 'Dense(1) on 1 feature', features: 1, layers: DENSE1, batchSize: 1, tfjsSamples: 4_000, targetCpu: 1000 },
  { id: 'W2', model: 'Dense(1) on 1 feature', features: 1, layers: DENSE1, batchSize: 32, tfjsSamples: 96_000, targetCpu: 100 },
  { id: 'W3', model: 'Dense(1) on 1 feature', features: 1, layers: DENSE1, batchSize: 1024, tfjsSamples: 1_024_000, targetCpu: 30 },
  { id: 'W4', model: '8 → Dense(32, relu) → Dense(1)', features: 8, layers: MLP, batchSize: 32, tfjsSamples: 64_000, targetCpu: 25, targetC: 0.8 },
  { id: 'W5', model: '8 → Dense(32, relu) → Dense(1)', features: 8, layers: MLP, batchSize: 1024, tfjsSamples: 307_200, targetCpu: 5, targetWasm: 2, targetC: 0.8 },
  {
    id: 'W6',
    model: '64 → Dense(32, relu) → Dense(10), one-hot',
    features: 64,
    layers: DIGITS,
    batchSize: 32,
    tfjsSamples: 32_000,
    targetCpu: 10,
    targetC: 0.8,
    sampleFraction: 0.2,
  },
];

export interface Rate {
  readonly samples: number;
  /** Best of the timed runs. */
  readonly seconds: number;
  readonly samplesPerSecond: number;
  /**
   * By the process's CPU time, the least of the timed runs (batchsim's includes Node's own
   * threads: the garbage collector, the compiler): what the work costs whatever else the machine runs.
   */
  readonly cpuSamplesPerSecond?: number;
  /** The epoch's loss (Keras's running mean) of the best run. */
  readonly loss: number;
  /** FNV-1a of the final parameters' float32 bytes (batchsim and the same-arithmetic C loop). */
  readonly weights?: string | null;
}

export interface WorkloadResult {
  readonly id: string;
  readonly model: string;
  readonly batchSize: number;
  readonly batchsim: Rate;
  /** Which kernels batchsim ran: `wasm-simd` or `js` (src/core/model.ts). */
  readonly kernels: KernelPath;
  /** batchsim forced onto its JavaScript kernels, when it ran WebAssembly. */
  readonly batchsimJs: Rate | null;
  readonly tfjsCpu: Rate | null;
  readonly tfjsWasm: Rate | null;
  readonly ratioCpu: number | null;
  readonly ratioWasm: number | null;
  /** The C loop of batchsim's arithmetic on batchsim's samples; null when no C compiler was found. */
  readonly c: Rate | null;
  /** batchsim samples/s over that loop's, by wall time: 1 is as fast as C. */
  readonly ratioC: number | null;
  /** The same by CPU time, which the target is judged by. */
  readonly ratioCCpu: number | null;
  /** Whether that loop's epoch loss and final weights equal batchsim's, bit for bit. */
  readonly sameBits: { readonly loss: boolean; readonly weights: boolean } | null;
  /** The float32-FMA C loop (different rounding), for comparison only. */
  readonly cFma: Rate | null;
  readonly ratioCFma: number | null;
  readonly ratioCFmaCpu: number | null;
  readonly targetCpu: number;
  readonly targetWasm: number | null;
  readonly targetC: number | null;
  /** batchsim's epoch loss on TF.js's samples, and TF.js cpu's, to show they compute the same. */
  readonly lossCheck: { readonly batchsim: number; readonly tfjs: number } | null;
  readonly met: boolean;
}

function dataFor(w: Workload, samples: number): Dataset {
  const data = syntheticDataset({ kind: w.features === 1 ? 'linear' : 'sine', samples, features: w.features, noise: 0.1, seed: 42 });
  const outputs = w.layers[w.layers.length - 1].units;
  if (outputs === 1) return data;
  // One-hot targets: the class is which tenth of (−1.1, 1.1) the sine target falls in.
  const y = new Float32Array(samples * outputs);
  for (let r = 0; r < samples; r++) {
    const k = Math.min(outputs - 1, Math.max(0, Math.floor(((data.y[r] + 1.1) / 2.2) * outputs)));
    y[r * outputs + k] = 1;
  }
  return { ...data, y, outputs };
}

function initialWeights(w: Workload): KerasWeights {
  const model = new Sequential({ inputSize: w.features, layers: w.layers });
  model.initialize(createRandom(42, 'init'));
  return model.getWeights();
}

async function batchsimEpoch(w: Workload, data: Dataset, weights: KerasWeights, kernels: 'auto' | KernelPath = 'auto'): Promise<ReferenceEpoch & { weights: string }> {
  const model = new Sequential({ inputSize: w.features, layers: w.layers }, 1, { kernels });
  model.setWeights(weights);
  const optimizer = createOptimizer(optimizerConfig('adam'), model.params.length, kernels);
  const clock = (): number => performance.now() / 1000;
  const time = timer(clock);
  const cpu = process.cpuUsage();
  const result = await fit(model, optimizer, data, { batchSize: w.batchSize, epochs: 1, loss: 'mae', shuffle: false, seed: 42 }, [terminateOnNaN(), time]);
  const used = process.cpuUsage(cpu);
  return { seconds: time.timings.totalSeconds, cpuSeconds: (used.user + used.system) / 1e6, loss: result.history.loss[0], weights: weightsHash(model.params) };
}

function tfjsModel(tf: typeof TF, w: Workload, weights: KerasWeights): TF.Sequential {
  const model = tf.sequential();
  w.layers.forEach((layer, i) =>
    model.add(tf.layers.dense({ units: layer.units, activation: layer.activation, ...(i === 0 ? { inputShape: [w.features] } : {}) })),
  );
  model.setWeights(weights.map((value) => tf.tensor(value as number[] | number[][])));
  // Keras's Adam defaults; TF.js's own default epsilon differs.
  model.compile({ optimizer: tf.train.adam(0.001, 0.9, 0.999, 1e-7), loss: 'meanAbsoluteError' });
  return model;
}

async function tfjsEpoch(tf: typeof TF, w: Workload, data: Dataset, weights: KerasWeights): Promise<{ seconds: number; loss: number }> {
  const model = tfjsModel(tf, w, weights);
  const xs = tf.tensor2d(data.x, [data.samples, data.features]);
  const ys = tf.tensor2d(data.y, [data.samples, data.outputs]);
  const start = performance.now();
  const history = await model.fit(xs, ys, { batchSize: w.batchSize, epochs: 1, shuffle: false, verbose: 0 });
  const seconds = (performance.now() - start) / 1000;
  tf.dispose([xs, ys]);
  model.dispose();
  return { seconds, loss: history.history.loss[0] as number };
}

async function best(repeats: number, samples: number, run: () => Promise<{ seconds: number; loss: number }>): Promise<Rate> {
  let fastest = { seconds: Infinity, loss: NaN };
  for (let i = 0; i < repeats; i++) {
    const r = await run();
    if (r.seconds < fastest.seconds) fastest = r;
  }
  return { samples, seconds: fastest.seconds, samplesPerSecond: samples / fastest.seconds, loss: fastest.loss };
}

export interface ThroughputOptions {
  readonly samples: number;
  readonly repeats: number;
  /** Scales TF.js's sample counts (a quick run uses less). */
  readonly tfjsScale: number;
  readonly backends: readonly ('cpu' | 'wasm')[];
  readonly log: (line: string) => void;
}

export interface ThroughputResults {
  readonly workloads: WorkloadResult[];
  /** The C compiler and flags, or why the C reference loop was skipped. */
  readonly c: { readonly compiler: string } | { readonly skipped: string };
}

/** Loads TF.js with the backends that are installed. */
async function loadTfjs(backends: readonly string[]): Promise<{ tf: typeof TF; available: string[] }> {
  const tf = (await import('@tensorflow/tfjs')) as typeof TF;
  const available: string[] = [];
  for (const backend of backends) {
    if (backend === 'wasm') {
      try {
        await import('@tensorflow/tfjs-backend-wasm');
      } catch {
        continue;
      }
    }
    if (await tf.setBackend(backend)) available.push(backend);
  }
  return { tf, available };
}

export async function runThroughput(options: ThroughputOptions): Promise<ThroughputResults> {
  // TF.js prints a banner about tfjs-node through console; the report is written without it.
  const { log, warn } = console;
  console.log = () => {};
  console.warn = () => {};
  try {
    return await throughputOf(options);
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

async function throughputOf(options: ThroughputOptions): Promise<ThroughputResults> {
  const { tf, available } = await loadTfjs(options.backends);
  const reference = compileReference();
  if ('skipped' in reference) options.log(`C reference: ${reference.skipped}`);
  else options.log(`C reference: ${reference.compiler}`);
  const results: WorkloadResult[] = [];
  for (const w of WORKLOADS) {
    const weights = initialWeights(w);
    const data = dataFor(w, Math.round(options.samples * (w.sampleFraction ?? 1)));
    const kernels = kernelPathFor({ inputSize: w.features, layers: w.layers });
    await batchsimEpoch(w, sliceRows(data, 0, Math.min(data.samples, 100_000)), weights); // warm-up
    if (kernels !== 'js') await batchsimEpoch(w, sliceRows(data, 0, Math.min(data.samples, 100_000)), weights, 'js');
    // batchsim and the C loops take turns, so that all see the same background load.
    // The fastest run by wall time, and the least CPU time of any run.
    const none: ReferenceEpoch = { seconds: Infinity, cpuSeconds: Infinity, loss: NaN, weights: null };
    const better = (best: ReferenceEpoch, run: ReferenceEpoch): ReferenceEpoch => ({
      ...(run.seconds < best.seconds ? run : best),
      cpuSeconds: Math.min(best.cpuSeconds, run.cpuSeconds),
    });
    let fastest = none;
    let fastestJs = none;
    let fastestC = none;
    let fastestFma = none;
    for (let i = 0; i < options.repeats; i++) {
      fastest = better(fastest, await batchsimEpoch(w, data, weights));
      if (kernels !== 'js') fastestJs = better(fastestJs, await batchsimEpoch(w, data, weights, 'js'));
      if (!('skipped' in reference)) {
        fastestC = better(fastestC, reference.epoch('same', w.layers, w.batchSize, data, weights));
        fastestFma = better(fastestFma, reference.epoch('fma', w.layers, w.batchSize, data, weights));
      }
    }
    const rate = (r: ReferenceEpoch): Rate => ({
      samples: data.samples,
      seconds: r.seconds,
      samplesPerSecond: data.samples / r.seconds,
      cpuSamplesPerSecond: data.samples / r.cpuSeconds,
      loss: r.loss,
      weights: r.weights,
    });
    const batchsim = rate(fastest);
    const batchsimJs = kernels === 'js' ? null : rate(fastestJs);
    const per = (r: Rate): string => `${Math.round(r.samplesPerSecond).toLocaleString('en-US')} samples/s, ${Math.round(r.cpuSamplesPerSecond!).toLocaleString('en-US')} by CPU time`;
    options.log(`${w.id} batchsim (${kernels} kernels): ${per(batchsim)} (epoch loss ${batchsim.loss.toPrecision(9)}, weights ${batchsim.weights})`);
    if (batchsimJs !== null) options.log(`${w.id} batchsim (js kernels): ${per(batchsimJs)} (epoch loss ${batchsimJs.loss.toPrecision(9)}, weights ${batchsimJs.weights})`);
    let c: Rate | null = null;
    let cFma: Rate | null = null;
    let sameBits: WorkloadResult['sameBits'] = null;
    if (!('skipped' in reference)) {
      c = rate(fastestC);
      cFma = rate(fastestFma);
      sameBits = { loss: Math.fround(c.loss) === batchsim.loss, weights: c.weights === batchsim.weights };
      const verdict = sameBits.loss && sameBits.weights ? 'the same bits as batchsim' : 'DIFFERENT from batchsim';
      options.log(`${w.id} C, same arithmetic: ${per(c)} (epoch loss ${c.loss.toPrecision(9)}, weights ${c.weights}: ${verdict})`);
      options.log(`${w.id} C, float32 FMA (different rounding): ${per(cFma)} (epoch loss ${cFma.loss.toPrecision(9)})`);
    }

    const tfjsSamples = Math.max(w.batchSize, Math.round((w.tfjsSamples * options.tfjsScale) / w.batchSize) * w.batchSize);
    const tfjsData = sliceRows(data, 0, Math.min(tfjsSamples, data.samples));
    const rates: Partial<Record<'cpu' | 'wasm', Rate>> = {};
    for (const backend of ['cpu', 'wasm'] as const) {
      if (!available.includes(backend)) continue;
      await tf.setBackend(backend);
      await tfjsEpoch(tf, w, sliceRows(tfjsData, 0, Math.min(tfjsData.samples, 20 * w.batchSize)), weights); // warm-up
      rates[backend] = await best(options.repeats, tfjsData.samples, () => tfjsEpoch(tf, w, tfjsData, weights));
      options.log(`${w.id} tfjs-${backend}: ${Math.round(rates[backend]!.samplesPerSecond).toLocaleString('en-US')} samples/s`);
    }
    const check = rates.cpu ? { batchsim: (await batchsimEpoch(w, tfjsData, weights)).loss, tfjs: rates.cpu.loss } : null;
    const ratioCpu = rates.cpu ? batchsim.samplesPerSecond / rates.cpu.samplesPerSecond : null;
    const ratioWasm = rates.wasm ? batchsim.samplesPerSecond / rates.wasm.samplesPerSecond : null;
    const ratioC = c ? batchsim.samplesPerSecond / c.samplesPerSecond : null;
    const ratioCFma = cFma ? batchsim.samplesPerSecond / cFma.samplesPerSecond : null;
    const ratioCCpu = c ? batchsim.cpuSamplesPerSecond! / c.cpuSamplesPerSecond! : null;
    const ratioCFmaCpu = cFma ? batchsim.cpuSamplesPerSecond! / cFma.cpuSamplesPerSecond! : null;
    const met =
      (ratioCpu === null || ratioCpu >= w.targetCpu) &&
      (w.targetWasm === undefined || ratioWasm === null || ratioWasm >= w.targetWasm) &&
      (w.targetC === undefined || ratioCCpu === null || ratioCCpu >= w.targetC) &&
      (sameBits === null || (sameBits.loss && sameBits.weights));
    results.push({
      id: w.id,
      model: w.model,
      batchSize: w.batchSize,
      batchsim,
      kernels,
      batchsimJs,
      tfjsCpu: rates.cpu ?? null,
      tfjsWasm: rates.wasm ?? null,
      ratioCpu,
      ratioWasm,
      c,
      ratioC,
      ratioCCpu,
      sameBits,
      cFma,
      ratioCFma,
      ratioCFmaCpu,
      targetCpu: w.targetCpu,
      targetWasm: w.targetWasm ?? null,
      targetC: w.targetC ?? null,
      lossCheck: check,
      met,
    });
  }
  if (!('skipped' in reference)) reference.dispose();
  return { workloads: results, c: 'skipped' in reference ? { skipped: reference.skipped } : { compiler: reference.compiler } };
}

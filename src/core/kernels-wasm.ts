/**
 * The Dense layers' matrix products as WebAssembly SIMD (scripts/build-wasm.mjs says what each
 * function computes and how it rounds): the same sums, in the same order, with the same roundings
 * as the JavaScript kernels in dense.ts, so both give the same bits. Two float32 columns share one
 * f64x2 vector, where JavaScript computes one number at a time.
 *
 * Where WebAssembly or its SIMD instructions are missing, `wasmKernelsModule()` is null and the
 * models use the JavaScript kernels.
 */
import { KERNELS_WASM_BASE64 } from './kernels-wasm-module.js';

// The part of the WebAssembly API used here (the project's TypeScript setup has no DOM types).
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    constructor(descriptor: { initial: number });
    readonly buffer: ArrayBuffer;
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  function validate(bytes: Uint8Array): boolean;
}
declare function atob(data: string): string;

/**
 * C[a, j] = Σ_k A[a, k]·B[k, j] over byte addresses and byte strides: A[a, k] at A + a·sa + k·ka,
 * B[k, j] at B + k·kb + 4j, C[a, j] at C + a·sc + 4j; a < rowsA, k < K, j < cols. `bias` is the
 * address of the float32 row added last (acc_round_bias only; 0 for the others).
 */
export type AccumulateKernel = (A: number, sa: number, ka: number, B: number, kb: number, C: number, sc: number, bias: number, rowsA: number, K: number, cols: number) => void;

export interface WasmKernels {
  readonly memory: WebAssembly.Memory;
  /** relu(at, count4): x < 0 ? +0 : x over count4 vectors of four floats, in place. */
  readonly relu: (at: number, count4: number) => void;
  /** relu_backprop(output, delta, count4): delta ← output > 0 ? delta : +0. */
  readonly reluBackprop: (output: number, delta: number, count4: number) => void;
  /** bias_grad(delta, grads, rows, units): grads[j] = Σ_r delta[r, j], float32 sums in row order. */
  readonly biasGrad: (delta: number, grads: number, rows: number, units: number) => void;
  /**
   * adam(params, grads, m, v, count4, scalars): one Keras Adam update in float32, with α_t, 1 − β1,
   * 1 − β2 and ε as four float32 at `scalars`.
   */
  readonly adam: (params: number, grads: number, m: number, v: number, count4: number, scalars: number) => void;
  /** Sums rounded to float32 after every addition. */
  readonly accRound: AccumulateKernel;
  /** The same, then + bias[j], rounded. */
  readonly accRoundBias: AccumulateKernel;
  /** Sums kept in float64, rounded once when stored. */
  readonly accExact: AccumulateKernel;
  /**
   * accRound and accRoundBias with A, B and the bias read as float64: A[a, k] at A + a·sa + k·ka
   * (strides of 8-byte numbers), B[k, j] at B + k·kb + 8j, bias[j] at bias + 8j.
   */
  readonly accRoundWide: AccumulateKernel;
  readonly accRoundBiasWide: AccumulateKernel;
  /** accRoundBiasWide, then ReLU (z < 0 ? +0 : z) on each stored z. */
  readonly accRoundBiasReluWide: AccumulateKernel;
  /** accExact with B read as float64: B[k, j] at B + k·kb + 8j. */
  readonly accExactWideB: AccumulateKernel;
  /** promote(from, to, count2): float64 copies of count2 pairs of float32 numbers. */
  readonly promote: (from: number, to: number, count2: number) => void;
  /**
   * dotRows(A, sa, W, C, bias, rows, K): a layer of one unit, z[r] = f32(Σ_k A[r, k]·W[k]) + b, the
   * sum rounded after every addition; A float64 rows at stride sa, W float64, b float32, z float32.
   */
  readonly dotRows: (A: number, sa: number, W: number, C: number, bias: number, rows: number, K: number) => void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where this JavaScript engine cannot run it. Compiled once. */
export function wasmKernelsModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (typeof WebAssembly === 'object' && typeof atob === 'function') {
      const text = atob(KERNELS_WASM_BASE64);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    }
  } catch {
    compiled = null;
  }
  return compiled;
}

/** An instance over a memory of at least `bytes` bytes, or null without WebAssembly SIMD. */
export function createWasmKernels(bytes: number): WasmKernels | null {
  const module = wasmKernelsModule();
  if (module === null) return null;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as {
    acc_round: AccumulateKernel;
    acc_round_bias: AccumulateKernel;
    acc_exact: AccumulateKernel;
    acc_round_wide: AccumulateKernel;
    acc_round_bias_wide: AccumulateKernel;
    acc_exact_wide_b: AccumulateKernel;
    promote: WasmKernels['promote'];
    dot_rows: WasmKernels['dotRows'];
    acc_round_bias_relu_wide: AccumulateKernel;
    relu: WasmKernels['relu'];
    relu_backprop: WasmKernels['reluBackprop'];
    bias_grad: WasmKernels['biasGrad'];
    adam: WasmKernels['adam'];
  };
  return {
    memory,
    accRound: exports.acc_round,
    accRoundBias: exports.acc_round_bias,
    accExact: exports.acc_exact,
    accRoundWide: exports.acc_round_wide,
    accRoundBiasWide: exports.acc_round_bias_wide,
    accExactWideB: exports.acc_exact_wide_b,
    promote: exports.promote,
    dotRows: exports.dot_rows,
    accRoundBiasReluWide: exports.acc_round_bias_relu_wide,
    relu: exports.relu,
    reluBackprop: exports.relu_backprop,
    biasGrad: exports.bias_grad,
    adam: exports.adam,
  };
}

/**
 * WebAssembly instances kept for reuse by runs made one after another (a sweep worker makes
 * hundreds): a fresh memory and instance for each model and optimizer cost about a tenth of a
 * millisecond each, several per cent of a run of a few hundredths of a second. `take` hands out
 * an idle instance whose memory is large enough (or makes one), with every byte of its memory
 * zeroed, which is the state a fresh one starts in; `release` makes every instance handed out idle
 * again, once the models and optimizers that took them are no longer used.
 */
export class WasmKernelsPool {
  private readonly idle: WasmKernels[] = [];
  private readonly taken: WasmKernels[] = [];

  /** An instance over a zeroed memory of at least `bytes` bytes, or null without WebAssembly SIMD. */
  take(bytes: number): WasmKernels | null {
    let best = -1;
    for (let i = 0; i < this.idle.length; i++) {
      const size = this.idle[i].memory.buffer.byteLength;
      if (size >= bytes && (best < 0 || size < this.idle[best].memory.buffer.byteLength)) best = i;
    }
    let kernels: WasmKernels | null;
    if (best >= 0) {
      kernels = this.idle[best];
      this.idle.splice(best, 1);
      new Uint8Array(kernels.memory.buffer).fill(0);
    } else {
      kernels = createWasmKernels(bytes);
    }
    if (kernels !== null) this.taken.push(kernels);
    return kernels;
  }

  /** Every instance handed out is idle again: call only once nothing uses them. */
  release(): void {
    for (const kernels of this.taken) this.idle.push(kernels);
    this.taken.length = 0;
  }

  /** Instances made so far. */
  get size(): number {
    return this.idle.length + this.taken.length;
  }
}

/**
 * Writes src/core/kernels-wasm-module.ts: the WebAssembly module of the Dense layers' matrix
 * products (src/core/kernels-wasm.ts), assembled here byte by byte and embedded as base64, so
 * that neither the build nor a user needs a WebAssembly toolchain.
 *
 *   node scripts/build-wasm.mjs          regenerate the file
 *   node scripts/build-wasm.mjs --check  exit 1 when the file is not what this script writes
 *
 * One emitter makes all three exported functions. Each computes, for a = 0 … rowsA − 1 and
 * j = 0 … cols − 1,
 *
 *   C[a, j] = Σ_k A[a, k]·B[k, j]   (k = 0, 1, … K − 1, in that order)
 *
 * with A read as float32 scalars at A + a·sa + k·ka, B as float32 rows at B + k·kb + 4j, C written
 * at C + a·sc + 4j (all byte addresses and strides). Two columns share one f64x2 vector, eight
 * columns of two rows are eight running sums at a time. Every product of two float32 numbers is
 * exact in float64; what differs between the functions is the rounding of the sum:
 *
 *   acc_round      the sum rounded to float32 after every addition (demote, promote), as
 *                  Math.fround(s + x·w) does, then written as float32
 *   acc_round_bias the same, then + bias[j] rounded to float32 (Keras adds the bias after the
 *                  matmul)
 *   acc_exact      the sum kept in float64 and rounded once when written
 *
 * which are exactly the JavaScript kernels' roundings (src/core/dense.ts), so both give the same
 * bits. The `_wide_b` version reads B as float64 numbers (B[k, j] at B + k·kb + 8j), the `_wide`
 * ones A and B (and the bias), which the caller writes once with `promote` where many products
 * reuse them (a step's weights, a batch's inputs and deltas): the inner loop then converts only
 * the running sums, whose demote and promote instructions bound its speed.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const OUT = new URL('../src/core/kernels-wasm-module.ts', import.meta.url);

// --- encoding -----------------------------------------------------------------------------------
const uleb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const sleb = (n) => {
  const out = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
};
const str = (s) => [...uleb(s.length), ...Buffer.from(s, 'utf8')];
const vec = (items) => [...uleb(items.length), ...items.flat()];
const section = (id, bytes) => [id, ...uleb(bytes.length), ...bytes];

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

// Instructions (each returns bytes).
const op = {
  block: () => [0x02, 0x40],
  loop: () => [0x03, 0x40],
  if: () => [0x04, 0x40],
  end: () => [0x0b],
  br: (l) => [0x0c, ...uleb(l)],
  brIf: (l) => [0x0d, ...uleb(l)],
  get: (x) => [0x20, ...uleb(x)],
  set: (x) => [0x21, ...uleb(x)],
  i32: (n) => [0x41, ...sleb(n)],
  i32Add: () => [0x6a],
  i32Sub: () => [0x6b],
  i32Mul: () => [0x6c],
  i32GtS: () => [0x4a],
  i32LtS: () => [0x48],
  i32Eqz: () => [0x45],
  f32Load: (offset = 0) => [0x2a, 2, ...uleb(offset)],
  f32Store: (offset = 0) => [0x38, 2, ...uleb(offset)],
  f64Load: (offset = 0) => [0x2b, 3, ...uleb(offset)],
  f64Add: () => [0xa0],
  f64Mul: () => [0xa2],
  f64Const0: () => [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  f32DemoteF64: () => [0xb6],
  f64PromoteF32: () => [0xbb],
  simd: (code, ...rest) => [0xfd, ...uleb(code), ...rest],
};
const v = {
  const0: () => op.simd(0x0c, ...new Array(16).fill(0)),
  load64Zero: (offset = 0) => op.simd(0x5d, 3, ...uleb(offset)),
  store64Lane0: (offset = 0) => op.simd(0x5b, 3, ...uleb(offset), 0),
  f64x2Splat: () => op.simd(0x14),
  f64x2Add: () => op.simd(0xf0),
  f64x2Mul: () => op.simd(0xf2),
  demote: () => op.simd(0x5e), // f32x4.demote_f64x2_zero
  promote: () => op.simd(0x5f), // f64x2.promote_low_f32x4
};

// --- the kernel ---------------------------------------------------------------------------------
// Parameters.
const P = { A: 0, sa: 1, ka: 2, B: 3, kb: 4, C: 5, sc: 6, bias: 7, rowsA: 8, K: 9, cols: 10 };
const PARAMS = 11;
// Locals after the parameters.
let next = PARAMS;
const L = {};
for (const name of ['a', 'j', 'k', 'pA0', 'pA1', 'pB']) L[name] = next++;
const I32_LOCALS = 6;
for (const name of ['s0', 's1']) L[name] = next++;
const F64_LOCALS = 2;
for (let n = 0; n < 8; n++) L[`acc${n}`] = next++;
for (const name of ['x0', 'x1', 'w']) L[name] = next++;
const V128_LOCALS = 11;
L.t = next++;
const F32_LOCALS = 1;
const pA = (rr) => L[`pA${rr}`];
const xOf = (rr) => L[`x${rr}`];
const sOf = (rr) => L[`s${rr}`];

function kernel({ round, bias, wideA = false, wideB = false, relu = false }) {
  // With wideA, A holds float64 numbers too (A[a, k] at A + a·sa + k·ka, strides for 8-byte
  // numbers), read with one splatting load and no conversion.
  // With wideB, B holds float64 numbers (B[k, j] at B + k·kb + 8j): operands used by many rows,
  // promoted once by the caller, so the inner loop converts only the running sums, and the
  // multiplications read B straight from memory. (Three rows, twelve running sums, measured no
  // faster: the demote and promote instructions, two micro-operations each on the same ports,
  // bound the loop, not the latency of one sum's chain.)
  const bWidth = wideB ? 8 : 4;
  const code = [];
  const emit = (...parts) => {
    for (const p of parts) code.push(...p);
  };
  const acc = (rr, l) => L[`acc${rr * 4 + l}`];
  const plus = (rr) => (rr ? [...op.i32(rr), ...op.i32Add()] : []);

  // pA_rr = A + (a + rr)·sa; pB = B + bWidth·j; k = K
  const startSums = (rows) => {
    for (let rr = 0; rr < rows; rr++) emit(op.get(P.A), op.get(L.a), plus(rr), op.get(P.sa), op.i32Mul(), op.i32Add(), op.set(pA(rr)));
    emit(op.get(P.B), op.get(L.j), op.i32(bWidth), op.i32Mul(), op.i32Add(), op.set(L.pB));
    emit(op.get(P.K), op.set(L.k));
  };
  // The k loop around `body`, which reads pA0… and pB; advances the pointers.
  const kLoop = (rows, body) => {
    emit(op.block(), op.loop());
    emit(op.get(L.k), op.i32Eqz(), op.brIf(1));
    body();
    for (let rr = 0; rr < rows; rr++) emit(op.get(pA(rr)), op.get(P.ka), op.i32Add(), op.set(pA(rr)));
    emit(op.get(L.pB), op.get(P.kb), op.i32Add(), op.set(L.pB));
    emit(op.get(L.k), op.i32(1), op.i32Sub(), op.set(L.k));
    emit(op.br(0), op.end(), op.end());
  };
  // Address of C[a + rr, j] on the stack.
  const cAddress = (rr) => emit(op.get(P.C), op.get(L.a), plus(rr), op.get(P.sc), op.i32Mul(), op.i32Add(), op.get(L.j), op.i32(4), op.i32Mul(), op.i32Add());
  // With wideB the bias is float64 too (the caller promotes it with the weights).
  const biasAddress = () => emit(op.get(P.bias), op.get(L.j), op.i32(bWidth), op.i32Mul(), op.i32Add());
  // acc ← acc + x·w (x and w on the locals), rounded when `round`.
  const multiplyAdd = (rr, l, w) => {
    emit(op.get(acc(rr, l)), op.get(xOf(rr)), w, v.f64x2Mul(), v.f64x2Add());
    if (round) emit(v.demote(), v.promote());
    emit(op.set(acc(rr, l)));
  };

  // `lanes` f64x2 vectors (2·lanes columns) for `rows` rows.
  const vectorBlock = (rows, lanes) => {
    for (let rr = 0; rr < rows; rr++) for (let l = 0; l < lanes; l++) emit(v.const0(), op.set(acc(rr, l)));
    startSums(rows);
    kLoop(rows, () => {
      for (let rr = 0; rr < rows; rr++) emit(op.get(pA(rr)), ...(wideA ? [op.simd(0x0a, 3, 0)] : [op.f32Load(), op.f64PromoteF32(), v.f64x2Splat()]), op.set(xOf(rr)));
      if (wideB) {
        for (let rr = 0; rr < rows; rr++) for (let l = 0; l < lanes; l++) multiplyAdd(rr, l, [...op.get(L.pB), ...op.simd(0x00, 4, ...uleb(16 * l))]);
      } else {
        for (let l = 0; l < lanes; l++) {
          emit(op.get(L.pB), v.load64Zero(8 * l), v.promote(), op.set(L.w));
          for (let rr = 0; rr < rows; rr++) multiplyAdd(rr, l, op.get(L.w));
        }
      }
    });
    for (let rr = 0; rr < rows; rr++) {
      for (let l = 0; l < lanes; l++) {
        cAddress(rr);
        emit(op.get(acc(rr, l)));
        if (bias) {
          biasAddress();
          emit(...(wideB ? [op.simd(0x00, 4, ...uleb(16 * l))] : [v.load64Zero(8 * l), v.promote()]), v.f64x2Add());
        }
        emit(v.demote());
        // ReLU on the rounded z, as the relu function does: z < 0 ? +0 : z (NaN and −0 kept).
        if (relu) emit(op.set(L.w), op.get(L.w), op.get(L.w), v.const0(), op.simd(0x43), op.simd(0x4f));
        emit(v.store64Lane0(8 * l));
      }
    }
  };
  // One column for `rows` rows, in scalar float64.
  const scalarBlock = (rows) => {
    for (let rr = 0; rr < rows; rr++) emit(op.f64Const0(), op.set(sOf(rr)));
    startSums(rows);
    kLoop(rows, () => {
      for (let rr = 0; rr < rows; rr++) {
        const s = sOf(rr);
        emit(op.get(s), op.get(pA(rr)), ...(wideA ? [op.f64Load()] : [op.f32Load(), op.f64PromoteF32()]), op.get(L.pB), ...(wideB ? [op.f64Load()] : [op.f32Load(), op.f64PromoteF32()]), op.f64Mul(), op.f64Add());
        if (round) emit(op.f32DemoteF64(), op.f64PromoteF32());
        emit(op.set(s));
      }
    });
    for (let rr = 0; rr < rows; rr++) {
      cAddress(rr);
      emit(op.get(sOf(rr)));
      if (bias) {
        biasAddress();
        emit(...(wideB ? [op.f64Load()] : [op.f32Load(), op.f64PromoteF32()]), op.f64Add());
      }
      emit(op.f32DemoteF64());
      if (relu) emit(op.set(L.t), [0x43, 0, 0, 0, 0], op.get(L.t), op.get(L.t), [0x43, 0, 0, 0, 0], [0x5d], [0x1b]); // t < 0 ? 0 : t
      emit(op.f32Store());
    }
  };
  // All columns of `rows` rows: eight at a time, then two, then one.
  const columns = (rows) => {
    emit(op.i32(0), op.set(L.j));
    for (const width of [8, 2]) {
      emit(op.block(), op.loop());
      emit(op.get(L.j), op.i32(width), op.i32Add(), op.get(P.cols), op.i32GtS(), op.brIf(1));
      vectorBlock(rows, width / 2);
      emit(op.get(L.j), op.i32(width), op.i32Add(), op.set(L.j));
      emit(op.br(0), op.end(), op.end());
    }
    emit(op.get(L.j), op.get(P.cols), op.i32LtS(), op.if());
    scalarBlock(rows);
    emit(op.end());
  };

  // Rows of A: two at a time while they last, then one.
  const most = 2;
  emit(op.i32(0), op.set(L.a));
  emit(op.block(), op.loop());
  emit(op.get(L.a), op.i32(most), op.i32Add(), op.get(P.rowsA), op.i32GtS(), op.brIf(1));
  columns(most);
  emit(op.get(L.a), op.i32(most), op.i32Add(), op.set(L.a));
  emit(op.br(0), op.end(), op.end());
  for (let rows = most - 1; rows >= 1; rows--) {
    emit(op.get(L.a), op.i32(rows), op.i32Add(), op.get(P.rowsA), op.i32GtS(), op.i32Eqz(), op.if());
    columns(rows);
    emit(op.get(L.a), op.i32(rows), op.i32Add(), op.set(L.a));
    emit(op.end());
  }

  const locals = vec([
    [...uleb(I32_LOCALS), I32],
    [...uleb(F64_LOCALS), F64],
    [...uleb(V128_LOCALS), V128],
    [...uleb(F32_LOCALS), 0x7d],
  ]);
  const body = [...locals, ...code, 0x0b];
  return [...uleb(body.length), ...body];
}

// --- element-wise functions, four float32 lanes at a time --------------------------------------
// Regions are padded to whole vectors by the caller (count4 vectors of four floats).
const F32 = 0x7d;
const x4 = {
  load: (offset = 0) => op.simd(0x00, 4, ...uleb(offset)),
  store: (offset = 0) => op.simd(0x0b, 4, ...uleb(offset)),
  splat: () => op.simd(0x13),
  lt: () => op.simd(0x43),
  gt: () => op.simd(0x44),
  and: () => op.simd(0x4e),
  andnot: () => op.simd(0x4f),
  add: () => op.simd(0xe4),
  sub: () => op.simd(0xe5),
  mul: () => op.simd(0xe6),
  div: () => op.simd(0xe7),
  sqrt: () => op.simd(0xe3),
};

/** A function body: `locals` as [count, type] pairs, `build(emit)` writes the code. */
function body(locals, build) {
  const code = [];
  build((...parts) => {
    for (const p of parts) code.push(...p);
  });
  const bytes = [...vec(locals.map(([count, t]) => [...uleb(count), t])), ...code, 0x0b];
  return [...uleb(bytes.length), ...bytes];
}

/** `for (i = 0; i < count; i++) step()`, counting down the i32 local `counter`. */
const countDown = (emit, counter, step) => {
  emit(op.block(), op.loop(), op.get(counter), op.i32Eqz(), op.brIf(1));
  step();
  emit(op.get(counter), op.i32(1), op.i32Sub(), op.set(counter), op.br(0), op.end(), op.end());
};
const advance = (emit, pointer, bytes) => emit(op.get(pointer), op.i32(bytes), op.i32Add(), op.set(pointer));

/**
 * relu(at, count4): x < 0 ? +0 : x, in place (NaN and −0 kept), as a mask on the bits.
 */
const relu = body([], (emit) => {
  countDown(emit, 1, () => {
    emit(op.get(0), op.get(0), x4.load(), op.get(0), x4.load(), v.const0(), x4.lt(), x4.andnot(), x4.store());
    advance(emit, 0, 16);
  });
});

/** relu_backprop(output, delta, count4): delta ← output > 0 ? delta : +0. */
const reluBackprop = body([], (emit) => {
  countDown(emit, 2, () => {
    emit(op.get(1), op.get(1), x4.load(), op.get(0), x4.load(), v.const0(), x4.gt(), x4.and(), x4.store());
    advance(emit, 0, 16);
    advance(emit, 1, 16);
  });
});

/**
 * bias_grad(delta, grads, rows, units): grads[j] = Σ_r delta[r, j], each sum rounded to float32
 * after every addition in the order r = 0, 1, …; four units at a time, then one.
 * Locals: 4 j, 5 p, 6 r; 7 acc (v128); 8 s (f32).
 */
const biasGrad = body(
  [
    [3, I32],
    [1, V128],
    [1, F32],
  ],
  (emit) => {
    emit(op.i32(0), op.set(4));
    const column = (width) => {
      emit(width === 4 ? v.const0() : [0x43, 0, 0, 0, 0], op.set(width === 4 ? 7 : 8));
      emit(op.get(0), op.get(4), op.i32(4), op.i32Mul(), op.i32Add(), op.set(5), op.get(2), op.set(6));
      countDown(emit, 6, () => {
        if (width === 4) emit(op.get(7), op.get(5), x4.load(), x4.add(), op.set(7));
        else emit(op.get(8), op.get(5), [0x2a, 2, 0], [0x92], op.set(8));
        emit(op.get(5), op.get(3), op.i32(4), op.i32Mul(), op.i32Add(), op.set(5));
      });
      emit(op.get(1), op.get(4), op.i32(4), op.i32Mul(), op.i32Add(), op.get(width === 4 ? 7 : 8), width === 4 ? x4.store() : [0x38, 2, 0]);
      emit(op.get(4), op.i32(width), op.i32Add(), op.set(4));
    };
    for (const width of [4, 1]) {
      emit(op.block(), op.loop());
      emit(op.get(4), op.i32(width), op.i32Add(), op.get(3), op.i32GtS(), op.brIf(1));
      column(width);
      emit(op.br(0), op.end(), op.end());
    }
  },
);

/**
 * adam(params, grads, m, v, count4, scalars): Keras's Adam update in float32, with α_t, 1 − β1,
 * 1 − β2 and ε read as float32 from `scalars` (passed in memory: a fractional number passed to
 * WebAssembly as an argument is a fresh heap object on every call),
 * each operation rounded, in src/core/optimizers.ts's order:
 *   m ← m + (g − m)·(1 − β1);  v ← v + (g·g − v)·(1 − β2);  θ ← θ − (m·α) / (sqrt(v) + ε)
 * Locals: 6 g, 7 m, 8 v (v128); 9–12 α_t, 1 − β1, 1 − β2, ε (f32).
 */
const adam = body(
  [
    [3, V128],
    [4, F32],
  ],
  (emit) => {
    const [G, M, V, ALPHA, ONE_MINUS_B1, ONE_MINUS_B2, EPSILON] = [6, 7, 8, 9, 10, 11, 12];
    for (let n = 0; n < 4; n++) emit(op.get(5), [0x2a, 2, ...uleb(4 * n)], op.set(ALPHA + n));
    const f32x4Of = (local) => emit(op.get(local), x4.splat());
    countDown(emit, 4, () => {
      emit(op.get(1), x4.load(), op.set(G));
      // m
      emit(op.get(2), op.get(2), x4.load(), op.get(G), op.get(2), x4.load(), x4.sub());
      f32x4Of(ONE_MINUS_B1);
      emit(x4.mul(), x4.add(), op.set(M), op.get(M), x4.store());
      // v
      emit(op.get(3), op.get(3), x4.load(), op.get(G), op.get(G), x4.mul(), op.get(3), x4.load(), x4.sub());
      f32x4Of(ONE_MINUS_B2);
      emit(x4.mul(), x4.add(), op.set(V), op.get(V), x4.store());
      // θ
      emit(op.get(0), op.get(0), x4.load(), op.get(M));
      f32x4Of(ALPHA);
      emit(x4.mul(), op.get(V), x4.sqrt());
      f32x4Of(EPSILON);
      emit(x4.add(), x4.div(), x4.sub(), x4.store());
      for (const p of [0, 1, 2, 3]) advance(emit, p, 16);
    });
  },
);

/**
 * promote(from, to, count2): float64 copies of count2 pairs of float32 numbers, from `from` to
 * `to` (exact: every float32 is a float64). The caller pads both regions to whole vectors.
 */
const promote = body([], (emit) => {
  countDown(emit, 2, () => {
    emit(op.get(1), op.get(0), v.load64Zero(), v.promote(), x4.store());
    advance(emit, 0, 8);
    advance(emit, 1, 16);
  });
});

/**
 * dot_rows(A, sa, W, C, bias, rows, K): a layer of one unit, z[r] = f(Σ_k A[r, k]·W[k]) + b
 * rounded, with A[r, k] float64 at A + r·sa + 8k and W[k] float64 at W + 8k (both promoted by the
 * caller),
 * b float32 at `bias`, z[r] float32 at C + 4r. Each sum is rounded to float32 after every addition
 * in the order k = 0, 1, …, then the bias is added and rounded, as the JavaScript kernel does.
 * Two rows share an f64x2 vector, eight rows are four running sums at a time; then two rows, then
 * one in scalar float64.
 * Locals: 7 r, 8 k, 9 p, 10 pw, 11–17 the offsets 1·sa … 7·sa; 18 s (f64); 19–22 the sums, 23 w,
 * 24 x, 25 b (v128).
 */
const dotRows = body(
  [
    [11, I32],
    [1, F64],
    [7, V128],
  ],
  (emit) => {
    const [A, SA, W, C, BIAS, ROWS, K] = [0, 1, 2, 3, 4, 5, 6];
    const [R, KK, PP, PW] = [7, 8, 9, 10];
    const offset = (q) => 10 + q;
    const [S, WV, X, BV] = [18, 23, 24, 25];
    const sum = (q) => 19 + q;
    const rowAddress = (q) => emit(op.get(PP), q === 0 ? [] : [...op.get(offset(q)), ...op.i32Add()]);
    for (let q = 1; q < 8; q++) emit(op.get(SA), op.i32(q), op.i32Mul(), op.set(offset(q)));
    emit(op.get(BIAS), op.f32Load(), op.f64PromoteF32(), v.f64x2Splat(), op.set(BV));
    emit(op.i32(0), op.set(R));
    // `pairs` vectors of two rows while 2·pairs rows remain.
    const rowBlock = (pairs) => {
      emit(op.block(), op.loop());
      emit(op.get(R), op.i32(2 * pairs), op.i32Add(), op.get(ROWS), op.i32GtS(), op.brIf(1));
      for (let q = 0; q < pairs; q++) emit(v.const0(), op.set(sum(q)));
      emit(op.get(A), op.get(R), op.get(SA), op.i32Mul(), op.i32Add(), op.set(PP), op.get(W), op.set(PW), op.get(K), op.set(KK));
      countDown(emit, KK, () => {
        emit(op.get(PW), op.simd(0x0a, 3, 0), op.set(WV)); // v128.load64_splat
        for (let q = 0; q < pairs; q++) {
          rowAddress(2 * q);
          emit(v.load64Zero(), op.set(X));
          rowAddress(2 * q + 1);
          emit(op.get(X), op.simd(0x57, 3, 0, 1)); // v128.load64_lane 1
          emit(op.get(WV), v.f64x2Mul(), op.get(sum(q)), v.f64x2Add(), v.demote(), v.promote(), op.set(sum(q)));
        }
        advance(emit, PP, 8);
        advance(emit, PW, 8);
      });
      for (let q = 0; q < pairs; q++) {
        emit(op.get(C), op.get(R), op.i32(4), op.i32Mul(), op.i32Add(), op.get(sum(q)), op.get(BV), v.f64x2Add(), v.demote(), v.store64Lane0(8 * q));
      }
      emit(op.get(R), op.i32(2 * pairs), op.i32Add(), op.set(R));
      emit(op.br(0), op.end(), op.end());
    };
    rowBlock(4);
    rowBlock(1);
    emit(op.get(R), op.get(ROWS), op.i32LtS(), op.if());
    emit(op.f64Const0(), op.set(S));
    emit(op.get(A), op.get(R), op.get(SA), op.i32Mul(), op.i32Add(), op.set(PP), op.get(W), op.set(PW), op.get(K), op.set(KK));
    countDown(emit, KK, () => {
      emit(op.get(PP), op.f64Load(), op.get(PW), op.f64Load(), op.f64Mul(), op.get(S), op.f64Add(), op.f32DemoteF64(), op.f64PromoteF32(), op.set(S));
      advance(emit, PP, 8);
      advance(emit, PW, 8);
    });
    emit(op.get(C), op.get(R), op.i32(4), op.i32Mul(), op.i32Add(), op.get(S), op.get(BIAS), op.f32Load(), op.f64PromoteF32(), op.f64Add(), op.f32DemoteF64(), op.f32Store());
    emit(op.end());
  },
);

const ACC_TYPE = [0x60, ...vec(new Array(PARAMS).fill([I32])), ...vec([])];
const TYPES = [
  ACC_TYPE,
  [0x60, ...vec([[I32], [I32]]), ...vec([])],
  [0x60, ...vec([[I32], [I32], [I32]]), ...vec([])],
  [0x60, ...vec([[I32], [I32], [I32], [I32]]), ...vec([])],
  [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), ...vec([])],
  [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32], [I32]]), ...vec([])],
];
const FUNCTIONS = [
  { name: 'acc_round', type: 0, code: kernel({ round: true, bias: false }) },
  { name: 'acc_round_bias', type: 0, code: kernel({ round: true, bias: true }) },
  { name: 'acc_exact', type: 0, code: kernel({ round: false, bias: false }) },
  { name: 'relu', type: 1, code: relu },
  { name: 'relu_backprop', type: 2, code: reluBackprop },
  { name: 'bias_grad', type: 3, code: biasGrad },
  { name: 'adam', type: 4, code: adam },
  { name: 'acc_round_wide', type: 0, code: kernel({ round: true, bias: false, wideA: true, wideB: true }) },
  { name: 'acc_round_bias_wide', type: 0, code: kernel({ round: true, bias: true, wideA: true, wideB: true }) },
  { name: 'acc_exact_wide_b', type: 0, code: kernel({ round: false, bias: false, wideB: true }) },
  { name: 'promote', type: 2, code: promote },
  { name: 'dot_rows', type: 5, code: dotRows },
  { name: 'acc_round_bias_relu_wide', type: 0, code: kernel({ round: true, bias: true, wideA: true, wideB: true, relu: true }) },
];

const module = [
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, vec(TYPES)),
  ...section(2, vec([[...str('env'), ...str('memory'), 0x02, 0x00, ...uleb(1)]])),
  ...section(3, vec(FUNCTIONS.map((f) => uleb(f.type)))),
  ...section(7, vec(FUNCTIONS.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]))),
  ...section(10, vec(FUNCTIONS.map((f) => f.code))),
];

const base64 = Buffer.from(module).toString('base64');
const lines = base64.match(/.{1,100}/g).map((line) => `  '${line}' +`);
lines[lines.length - 1] = lines[lines.length - 1].replace(/ \+$/, '');
const text = `/**
 * The WebAssembly module of src/core/kernels-wasm.ts (${module.length} bytes), written by
 * scripts/build-wasm.mjs, which says what it computes. Do not edit: regenerate.
 */
export const KERNELS_WASM_BASE64 =
${lines.join('\n')};
`;

if (process.argv.includes('--check')) {
  const current = readFileSync(OUT, 'utf8');
  if (current !== text) {
    console.error('src/core/kernels-wasm-module.ts is not what scripts/build-wasm.mjs writes: run it');
    process.exit(1);
  }
} else {
  writeFileSync(OUT, text);
  console.log(`src/core/kernels-wasm-module.ts: ${module.length} bytes`);
}

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
 * bits.
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

function kernel({ round, bias }) {
  const code = [];
  const emit = (...parts) => {
    for (const p of parts) code.push(...p);
  };
  const acc = (rr, l) => L[`acc${rr * 4 + l}`];

  // pA_rr = A + (a + rr)·sa; pB = B + 4j; k = K
  const startSums = (rows) => {
    for (let rr = 0; rr < rows; rr++) emit(op.get(P.A), op.get(L.a), rr ? op.i32(rr) : [], rr ? op.i32Add() : [], op.get(P.sa), op.i32Mul(), op.i32Add(), op.set(rr ? L.pA1 : L.pA0));
    emit(op.get(P.B), op.get(L.j), op.i32(4), op.i32Mul(), op.i32Add(), op.set(L.pB));
    emit(op.get(P.K), op.set(L.k));
  };
  // The k loop around `body`, which reads pA0/pA1/pB; advances the pointers.
  const kLoop = (rows, body) => {
    emit(op.block(), op.loop());
    emit(op.get(L.k), op.i32Eqz(), op.brIf(1));
    body();
    for (let rr = 0; rr < rows; rr++) {
      const p = rr ? L.pA1 : L.pA0;
      emit(op.get(p), op.get(P.ka), op.i32Add(), op.set(p));
    }
    emit(op.get(L.pB), op.get(P.kb), op.i32Add(), op.set(L.pB));
    emit(op.get(L.k), op.i32(1), op.i32Sub(), op.set(L.k));
    emit(op.br(0), op.end(), op.end());
  };
  // Address of C[a + rr, j] on the stack.
  const cAddress = (rr) => emit(op.get(P.C), op.get(L.a), rr ? op.i32(rr) : [], rr ? op.i32Add() : [], op.get(P.sc), op.i32Mul(), op.i32Add(), op.get(L.j), op.i32(4), op.i32Mul(), op.i32Add());
  const biasAddress = () => emit(op.get(P.bias), op.get(L.j), op.i32(4), op.i32Mul(), op.i32Add());

  // `lanes` f64x2 vectors (2·lanes columns) for `rows` rows.
  const vectorBlock = (rows, lanes) => {
    for (let rr = 0; rr < rows; rr++) for (let l = 0; l < lanes; l++) emit(v.const0(), op.set(acc(rr, l)));
    startSums(rows);
    kLoop(rows, () => {
      for (let rr = 0; rr < rows; rr++) emit(op.get(rr ? L.pA1 : L.pA0), op.f32Load(), op.f64PromoteF32(), v.f64x2Splat(), op.set(rr ? L.x1 : L.x0));
      for (let l = 0; l < lanes; l++) {
        emit(op.get(L.pB), v.load64Zero(8 * l), v.promote(), op.set(L.w));
        for (let rr = 0; rr < rows; rr++) {
          emit(op.get(acc(rr, l)), op.get(rr ? L.x1 : L.x0), op.get(L.w), v.f64x2Mul(), v.f64x2Add());
          if (round) emit(v.demote(), v.promote());
          emit(op.set(acc(rr, l)));
        }
      }
    });
    for (let rr = 0; rr < rows; rr++) {
      for (let l = 0; l < lanes; l++) {
        cAddress(rr);
        emit(op.get(acc(rr, l)));
        if (bias) {
          biasAddress();
          emit(v.load64Zero(8 * l), v.promote(), v.f64x2Add());
        }
        emit(v.demote(), v.store64Lane0(8 * l));
      }
    }
  };
  // One column for `rows` rows, in scalar float64.
  const scalarBlock = (rows) => {
    for (let rr = 0; rr < rows; rr++) emit(op.f64Const0(), op.set(rr ? L.s1 : L.s0));
    startSums(rows);
    kLoop(rows, () => {
      for (let rr = 0; rr < rows; rr++) {
        const s = rr ? L.s1 : L.s0;
        emit(op.get(s), op.get(rr ? L.pA1 : L.pA0), op.f32Load(), op.f64PromoteF32(), op.get(L.pB), op.f32Load(), op.f64PromoteF32(), op.f64Mul(), op.f64Add());
        if (round) emit(op.f32DemoteF64(), op.f64PromoteF32());
        emit(op.set(s));
      }
    });
    for (let rr = 0; rr < rows; rr++) {
      cAddress(rr);
      emit(op.get(rr ? L.s1 : L.s0));
      if (bias) {
        biasAddress();
        emit(op.f32Load(), op.f64PromoteF32(), op.f64Add());
      }
      emit(op.f32DemoteF64(), op.f32Store());
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

  emit(op.i32(0), op.set(L.a));
  emit(op.block(), op.loop());
  emit(op.get(L.a), op.i32(2), op.i32Add(), op.get(P.rowsA), op.i32GtS(), op.brIf(1));
  columns(2);
  emit(op.get(L.a), op.i32(2), op.i32Add(), op.set(L.a));
  emit(op.br(0), op.end(), op.end());
  emit(op.get(L.a), op.get(P.rowsA), op.i32LtS(), op.if());
  columns(1);
  emit(op.end());

  const locals = vec([
    [...uleb(I32_LOCALS), I32],
    [...uleb(F64_LOCALS), F64],
    [...uleb(V128_LOCALS), V128],
  ]);
  const body = [...locals, ...code, 0x0b];
  return [...uleb(body.length), ...body];
}

const FUNCTIONS = [
  { name: 'acc_round', round: true, bias: false },
  { name: 'acc_round_bias', round: true, bias: true },
  { name: 'acc_exact', round: false, bias: false },
];

const type = [0x60, ...vec(new Array(PARAMS).fill([I32])), ...vec([])];
const module = [
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, vec([type])),
  ...section(2, vec([[...str('env'), ...str('memory'), 0x02, 0x00, ...uleb(1)]])),
  ...section(3, vec(FUNCTIONS.map(() => uleb(0)))),
  ...section(7, vec(FUNCTIONS.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]))),
  ...section(10, vec(FUNCTIONS.map((f) => kernel(f)))),
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

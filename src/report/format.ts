/**
 * Keras's number and time formats, with Python's printf rules — the one place where batchsim
 * turns numbers into text for the progress display.
 *
 * Python's `'%.Nf'` and `'%.Ne'` round the *exact* binary value of a double, and an exact tie goes
 * to the even digit (`'%.4f' % 0.03125` → `0.0312`, `'%.0f' % 2.5` → `2`). JavaScript's `toFixed`
 * breaks ties upwards (`0.0313`, `3`) and `toExponential` writes `e-4` instead of `e-04`, so both
 * are done here with exact integer arithmetic instead: a finite double is m·2^e with an integer
 * m < 2^53, so `x·10^N` is a fraction of two BigInts and rounding it is one division.
 *
 * Every function is pure. Keras's own formats are in `Progbar`: keras/src/utils/progbar.py in
 * Keras 3, keras/utils/generic_utils.py in tf.keras 2.x.
 */

const bits = new DataView(new ArrayBuffer(8));

/** |x| as an exact fraction `numerator / denominator` (a power of two); x finite. */
function exactFraction(x: number): { numerator: bigint; denominator: bigint } {
  bits.setFloat64(0, x);
  const high = bits.getUint32(0);
  const low = bits.getUint32(4);
  const biasedExponent = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let exponent: number;
  if (biasedExponent === 0) {
    exponent = -1074; // subnormal (or zero): no implicit leading bit
  } else {
    mantissa |= 1n << 52n;
    exponent = biasedExponent - 1075;
  }
  return exponent >= 0
    ? { numerator: mantissa << BigInt(exponent), denominator: 1n }
    : { numerator: mantissa, denominator: 1n << BigInt(-exponent) };
}

/** numerator / denominator rounded to an integer, exact ties to the even integer. */
function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const twiceRemainder = 2n * (numerator % denominator);
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) {
    return quotient + 1n;
  }
  return quotient;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function checkDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < 0) throw new RangeError(`digits must be an integer ≥ 0, got ${digits}`);
}

/** Python's spelling of the non-finite values: `nan`, `inf`, `-inf`. Every view spells them so. */
export function nonFinite(x: number): string {
  return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

/** '-' for negative numbers and for -0, as Python writes them. */
function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

/** "123456" with 4 digits after the point → "12.3456"; with 0 digits no point is written. */
function withPoint(digitString: string, digits: number): string {
  if (digits === 0) return digitString;
  const padded = digitString.padStart(digits + 1, '0');
  return `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * Python `'%.{digits}f' % x`: the exact value of x correctly rounded, exact ties to even.
 * `pyFixed(0.03125, 4)` → `0.0312`, `pyFixed(2.5, 0)` → `2`, `pyFixed(-0, 4)` → `-0.0000`.
 */
export function pyFixed(x: number, digits: number): string {
  checkDigits(digits);
  if (!Number.isFinite(x)) return nonFinite(x);
  const { numerator, denominator } = exactFraction(x);
  const scaled = roundHalfEven(numerator * pow10(digits), denominator);
  return signOf(x) + withPoint(scaled.toString(), digits);
}

/**
 * Python `'%.{digits}e' % x`: `digits` digits after the point, exact ties to even, and an exponent
 * with a sign and at least two digits (`9.0000e-04`, `0.0000e+00`, `1.0000e-100`).
 */
export function pyExp(x: number, digits: number): string {
  checkDigits(digits);
  if (!Number.isFinite(x)) return nonFinite(x);
  const sign = signOf(x);
  if (x === 0) return `${sign}${withPoint('0'.repeat(digits + 1), digits)}e+00`;

  const { numerator, denominator } = exactFraction(x);
  // |x| = numerator / denominator; find the exponent E with 10^E ≤ |x| < 10^(E+1).
  const atLeastPow10 = (e: number): boolean =>
    e >= 0 ? numerator >= denominator * pow10(e) : numerator * pow10(-e) >= denominator;
  let exponent = Math.floor(Math.log10(Math.abs(x)));
  while (!atLeastPow10(exponent)) exponent--;
  while (atLeastPow10(exponent + 1)) exponent++;

  // digits + 1 significant digits: round |x| / 10^(E − digits).
  const shift = exponent - digits;
  let significand =
    shift >= 0
      ? roundHalfEven(numerator, denominator * pow10(shift))
      : roundHalfEven(numerator * pow10(-shift), denominator);
  if (significand === pow10(digits + 1)) {
    // Rounding carried into a new digit (9.99996 → 10.0000): 1.0000 one decade up.
    significand = pow10(digits);
    exponent++;
  }
  const text = significand.toString();
  const mantissa = digits === 0 ? text : `${text[0]}.${text.slice(1)}`;
  const exponentText = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return `${sign}${mantissa}e${exponentText}`;
}

/**
 * A metric value as Keras's Progbar prints it: `%.4f` when |v| > 1e-3, else `%.4e`
 * (`1.6794`, `9.0000e-04`, `0.0000e+00`, `nan`, `inf`, `-inf`).
 *
 * Keras 2's verbose=2 line tests `v > 1e-3` instead of `|v| > 1e-3` (a copy that drifted); the two
 * only differ for negative values, which no supported loss produces, so every mode shares this one.
 */
export function formatValue(value: number): string {
  return Math.abs(value) > 1e-3 ? pyFixed(value, 4) : pyExp(value, 4);
}

/**
 * A duration per unit, as Keras's `Progbar._format_time` (without its leading space):
 * t ≥ 1 s or t = 0 → `3s/step`; t ≥ 1 ms → `2ms/step`; otherwise `150us/step`. Each number is
 * `%.0f`, so 0.9996 s prints as `1000ms/step`, as in Keras.
 */
export function formatStepTime(seconds: number, unit: string): string {
  return `${formatDuration(seconds)}/${unit}`;
}

/** A duration with Keras's units rule alone: `3s`, `412ms`, `150us`. Every view writes durations so. */
export function formatDuration(seconds: number): string {
  if (seconds >= 1 || seconds === 0) return `${pyFixed(seconds, 0)}s`;
  if (seconds >= 1e-3) return `${pyFixed(seconds * 1e3, 0)}ms`;
  return `${pyFixed(seconds * 1e6, 0)}us`;
}

/** Python's `'%d' % x` for a float: truncation toward zero. */
function pyInt(x: number): string {
  return String(Math.trunc(x)).replace(/^-0$/, '0');
}

function twoDigits(x: number): string {
  return pyInt(x).padStart(2, '0');
}

/** Python's float `a % b`: the result takes the sign of b. */
function pyMod(a: number, b: number): number {
  let mod = a % b; // fmod, exact
  if (mod !== 0 && b < 0 !== mod < 0) mod += b;
  return mod;
}

/**
 * Python's float `a // b` (CPython's float_floordiv), which follows fmod rather than the rounded
 * quotient: `1 // 0.1` is 9 where `Math.floor(1 / 0.1)` is 10.
 */
function pyFloorDiv(a: number, b: number): number {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) {
    mod += b;
    div -= 1;
  }
  if (div === 0) return 0;
  let floorDiv = Math.floor(div);
  if (div - floorDiv > 0.5) floorDiv += 1;
  return floorDiv;
}

/**
 * The ETA of Keras's progress line, without the `ETA: ` label: > 3600 s → `h:mm:ss`,
 * > 60 s → `m:ss`, otherwise `{n}s`; every field truncated (`'%d'`), never rounded
 * (59.9 → `59s`, 61 → `1:01`, 3661.5 → `1:01:01`). Keras would raise on a non-finite ETA; here it
 * prints as `nan`/`inf` + `s`.
 */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return `${nonFinite(seconds)}s`;
  // Keras: '%d:%02d:%02d' % (eta // 3600, (eta % 3600) // 60, eta % 60) and '%d:%02d' % (eta // 60, eta % 60).
  if (seconds > 3600) {
    const hours = pyFloorDiv(seconds, 3600);
    const minutes = pyFloorDiv(pyMod(seconds, 3600), 60);
    return `${pyInt(hours)}:${twoDigits(minutes)}:${twoDigits(pyMod(seconds, 60))}`;
  }
  if (seconds > 60) return `${pyInt(pyFloorDiv(seconds, 60))}:${twoDigits(pyMod(seconds, 60))}`;
  return `${pyInt(seconds)}s`;
}

/** Seconds since the epoch began, as Keras prints them: `%.0f` + `s`, never minutes (`75s`). */
export function formatElapsed(seconds: number): string {
  return `${pyFixed(seconds, 0)}s`;
}

/**
 * Python's `repr(float)`: the shortest text that reads back as the same double, in fixed
 * notation for decimal exponents −4 ≤ e < 16 (always with a fractional part: `2.0`) and in
 * exponent notation otherwise (`1e-05`, `1.5e+16`). This is how Keras's CSVLogger and Python
 * scripts write full-precision floats.
 */
export function pyRepr(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exponent);
    return `${sign}${body}e${exponent < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
}

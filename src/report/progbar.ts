/**
 * Keras's progress bar as a pure line renderer: it keeps Keras's `Progbar` state (epoch start,
 * time after step 1, last redraw, displayed values) and returns each line as text, without the
 * `\r`, `\b` or newline around it. The caller owns the clock (every call takes `now` in seconds)
 * and the output: it decides how to redraw, and pads with spaces when a line is shorter than the
 * one it replaces, as Keras does.
 *
 * Drive it the way Keras's ProgbarLogger drives `Progbar` in `fit`:
 *   start(t) at the beginning of each epoch;
 *   update(batch + 1, [['loss', runningLoss]], t, false) after each batch (verbose 1 only);
 *   update(steps, [['loss', loss], ['val_loss', valLoss]], t, true) at the end of the epoch.
 *
 * Two styles share the timing and throttling rules and differ only in the table at the bottom:
 *   keras2 (tf.keras 2.x `generic_utils.Progbar`, the default):
 *     ` 7/10 [====================>.........] - ETA: 0s - loss: 1.2345`
 *     `10/10 [==============================] - 0s 2ms/step - loss: 1.2345`
 *     verbose 2: `10/10 - 0s - loss: 1.2345 - 25ms/epoch - 2ms/step`
 *   keras3 (Keras 3 `utils/progbar.py`):
 *     `10/10 ━━━━━━━━━━━━━━━━━━━━ 0s 2ms/step - loss: 1.2345`
 *     verbose 2: `10/10 - 0s - 2ms/step - loss: 1.2345`
 * Keras 3 tells the done and the remaining part of its bar apart only by colour; `ansi: true`
 * adds its escape codes (bold counter and time, green done part, white remaining part). Without
 * colour the remaining part is drawn light (`─`), so a half-done bar still shows where it is.
 *
 * Finalizing below the target (an epoch cut short) shows the step reached, `295017/500000`, and
 * the time per step over the steps actually taken.
 */
import { formatElapsed, formatEta, formatStepTime, formatValue } from './format.js';

export type ProgbarStyle = 'keras2' | 'keras3';

export interface ProgbarOptions {
  /** Steps in the epoch (an integer ≥ 1). */
  readonly target: number;
  /** Bar width in characters (Keras: 30 in keras2 style, 20 in keras3 style). */
  readonly width?: number;
  /** 1: a line per (throttled) update; 2: one line per epoch, on finalize. */
  readonly verbose?: 1 | 2;
  /** Minimum seconds between two redraws (Keras: 0.05). Finalizing always draws. */
  readonly interval?: number;
  readonly style?: ProgbarStyle;
  /** keras3 style only: include Keras 3's ANSI colour codes. */
  readonly ansi?: boolean;
}

/** `[name, value]` pairs in display order, e.g. `[['loss', 1.6794]]`. */
export type ProgbarValues = ReadonlyArray<readonly [string, number]>;

/** `Epoch 3/10` (1-based). Keras prints it before each epoch only when there is more than one. */
export function epochHeader(epoch1Based: number, epochs: number): string {
  return `Epoch ${epoch1Based}/${epochs}`;
}

/** What a style needs to draw one line. Times are in seconds. */
interface LineState {
  readonly current: number;
  readonly target: number;
  readonly width: number;
  readonly finalize: boolean;
  readonly ansi: boolean;
  /** now − epoch start. */
  readonly elapsed: number;
  /** Keras's `_estimate_step_duration` at this update. */
  readonly timePerStep: number;
  /** Seconds from the epoch start to the update at current == target, if there was one. */
  readonly epochTime: number | null;
  readonly values: ReadonlyArray<readonly [string, number]>;
}

/** How one Keras version differs; everything else is shared by the Progbar class. */
interface StyleRules {
  readonly defaultWidth: number;
  /**
   * Keras 3 averages each value over the updates of the epoch before display (its ProgbarLogger
   * declares no stateful metrics) and shows the finalize values as they are; Keras 2 declares
   * every metric stateful and always shows values as they are.
   */
  readonly averagesValues: boolean;
  /**
   * Keras 3 estimates the step duration on every update, Keras 2 only when it draws, which
   * decides when the time after step 1 gets recorded.
   */
  readonly estimatesOnEveryUpdate: boolean;
  /** The verbose=1 line. */
  line(state: LineState): string;
  /** The verbose=2 line, drawn on finalize only. */
  summary(state: LineState): string;
}

export class Progbar {
  private readonly target: number;
  private readonly width: number;
  private readonly verbose: 1 | 2;
  private readonly interval: number;
  private readonly ansi: boolean;
  private readonly rules: StyleRules;

  private epochStart: number | null = null;
  private lastUpdate: number | null = null;
  private timeAfterFirstStep: number | null = null;
  private timeAtEpochEnd: number | null = null;
  private seenSoFar = 0;
  /** Display order and running [sum, count] of each value (count 1 when shown as is). */
  private readonly values = new Map<string, [number, number]>();

  constructor(options: ProgbarOptions) {
    const { target } = options;
    if (!Number.isInteger(target) || target < 1) throw new RangeError(`target must be an integer ≥ 1, got ${target}`);
    this.target = target;
    this.rules = STYLES[options.style ?? 'keras2'];
    this.width = options.width ?? this.rules.defaultWidth;
    this.verbose = options.verbose ?? 1;
    this.interval = options.interval ?? 0.05;
    this.ansi = options.ansi ?? false;
  }

  /** Begins an epoch at time `now`: Keras creates a fresh Progbar per epoch. */
  start(now: number): void {
    this.epochStart = now;
    this.lastUpdate = null;
    this.timeAfterFirstStep = null;
    this.timeAtEpochEnd = null;
    this.seenSoFar = 0;
    this.values.clear();
  }

  /**
   * Keras's `Progbar.update(current, values, finalize)` at time `now`: returns the line to show,
   * or null when nothing is drawn — a redraw less than `interval` after the previous one (unless
   * finalizing; the first update of an epoch always draws), or any update but the last at
   * verbose 2. `finalize` defaults to `current >= target`, as in Keras.
   */
  update(current: number, values: ProgbarValues, now: number, finalize = current >= this.target): string | null {
    if (this.epochStart === null) throw new Error('Progbar.update() called before start()');
    this.recordValues(current, values, finalize);
    this.seenSoFar = current;
    if (current === this.target) this.timeAtEpochEnd = now;

    let timePerStep = this.rules.estimatesOnEveryUpdate ? this.estimateStepDuration(current, now) : 0;
    if (this.verbose === 1) {
      if (this.lastUpdate !== null && now - this.lastUpdate < this.interval && !finalize) return null;
      if (!this.rules.estimatesOnEveryUpdate) timePerStep = this.estimateStepDuration(current, now);
      this.lastUpdate = now;
      return this.rules.line(this.lineState(current, now, finalize, timePerStep));
    }
    this.lastUpdate = now;
    if (!finalize) return null;
    return this.rules.summary(this.lineState(current, now, finalize, timePerStep));
  }

  /**
   * An update that draws nothing, without a clock reading: what Keras's `update` does for a
   * batch inside the redraw interval. Only Keras 3's running averages need its values. For a
   * caller that reads the clock every few batches only (see progress-logger.ts); `current` must
   * be below the target.
   */
  record(current: number, values: ProgbarValues): void {
    if (this.rules.averagesValues) this.recordValues(current, values, false);
    this.seenSoFar = current;
  }

  private recordValues(current: number, values: ProgbarValues, finalize: boolean): void {
    for (const [name, value] of values) {
      if (!this.rules.averagesValues || finalize) {
        this.values.set(name, [value, 1]); // a Map keeps a name's first position, like Keras's _values_order
        continue;
      }
      // Weighted by the steps since the previous update, as Keras's `value_base`.
      const weight = Math.max(current - this.seenSoFar, 1);
      const entry = this.values.get(name);
      if (entry === undefined) {
        this.values.set(name, [value * weight, weight]);
      } else {
        entry[0] += value * weight;
        entry[1] += weight;
      }
    }
  }

  /**
   * Keras's `_estimate_step_duration`: step 1 is assumed unrepresentative, so once its end time is
   * known the estimate is (now − time after step 1) / (current − 1); before that, the average
   * since the epoch start.
   */
  private estimateStepDuration(current: number, now: number): number {
    if (current === 0) return 0;
    const start = this.epochStart as number;
    const perStep =
      this.timeAfterFirstStep !== null && current > 1
        ? (now - this.timeAfterFirstStep) / (current - 1)
        : (now - start) / current;
    if (current === 1) this.timeAfterFirstStep = now;
    return perStep;
  }

  private lineState(current: number, now: number, finalize: boolean, timePerStep: number): LineState {
    const start = this.epochStart as number;
    const values: Array<readonly [string, number]> = [];
    for (const [name, [sum, count]] of this.values) values.push([name, sum / Math.max(1, count)]);
    return {
      current,
      target: this.target,
      width: this.width,
      finalize,
      ansi: this.ansi,
      elapsed: now - start,
      timePerStep,
      epochTime: this.timeAtEpochEnd === null ? null : this.timeAtEpochEnd - start,
      values,
    };
  }
}

// ---- the two styles ----------------------------------------------------------------------------

/** `%{digits of target}d/%d`: the step counter right-aligned to the width of the target. */
function counter(current: number, target: number): string {
  return `${String(current).padStart(String(target).length)}/${target}`;
}

/** Keras's `int(width * (float(current) / target))`, with the same float operations in the same order. */
function doneWidth(current: number, target: number, width: number): number {
  return Math.trunc(width * (current / target));
}

/** ` - loss: 1.6794 - val_loss: 1.2000` */
function valuesText(values: LineState['values']): string {
  let text = '';
  for (const [name, value] of values) text += ` - ${name}: ${formatValue(value)}`;
  return text;
}

/** Keras 2 passes every value through `np.mean`, which turns -0 into 0; nothing else changes. */
function keras2ValuesText(values: LineState['values']): string {
  return valuesText(values.map(([name, value]) => [name, value + 0] as const));
}

const BOLD = '\x1b[1m';
const GREEN = '\x1b[32m';
const WHITE = '\x1b[37m';
const RESET = '\x1b[0m';

function paint(ansi: boolean, code: string, text: string): string {
  return ansi ? `${code}${text}${RESET}` : text;
}

const KERAS2: StyleRules = {
  defaultWidth: 30,
  averagesValues: false,
  estimatesOnEveryUpdate: false,
  line(s) {
    const done = doneWidth(s.current, s.target, s.width);
    let bar = `${counter(s.current, s.target)} [`;
    if (done > 0) bar += '='.repeat(done - 1) + (s.current < s.target ? '>' : '=');
    bar += '.'.repeat(Math.max(0, s.width - done)) + ']';
    const timing = s.finalize
      ? ` - ${formatElapsed(s.elapsed)} ${formatStepTime(s.timePerStep, 'step')}`
      : ` - ETA: ${formatEta(s.timePerStep * (s.target - s.current))}`;
    return bar + timing + keras2ValuesText(s.values);
  },
  summary(s) {
    let line = `${counter(s.current, s.target)} - ${formatElapsed(s.elapsed)}${keras2ValuesText(s.values)}`;
    if (s.epochTime !== null) {
      line += ` - ${formatStepTime(s.epochTime, 'epoch')} - ${formatStepTime(s.epochTime / s.target, 'step')}`;
    }
    return line;
  },
};

const KERAS3: StyleRules = {
  defaultWidth: 20,
  averagesValues: true,
  estimatesOnEveryUpdate: true,
  line(s) {
    const done = doneWidth(s.current, s.target, s.width);
    let bar = `${paint(s.ansi, BOLD, counter(s.current, s.target))} `;
    if (done > 0) bar += paint(s.ansi, GREEN, '━'.repeat(done));
    bar += paint(s.ansi, WHITE, (s.ansi ? '━' : '─').repeat(Math.max(0, s.width - done)));
    const time = s.finalize ? formatElapsed(s.elapsed) : formatEta(s.timePerStep * (s.target - s.current));
    return `${bar} ${paint(s.ansi, BOLD, time)} ${formatStepTime(s.timePerStep, 'step')}${valuesText(s.values)}`;
  },
  summary(s) {
    return (
      `${counter(s.current, s.target)} - ${formatElapsed(s.elapsed)} - ${formatStepTime(s.timePerStep, 'step')}` +
      valuesText(s.values)
    );
  },
};

const STYLES: Record<ProgbarStyle, StyleRules> = { keras2: KERAS2, keras3: KERAS3 };

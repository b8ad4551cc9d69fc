/**
 * The progress logger reads the clock about once a millisecond when batches are fast, instead of
 * once a batch, and prints exactly what Keras's once-a-batch Progbar prints.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential } from '../../src/core/model.js';
import { createOptimizer, optimizerConfig } from '../../src/core/optimizers.js';
import type { LineSink } from '../../src/report/output.js';
import { Progbar, epochHeader, type ProgbarStyle } from '../../src/report/progbar.js';
import { progressLogger } from '../../src/report/progress-logger.js';
import type { Dataset } from '../../src/training/dataset.js';
import { fit, type FitCallback } from '../../src/training/fit.js';

function recordingSink(transcript: string[]): LineSink {
  return {
    draw: (line) => transcript.push(`draw | ${line}`),
    end: (line) => transcript.push(`end  | ${line}`),
    line: (text) => transcript.push(`line | ${text}`),
  };
}

/** Keras's way, as the oracle: Progbar.update on every batch with a fresh clock reading. */
function everyBatchLogger(sink: LineSink, clock: () => number, style: ProgbarStyle, interval = 0.05): FitCallback {
  let progbar: Progbar;
  let epochs = 0;
  let steps = 0;
  return {
    onTrainBegin(info) {
      epochs = info.epochs;
      steps = info.stepsPerEpoch;
      progbar = new Progbar({ target: steps, style, interval });
    },
    onEpochBegin(epoch) {
      if (epochs > 1) sink.line(epochHeader(epoch + 1, epochs));
      progbar.start(clock());
    },
    onBatchEnd(logs) {
      const line = progbar.update(logs.batch + 1, [['loss', logs.loss]], clock(), false);
      if (line !== null) sink.draw(line);
    },
    onEpochEnd(_epoch, logs) {
      const line = progbar.update(steps, [['loss', logs.loss]], clock(), true);
      if (line !== null) sink.end(line);
    },
  };
}

function ramp(n: number): Dataset {
  const x = Float32Array.from({ length: n }, (_, i) => (i + 1) / n);
  return { x, y: x.slice(), samples: n, features: 1, outputs: 1 };
}

/** Trains Dense(1) at batch 1 with a clock that advances `secondsPerBatch` with every batch. */
async function run(samples: number, epochs: number, secondsPerBatch: number, style: ProgbarStyle) {
  let batches = 0;
  let reads = 0;
  const time = () => batches * secondsPerBatch;
  const counter: FitCallback = {
    onBatchEnd() {
      batches++;
    },
  };
  const logged: string[] = [];
  const expected: string[] = [];
  // Every line Keras's Progbar would show at every batch, were it never throttled.
  const unthrottled: string[] = [];
  const logger = progressLogger({
    verbose: 1,
    sink: recordingSink(logged),
    clock: () => {
      reads++;
      return time();
    },
    style,
  });
  const model = new Sequential({ inputSize: 1, layers: [{ units: 1, activation: 'linear' }] });
  model.setWeights([[[0.5]], [0]]);
  const optimizer = createOptimizer(optimizerConfig('adam'), model.params.length);
  const options = { batchSize: 1, epochs, loss: 'mae' as const, shuffle: false, seed: 1 };
  await fit(model, optimizer, ramp(samples), options, [
    counter,
    logger,
    everyBatchLogger(recordingSink(expected), time, style),
    everyBatchLogger(recordingSink(unthrottled), time, style, 0),
  ]);
  return { logged, expected, unthrottled, reads, batches };
}

/** The batch number of a `draw |   123/456 [...` line. */
function batchOf(line: string): number {
  return Number(/^draw \|\s*(\d+)\//.exec(line)![1]);
}

/**
 * The throttled log matches Keras's: the same headers and final lines and as many redraws, each
 * of them the very line Keras shows at its batch, and each 0.05 s after the one before (that is
 * Keras's throttle) plus at most `lag` seconds, the time between two clock readings.
 */
function assertSameLog(logged: string[], expected: string[], unthrottled: string[], secondsPerBatch: number, lag: number): void {
  assert.equal(logged.length, expected.length);
  const shown = new Set(unthrottled);
  let previous: number | null = null;
  logged.forEach((line, i) => {
    if (!line.startsWith('draw')) {
      previous = null;
      return assert.equal(line, expected[i]);
    }
    assert.ok(expected[i].startsWith('draw'), `${line} where Keras has ${expected[i]}`);
    assert.ok(shown.has(line), `not a line Keras shows: ${line}`);
    const batch = batchOf(line);
    if (previous !== null) {
      const gap = (batch - previous) * secondsPerBatch;
      assert.ok(gap >= 0.05 - 1e-9 && gap <= 0.05 + lag + secondsPerBatch, `${line}: ${gap} s after the previous redraw`);
    }
    previous = batch;
  });
}

test('at 100 ns a batch the clock is read about once a millisecond, and the lines are those of a reading per batch', async () => {
  const { logged, expected, unthrottled, reads, batches } = await run(300_000, 2, 1e-7, 'keras2');
  assert.equal(batches, 600_000);
  // 0.03 s of training per epoch: a reading per millisecond is about 30 per epoch.
  assert.ok(reads < 200, `${reads} clock readings for ${batches} batches`);
  assertSameLog(logged, expected, unthrottled, 1e-7, 0.001);
  // Each epoch is shorter than the redraw interval: step 1 and the final line only.
  assert.deepEqual(logged, expected);
  assert.match(logged[1], /^draw \|      1\/300000 \[\.{30}\] - ETA: /);
  assert.match(logged[2], /^end  \| 300000\/300000 \[={30}\] - 0s 0us\/step - loss: /);
});

test('at 2 µs a batch each redraw comes 0.05 s after the previous one, at most a millisecond late, and is the line Keras shows there', async () => {
  // 0.4 s of training: eight redraws; about 500 batches between clock readings.
  const { logged, expected, unthrottled, reads } = await run(200_000, 1, 2e-6, 'keras2');
  assert.ok(reads < 2_000, `${reads} clock readings`);
  assert.ok(logged.filter((line) => line.startsWith('draw')).length >= 5);
  assertSameLog(logged, expected, unthrottled, 2e-6, 0.001);
});

test('Keras 3 style averages the loss over every batch, read or not', async () => {
  const { logged, expected, unthrottled } = await run(200_000, 1, 2e-6, 'keras3');
  assertSameLog(logged, expected, unthrottled, 2e-6, 0.001);
});

test('slow batches read the clock on every batch, as Keras does', async () => {
  const { reads, batches, logged, expected } = await run(2_000, 1, 1e-4, 'keras2');
  assert.ok(reads >= batches, `${reads} clock readings for ${batches} batches`);
  assert.deepEqual(logged, expected);
});

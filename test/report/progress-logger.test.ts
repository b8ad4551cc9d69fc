import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential } from '../../src/core/model.js';
import { createOptimizer, optimizerConfig } from '../../src/core/optimizers.js';
import type { LineSink } from '../../src/report/output.js';
import { progressLogger } from '../../src/report/progress-logger.js';
import { terminalSink } from '../../src/report/terminal-sink.js';
import { sampleDataset, type Dataset } from '../../src/training/dataset.js';
import { fit } from '../../src/training/fit.js';
import { terminateOnNaN } from '../../src/training/invalid-loss.js';
import { expectGolden } from '../helpers/golden.js';

/** A sink that records every call as a line of a transcript. */
function recordingSink(): LineSink & { transcript: string[] } {
  const transcript: string[] = [];
  return {
    transcript,
    draw: (line) => transcript.push(`draw | ${line}`),
    end: (line) => transcript.push(`end  | ${line}`),
    line: (text) => transcript.push(`line | ${text}`),
  };
}

async function train(data: Dataset, batchSize: number, epochs: number, verbose: 1 | 2, tick: number, extra: { lr?: number; loss?: 'mse' } = {}): Promise<string> {
  const model = new Sequential({ inputSize: 1, layers: [{ units: 1, activation: 'linear' }] });
  model.setWeights([[[0.5]], [0]]);
  const optimizer = createOptimizer(optimizerConfig(extra.lr ? 'sgd' : 'adam', { learningRate: extra.lr }), model.params.length);
  const sink = recordingSink();
  let now = 0;
  const logger = progressLogger({ verbose, sink, clock: () => (now += tick) });
  const nan = terminateOnNaN((batch) => sink.line(`Batch ${batch}: Invalid loss, terminating training`));
  await fit(model, optimizer, data, { batchSize, epochs, loss: extra.loss ?? 'mae', shuffle: false, seed: 1 }, [logger, nan]);
  return `${sink.transcript.join('\n')}\n`;
}

function ramp(n: number): Dataset {
  const x = Float32Array.from({ length: n }, (_, i) => (i + 1) / n);
  return { x, y: x.slice(), samples: n, features: 1, outputs: 1 };
}

test('a short last batch: two steps of 4 and 2, headers, final lines with the weighted loss', async () => {
  expectGolden('logger-partial-batch.txt', await train(sampleDataset(), 4, 2, 1, 0.001));
});

test('many fast steps redraw at most every 0.05 s, and the first step and final line always draw', async () => {
  const transcript = await train(ramp(300), 1, 1, 1, 0.0004);
  const draws = transcript.split('\n').filter((l) => l.startsWith('draw'));
  // 300 steps, one clock read per step at 0.0004 s a read: 0.12 s in all, so a redraw about
  // every 125 steps, not 300 redraws.
  assert.ok(draws.length >= 2 && draws.length <= 8, `draws: ${draws.length}`);
  assert.match(draws[0], /^draw \|   1\/300 \[\.{30}\] - ETA: /);
  expectGolden('logger-throttled.txt', transcript);
});

test('verbose 2 writes one line per epoch and never draws', async () => {
  const transcript = await train(sampleDataset(), 3, 3, 2, 0.002);
  assert.doesNotMatch(transcript, /^draw/m);
  expectGolden('logger-verbose2.txt', transcript);
});

test('a diverging run prints the TerminateOnNaN line, then the epoch line with nan or inf', async () => {
  const transcript = await train(sampleDataset(), 1, 2, 1, 0.001, { lr: 1e6, loss: 'mse' });
  assert.match(transcript, /^line \| Batch \d: Invalid loss, terminating training\nend  \| 6\/6 \[={30}\] - 0s \d+(us|ms)\/step - loss: (inf|nan)\n$/m);
  expectGolden('logger-nan.txt', transcript);
});

test('tiny losses print in Keras exponent form', async () => {
  const data = sampleDataset();
  const transcript = await train({ ...data, y: data.x.map((v) => v * 0.5 + 2 ** -10) }, 6, 1, 1, 0.001, { lr: 1e-9, loss: 'mse' });
  // From W = 0.5 the error is exactly 2^-10 on every sample, so mse = 2^-20 = 9.5367e-07.
  assert.match(transcript, /^end .* - loss: 9\.5367e-07$/m);
});

test('the terminal sink redraws in place with cursor control and ends each line once', () => {
  let written = '';
  const sink = terminalSink({ isTTY: true, write: (s: string) => ((written += s), true) });
  sink.draw('1/3 [==========>...................] - ETA: 0s - loss: 1.0000');
  sink.draw('2/3 [====================>.........] - ETA: 0s - loss: 0.9000');
  sink.end('3/3 [==============================] - 0s 1ms/step - loss: 0.8000');
  sink.line('Epoch 2/2');
  assert.match(written, /\x1b\[\?25l/); // cursor hidden while drawing
  assert.match(written, /\x1b\[\?25h/); // and shown again
  const text = written.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, '');
  assert.equal(text.split('\n').length, 3);
  assert.ok(text.endsWith('3/3 [==============================] - 0s 1ms/step - loss: 0.8000\nEpoch 2/2\n'));
});

test('the Keras 3 style prints its own line and end_loss joins the final values', async () => {
  const model = new Sequential({ inputSize: 1, layers: [{ units: 1, activation: 'linear' }] });
  model.setWeights([[[0.5]], [0]]);
  const optimizer = createOptimizer(optimizerConfig('adam'), model.params.length);
  const sink = recordingSink();
  let now = 0;
  const logger = progressLogger({ verbose: 1, sink, clock: () => (now += 0.001), style: 'keras3' });
  await fit(model, optimizer, sampleDataset(), { batchSize: 3, epochs: 1, loss: 'mae', shuffle: false, seed: 1, evaluateEndLoss: true }, [logger]);
  const last = sink.transcript[sink.transcript.length - 1];
  assert.match(last, /^end  \| 2\/2 ━{20} 0s \dms\/step - loss: 1\.7470 - end_loss: 1\.7412$/);
});

test('the terminal sink cuts a live line to the terminal width but writes the final line whole', () => {
  let written = '';
  const sink = terminalSink({ isTTY: true, columns: 20, write: (s: string) => ((written += s), true) });
  sink.draw('1/3 [==========>...................] - ETA: 0s - loss: 1.0000');
  sink.end('3/3 [==============================] - 0s 1ms/step - loss: 0.8000');
  assert.ok(!written.includes('\x1b[?7l'), 'line wrapping stays on');
  const draws = written.split('\r').slice(1).map((d) => d.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''));
  assert.deepEqual(draws, ['1/3 [==========>...', '3/3 [==============================] - 0s 1ms/step - loss: 0.8000\n']);
});

test('a live line is cut by display width, keeping colour codes so none is left open', () => {
  let written = '';
  const sink = terminalSink({ isTTY: true, columns: 8, write: (s: string) => ((written += s), true) });
  sink.draw('\x1b[32m손실값\x1b[0m: 1.0000');
  assert.ok(written.endsWith('\r\x1b[32m손실값\x1b[0m:\x1b[K'), JSON.stringify(written));
});

/** Ten samples of two features in three classes, and a 2 → Dense(3, softmax) model on them. */
async function trainClassifier(style: 'keras2' | 'keras3'): Promise<string[]> {
  const x = Float32Array.of(0.1, 0.9, 0.8, 0.2, -0.5, -0.4, 0.2, 1.1, 1.0, 0.1, -0.6, -0.3, 0.0, 0.8, 0.9, -0.1, -0.7, -0.6, 0.3, 0.7);
  const y = Float32Array.of(0, 1, 2, 0, 1, 2, 0, 1, 2, 0);
  const model = new Sequential({ inputSize: 2, layers: [{ units: 3, activation: 'softmax' }] });
  model.setWeights([[[0.3, -0.2, 0.1], [0.4, 0.2, -0.5]], [0, 0, 0]]);
  const optimizer = createOptimizer(optimizerConfig('adam', { learningRate: 0.1 }), model.params.length);
  const sink = recordingSink();
  let now = 0;
  const logger = progressLogger({ verbose: 1, sink, clock: () => (now += 0.001), style });
  const metrics = [{ name: 'accuracy', kind: 'sparse_categorical_accuracy' }] as const;
  await fit(
    model,
    optimizer,
    { x, y, samples: 10, features: 2, outputs: 1 },
    { batchSize: 3, epochs: 2, loss: 'sparse_categorical_crossentropy', shuffle: false, seed: 1, validationSplit: 0.3, metrics },
    [logger],
  );
  return sink.transcript;
}

test('accuracy follows the loss on the line, and val_accuracy follows val_loss, in Keras 2 order', async () => {
  const transcript = await trainClassifier('keras2');
  assert.match(transcript.at(-1)!, / - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$/);
  // The live lines show the running accuracy too.
  assert.ok(transcript.some((l) => /^draw .* - loss: \d\.\d{4} - accuracy: \d\.\d{4}$/.test(l)));
  expectGolden('logger-accuracy.txt', `${transcript.join('\n')}\n`);
});

test('the Keras 3 style sorts the values as Keras 3 prints them: accuracy, loss, val_accuracy, val_loss', async () => {
  const last = (await trainClassifier('keras3')).at(-1)!;
  assert.match(last, / - accuracy: \d\.\d{4} - loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - val_loss: \d\.\d{4}$/);
});

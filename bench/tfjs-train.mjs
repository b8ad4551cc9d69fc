// What `train --batch-size 3 --epochs 10` does, written with TensorFlow.js (cpu backend): the
// start-up benchmark runs this as a whole process against batchsim's executable.
import * as tf from '@tensorflow/tfjs';

const values = [1, 2, 3, 4, 5, 6];
const x = tf.tensor2d(values, [6, 1]);
const y = tf.tensor2d(values, [6, 1]);
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
model.compile({ optimizer: tf.train.adam(0.001, 0.9, 0.999, 1e-7), loss: 'meanAbsoluteError' });
await model.fit(x, y, { batchSize: 3, epochs: 10, shuffle: true, verbose: 1 });

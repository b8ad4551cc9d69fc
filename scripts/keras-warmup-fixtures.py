#!/usr/bin/env python3
"""Real-Keras fixtures for batchsim's learning-rate warm-up (src/training/lr-scaling.ts).

Trains a few small regressions in Keras 3 (TensorFlow backend, no shuffling, weights set with
set_weights) whose optimizer takes the warm-up as a LearningRateSchedule: from the base rate to
the scaled rate, linearly, over the first `steps` updates. The schedule is the one
`train --emit-keras` writes. Records each run's per-epoch loss and final weights.

Usage (npm run fixtures:keras runs it):
    python keras-warmup-fixtures.py [--out test/fixtures/keras/warmup.json]
"""
import argparse
import json
import math
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402


class WarmUp(keras.optimizers.schedules.LearningRateSchedule):
    """Linear warm-up: start + (target - start) * step / steps before update `steps`, then target."""

    def __init__(self, start, target, steps):
        self.start, self.target, self.steps = start, target, steps

    def __call__(self, step):
        t = tf.cast(step, tf.float64)
        ramp = self.start + (self.target - self.start) * t / self.steps
        return tf.cast(tf.where(t < self.steps, ramp, tf.constant(self.target, tf.float64)), tf.float32)

    def get_config(self):
        return {"start": self.start, "target": self.target, "steps": self.steps}


def f9(v):
    return float(f"{float(v):.9g}")


def scaled(lr, batch, base, rule):
    return lr * batch / base if rule == "linear" else lr * math.sqrt(batch / base)


# (id, optimizer, base lr, rule, base batch, batch, warm-up epochs, epochs, loss, layers)
CASES = [
    ("sgd/linear/b4-from1/w2", "sgd", 0.01, "linear", 1, 4, 2, 6, "mse", [(1, "linear")]),
    ("sgd/linear/b8-from2/w3", "sgd", 0.005, "linear", 2, 8, 3, 8, "huber", [(6, "tanh"), (1, "linear")]),
    ("adam/sqrt/b6-from1/w2", "adam", 0.01, "sqrt", 1, 6, 2, 6, "mae", [(5, "relu"), (2, "linear")]),
    ("rmsprop/sqrt/b5-from2/w1", "rmsprop", 0.002, "sqrt", 2, 5, 1, 5, "mse", [(4, "sigmoid"), (1, "linear")]),
]


def optimizer(name, schedule):
    if name == "sgd":
        return keras.optimizers.SGD(learning_rate=schedule)
    if name == "adam":
        return keras.optimizers.Adam(learning_rate=schedule)
    return keras.optimizers.RMSprop(learning_rate=schedule)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="test/fixtures/keras/warmup.json")
    args = parser.parse_args()
    runs = []
    for k, (cid, oname, lr, rule, base, batch, warm, epochs, loss, layers) in enumerate(CASES):
        rng = np.random.default_rng(500 + k)
        features, outputs, n = 3, layers[-1][0], 30
        x = rng.uniform(-2, 2, size=(n, features)).astype(np.float32)
        y = (np.tanh(x @ rng.uniform(-1, 1, size=(features, outputs))) + 0.2 * rng.standard_normal((n, outputs))).astype(np.float32)
        weights = []
        fan_in = features
        for units, _ in layers:
            limit = np.sqrt(6 / (fan_in + units))
            weights.append(rng.uniform(-limit, limit, size=(fan_in, units)).astype(np.float32))
            weights.append(np.zeros(units, dtype=np.float32))
            fan_in = units
        target = scaled(lr, batch, base, rule)
        steps = warm * math.ceil(n / batch)
        model = keras.Sequential([keras.Input(shape=(features,))] + [keras.layers.Dense(u, activation=a) for u, a in layers])
        model.set_weights(weights)
        model.compile(optimizer=optimizer(oname, WarmUp(lr, target, steps)), loss=keras.losses.Huber(delta=1.0) if loss == "huber" else loss)
        history = model.fit(x, y, batch_size=batch, epochs=epochs, shuffle=False, verbose=0)
        runs.append(
            dict(
                id=cid, inputSize=features, layers=[dict(units=u, activation=a) for u, a in layers], loss=loss,
                optimizer=dict(name=oname, learningRate=target), warmUp=dict(fromLearningRate=lr, epochs=warm, steps=steps),
                batchSize=batch, epochs=epochs, x=[f9(v) for v in x.ravel()], y=[f9(v) for v in y.ravel()],
                initialWeights=[f9(v) for w in weights for v in w.ravel()],
                keras=dict(loss=[f9(v) for v in history.history["loss"]], weights=[f9(v) for w in model.get_weights() for v in np.asarray(w).ravel()]),
            )
        )
    with open(args.out, "w") as f:
        json.dump(dict(keras=keras.__version__, tensorflow=tf.__version__, runs=runs), f, indent=1)
        f.write("\n")
    print(f"{len(runs)} warm-up runs written to {args.out}")


if __name__ == "__main__":
    main()

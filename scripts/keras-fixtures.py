#!/usr/bin/env python3
"""Golden fixtures from real Keras for batchsim's numerical tests.

Runs a fixed corpus of small regression trainings (no shuffling, initial weights set with
set_weights) in Keras 3 with the TensorFlow backend and writes, for each run, the data, the
initial weights, Keras's per-epoch loss and val_loss and its final weights. Each run is
repeated with floatx float64: a run is "stable" when the float32 and float64 losses agree
within 1e-6 (relative, with a floor of 1), i.e. when Keras's own float32 result is not at the
mercy of rounding, so that matching it to 1e-5 is a fair demand.

The classification set (--set classification, written to classification.json) trains small
deterministic blob data with the crossentropy losses and metrics=["accuracy"]: after softmax and
sigmoid outputs (where Keras computes from the logits), after relu outputs (normalised, clipped
probabilities), and the cross cases (a categorical loss after sigmoid, a binary one after
softmax), and also records accuracy and val_accuracy.

Usage (npm run fixtures:keras runs it with $BATCHSIM_KERAS_PYTHON):
    python keras-fixtures.py [--set regression|classification] [--out FILE] [--only PREFIX]
"""
import argparse
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

STABLE_GAP = 1e-6


def f9(v):
    """A float32 value as the shortest decimal of at most 9 digits: enough to round-trip."""
    return float(f"{float(v):.9g}")


def flat(arrays):
    return [f9(v) for a in arrays for v in np.asarray(a, dtype=np.float32).ravel()]


# ---- the corpus ---------------------------------------------------------------------------------

OPTIMIZERS = [
    ("adam", {"name": "adam", "learningRate": 0.001}),
    ("adam-lr0.01", {"name": "adam", "learningRate": 0.01}),
    ("sgd", {"name": "sgd", "learningRate": 0.01, "momentum": 0.0, "nesterov": False}),
    ("sgd-m0.9", {"name": "sgd", "learningRate": 0.01, "momentum": 0.9, "nesterov": False}),
    ("sgd-nesterov", {"name": "sgd", "learningRate": 0.01, "momentum": 0.9, "nesterov": True}),
    ("rmsprop", {"name": "rmsprop", "learningRate": 0.001, "momentum": 0.0}),
    ("rmsprop-m0.5", {"name": "rmsprop", "learningRate": 0.001, "momentum": 0.5}),
]
LOSSES = ["mae", "mse", "huber"]
STACKS = [
    ("linear", 1, [(1, "linear")]),
    ("relu", 3, [(8, "relu"), (1, "linear")]),
    ("tanh-2out", 2, [(4, "tanh"), (2, "linear")]),
    ("sigmoid", 4, [(6, "sigmoid"), (1, "linear")]),
    ("deep", 2, [(8, "relu"), (6, "tanh"), (4, "sigmoid"), (1, "linear")]),
    ("relu-2out", 1, [(5, "relu"), (3, "tanh"), (2, "linear")]),
]
# (samples, batch size, epochs, validation split): batch 1, short last batches, batch = n,
# batch > n, with and without a validation split.
SHAPES = [
    (24, 1, 4, 0.0),
    (30, 7, 8, 0.0),
    (40, 16, 10, 0.25),
    (20, 20, 12, 0.0),
    (18, 64, 15, 0.0),
    (50, 8, 6, 0.2),
    (33, 5, 6, 0.3),
]


def regression_data(rng, n, features, outputs):
    x = rng.uniform(-2, 2, size=(n, features)).astype(np.float32)
    coef = rng.uniform(-1, 1, size=(features, outputs))
    y = (2 * np.tanh(x @ coef) + 0.3 * rng.standard_normal((n, outputs))).astype(np.float32)
    return x, y


def glorot(rng, features, layers):
    weights = []
    fan_in = features
    for units, _ in layers:
        limit = np.sqrt(6 / (fan_in + units))
        weights.append(rng.uniform(-limit, limit, size=(fan_in, units)).astype(np.float32))
        weights.append(np.zeros(units, dtype=np.float32))
        fan_in = units
    return weights


def corpus():
    cases = []
    k = 0
    for o, (oname, opt) in enumerate(OPTIMIZERS):
        for l, loss in enumerate(LOSSES):
            for s in range(5):
                stack = STACKS[(o + 2 * l + s) % len(STACKS)]
                shape = SHAPES[(3 * o + l + 2 * s) % len(SHAPES)]
                rng = np.random.default_rng(1000 + k)
                sname, features, layers = stack
                n, batch, epochs, split = shape
                x, y = regression_data(rng, n, features, layers[-1][0])
                cases.append(
                    dict(
                        id=f"{oname}/{loss}/{sname}/n{n}-b{batch}-e{epochs}" + (f"-v{split}" if split else ""),
                        layers=layers, optimizer=opt, loss=loss, batchSize=batch, epochs=epochs,
                        validationSplit=split, x=x, y=y, weights=glorot(rng, features, layers),
                    )
                )
                k += 1
    # The seed's data: x = y = 1..6, Dense(1), W = 0.5 or 1.3, b = 0.
    seed_x = np.arange(1, 7, dtype=np.float32).reshape(6, 1)
    for w in (0.5, 1.3):
        for batch in (6, 3, 1):
            for lr, epochs in ((0.001, 10), (0.01, 30)):
                cases.append(
                    dict(
                        id=f"seed/W{w}/b{batch}/adam-lr{lr}/e{epochs}", layers=[(1, "linear")],
                        optimizer={"name": "adam", "learningRate": lr}, loss="mae", batchSize=batch,
                        epochs=epochs, validationSplit=0.0, x=seed_x, y=seed_x.copy(),
                        weights=[np.array([[w]], np.float32), np.zeros(1, np.float32)],
                    )
                )
    # Long Adam runs: thousands of steps at batch 1.
    for i, (sname, features, layers) in enumerate(STACKS[:3]):
        for loss in ("mse", "mae"):
            rng = np.random.default_rng(5000 + 10 * i + len(loss))
            x, y = regression_data(rng, 150, features, layers[-1][0])
            cases.append(
                dict(
                    id=f"long/adam/{loss}/{sname}/n150-b1-e20", layers=layers,
                    optimizer={"name": "adam", "learningRate": 0.001}, loss=loss, batchSize=1, epochs=20,
                    validationSplit=0.0, x=x, y=y, weights=glorot(rng, features, layers),
                )
            )
    # A sine wave through tanh and sigmoid layers, with a validation split.
    rng = np.random.default_rng(7)
    x = rng.uniform(-3, 3, size=(200, 1)).astype(np.float32)
    y = (np.sin(x) + 0.1 * rng.standard_normal((200, 1))).astype(np.float32)
    layers = [(16, "tanh"), (8, "sigmoid"), (1, "linear")]
    cases.append(
        dict(
            id="sine/adam-lr0.01/mse/n200-b7-e12-v0.2", layers=layers,
            optimizer={"name": "adam", "learningRate": 0.01}, loss="mse", batchSize=7, epochs=12,
            validationSplit=0.2, x=x, y=y, weights=glorot(rng, 1, layers),
        )
    )
    return cases


def blobs(rng, n, features, classes):
    """n samples around `classes` centres, labels cycling 0, 1, ..., so every class is in every part."""
    centres = rng.uniform(-1.5, 1.5, size=(classes, features))
    labels = np.arange(n) % classes
    x = (centres[labels] + 0.9 * rng.standard_normal((n, features))).astype(np.float32)
    return x, labels


CLASS_OPTIMIZERS = [
    ("adam-lr0.01", {"name": "adam", "learningRate": 0.01}),
    ("sgd-lr0.1", {"name": "sgd", "learningRate": 0.1, "momentum": 0.0, "nesterov": False}),
]
# (samples, batch size, epochs, validation split): batch 1, a short last batch, the full batch.
CLASS_SHAPES = [(30, 1, 3, 0.2), (45, 7, 8, 0.2), (60, 60, 15, 0.0), (40, 16, 10, 0.25)]


def classification_corpus():
    cases = []
    k = 0
    # (name, loss, output units, output activation, output bias): the logits paths, the
    # probability paths (relu outputs, started with a positive bias so that the probabilities
    # begin positive), and the cross cases.
    heads = [
        ("sparse-softmax", "sparse_categorical_crossentropy", 3, "softmax", 0.0),
        ("onehot-softmax", "categorical_crossentropy", 3, "softmax", 0.0),
        ("binary-sigmoid", "binary_crossentropy", 1, "sigmoid", 0.0),
        ("sparse-relu", "sparse_categorical_crossentropy", 3, "relu", 0.5),
        ("onehot-relu", "categorical_crossentropy", 3, "relu", 0.5),
        ("binary-relu", "binary_crossentropy", 1, "relu", 0.3),
        ("onehot-sigmoid", "categorical_crossentropy", 3, "sigmoid", 0.0),
        ("binary-softmax", "binary_crossentropy", 2, "softmax", 0.0),
    ]
    for h, (hname, loss, units, act, bias) in enumerate(heads):
        for o, (oname, opt) in enumerate(CLASS_OPTIMIZERS):
            if act == "relu" and opt["name"] == "sgd":
                # SGD at 0.1 drives a relu output to zero, where the clipped loss is flat and Keras's
                # own float32 and float64 runs part ways; a smaller step keeps the run meaningful.
                oname, opt = "sgd-lr0.02", {**opt, "learningRate": 0.02}
            for s in range(2 if h < 3 else 1):
                n, batch, epochs, split = CLASS_SHAPES[(h + 2 * o + s) % len(CLASS_SHAPES)]
                rng = np.random.default_rng(9000 + k)
                classes = 2 if loss == "binary_crossentropy" else 3
                x, labels = blobs(rng, n, 4, classes)
                if loss == "sparse_categorical_crossentropy":
                    y = labels.reshape(n, 1).astype(np.float32)
                elif loss == "categorical_crossentropy":
                    y = np.eye(units, dtype=np.float32)[labels]
                elif units == 1:
                    y = labels.reshape(n, 1).astype(np.float32)
                else:
                    y = np.eye(units, dtype=np.float32)[labels]
                layers = [(8, "relu"), (units, act)]
                weights = glorot(rng, 4, layers)
                weights[-1][:] = bias
                cases.append(
                    dict(
                        id=f"class/{hname}/{oname}/n{n}-b{batch}-e{epochs}" + (f"-v{split}" if split else ""),
                        layers=layers, optimizer=opt, loss=loss, batchSize=batch, epochs=epochs,
                        validationSplit=split, x=x, y=y, weights=weights, metrics=["accuracy"],
                    )
                )
                k += 1
    return cases


# ---- running Keras ------------------------------------------------------------------------------


def keras_optimizer(opt):
    if opt["name"] == "adam":
        return keras.optimizers.Adam(learning_rate=opt["learningRate"])
    if opt["name"] == "sgd":
        return keras.optimizers.SGD(learning_rate=opt["learningRate"], momentum=opt["momentum"], nesterov=opt["nesterov"])
    return keras.optimizers.RMSprop(learning_rate=opt["learningRate"], momentum=opt["momentum"])


def keras_loss(loss):
    return keras.losses.Huber(delta=1.0) if loss == "huber" else loss


def train(case, floatx):
    keras.config.set_floatx(floatx)
    keras.utils.clear_session()
    model = keras.Sequential(
        [keras.Input(shape=(case["x"].shape[1],))]
        + [keras.layers.Dense(units, activation=act) for units, act in case["layers"]]
    )
    model.set_weights([w.astype(floatx) for w in case["weights"]])
    model.compile(optimizer=keras_optimizer(case["optimizer"]), loss=keras_loss(case["loss"]), metrics=case.get("metrics"))
    kwargs = {"validation_split": case["validationSplit"]} if case["validationSplit"] else {}
    history = model.fit(
        case["x"].astype(floatx), case["y"].astype(floatx), batch_size=case["batchSize"],
        epochs=case["epochs"], shuffle=False, verbose=0, **kwargs,
    )
    return history.history, model.get_weights()


def gap(a, b):
    return max((abs(p - q) / max(1.0, abs(q)) for p, q in zip(a, b)), default=0.0)


def run(case):
    h32, w32 = train(case, "float32")
    h64, _ = train(case, "float64")
    float64_gap = max(gap(h32["loss"], h64["loss"]), gap(h32.get("val_loss", []), h64.get("val_loss", [])))
    keras.config.set_floatx("float32")
    record = {
        "id": case["id"],
        "inputSize": int(case["x"].shape[1]),
        "layers": [{"units": u, "activation": a} for u, a in case["layers"]],
        "loss": case["loss"],
        "optimizer": case["optimizer"],
        "batchSize": case["batchSize"],
        "epochs": case["epochs"],
        "validationSplit": case["validationSplit"],
        **({"metrics": case["metrics"]} if "metrics" in case else {}),
        "x": flat([case["x"]]),
        "y": flat([case["y"]]),
        "initialWeights": flat(case["weights"]),
        "keras": {
            "loss": [f9(v) for v in h32["loss"]],
            **({"valLoss": [f9(v) for v in h32["val_loss"]]} if "val_loss" in h32 else {}),
            "weights": flat(w32),
            **({"accuracy": [f9(v) for v in h32["accuracy"]]} if "accuracy" in h32 else {}),
            **({"valAccuracy": [f9(v) for v in h32["val_accuracy"]]} if "val_accuracy" in h32 else {}),
        },
        "float64Gap": float(f"{float64_gap:.3g}"),
        "stable": bool(float64_gap <= STABLE_GAP),
    }
    return record


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="regression", choices=["regression", "classification"])
    parser.add_argument("--out", default=None, help="default: test/fixtures/keras/runs.json, or classification.json")
    parser.add_argument("--only", default="", help="only the runs whose id starts with this")
    args = parser.parse_args()
    if args.out is None:
        args.out = "test/fixtures/keras/" + ("runs.json" if args.set == "regression" else "classification.json")
    cases = [c for c in (corpus() if args.set == "regression" else classification_corpus()) if c["id"].startswith(args.only)]
    runs = []
    for i, case in enumerate(cases):
        runs.append(run(case))
        print(f"{i + 1}/{len(cases)} {case['id']}: float64 gap {runs[-1]['float64Gap']:.2g}", file=sys.stderr)
    document = {
        "generator": "scripts/keras-fixtures.py",
        "keras": keras.__version__,
        "tensorflow": tf.__version__,
        "stableGap": STABLE_GAP,
        "runs": runs,
    }
    tmp = args.out + ".tmp"
    with open(tmp, "w") as f:
        f.write("{\n")
        for key in ("generator", "keras", "tensorflow", "stableGap"):
            f.write(f"  {json.dumps(key)}: {json.dumps(document[key])},\n")
        f.write('  "runs": [\n')
        f.write(",\n".join("    " + json.dumps(r, separators=(",", ":")) for r in runs))
        f.write("\n  ]\n}\n")
    os.replace(tmp, args.out)
    print(f"{len(runs)} runs ({sum(r['stable'] for r in runs)} stable) written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

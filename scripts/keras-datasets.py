#!/usr/bin/env python3
"""Real-Keras fixtures for the data side (test/fixtures/keras/datasets.json): a Normalization
layer adapted on the training part of an embedded data set, the features it gives, a short
unshuffled training run on them from fixed initial weights, and model.evaluate on the held-out
test part. The rows are the file's, in its order: [train | validation | test], as batchsim takes
them (--test-split first from the end, then Keras's validation_split from the end of the rest).
Run by `npm run fixtures:keras`."""
import csv
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")

CASES = [
    dict(id="auto-mpg-mse-adam", dataset="auto-mpg", target="mpg", layers=[(8, "relu"), (1, "linear")], loss="mse",
         optimizer=("adam", 0.01), batchSize=32, epochs=3, testSplit=0.2, validationSplit=0.25),
    dict(id="diabetes-mae-sgd", dataset="diabetes", target="progression", layers=[(1, "linear")], loss="mae",
         optimizer=("sgd", 0.05), batchSize=16, epochs=2, testSplit=0.1, validationSplit=0.2),
    dict(id="iris-sparse-softmax-accuracy", dataset="iris", target="species", layers=[(8, "relu"), (3, "softmax")],
         loss="sparse_categorical_crossentropy", metrics=["accuracy"], optimizer=("adam", 0.01), batchSize=16, epochs=3,
         testSplit=0.2, validationSplit=0.25),
]


def read(dataset, target):
    with open(os.path.join(ROOT, "data", "datasets", f"{dataset}.csv"), newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    t = header.index(target)
    x = np.array([[float(v) for i, v in enumerate(r) if i != t] for r in body], dtype="float32")
    try:
        y = np.array([[float(r[t])] for r in body], dtype="float32")
    except ValueError:  # text class labels: ids in sorted order, as batchsim gives them
        labels = sorted({r[t] for r in body})
        y = np.array([[labels.index(r[t])] for r in body], dtype="float32")
    return x, y


def run(case):
    x, y = read(case["dataset"], case["target"])
    n = len(x)
    n_fit = int(n * (1 - case["testSplit"]))
    x_fit, y_fit, x_test, y_test = x[:n_fit], y[:n_fit], x[n_fit:], y[n_fit:]
    n_train = int(n_fit * (1 - case["validationSplit"]))
    norm = keras.layers.Normalization()
    norm.adapt(x_fit[:n_train])
    xn = np.asarray(norm(x_fit))
    xtn = np.asarray(norm(x_test))
    rng = np.random.default_rng(7)
    model = keras.Sequential([keras.Input(shape=(x.shape[1],))] + [keras.layers.Dense(u, activation=a) for u, a in case["layers"]])
    weights = [rng.uniform(-0.5, 0.5, w.shape).astype("float32") for w in model.get_weights()]
    model.set_weights(weights)
    name, lr = case["optimizer"]
    optimizer = keras.optimizers.Adam(learning_rate=lr) if name == "adam" else keras.optimizers.SGD(learning_rate=lr)
    model.compile(optimizer=optimizer, loss=case["loss"], metrics=case.get("metrics", []))
    history = model.fit(xn, y_fit, batch_size=case["batchSize"], epochs=case["epochs"], shuffle=False,
                        validation_split=case["validationSplit"], verbose=0)
    test = model.evaluate(xtn, y_test, verbose=0, return_dict=True)
    return dict(
        case,
        layers=[dict(units=u, activation=a) for u, a in case["layers"]],
        optimizer=dict(name=name, learningRate=lr),
        initialWeights=[w.tolist() for w in weights],
        keras=dict(
            mean=np.asarray(norm.mean).ravel().tolist(),
            variance=np.asarray(norm.variance).ravel().tolist(),
            normalized=xn.ravel().tolist(),
            normalizedTest=xtn.ravel().tolist(),
            loss=[float(v) for v in history.history["loss"]],
            valLoss=[float(v) for v in history.history["val_loss"]],
            testLoss=float(test["loss"]),
            testAccuracy=float(test["accuracy"]) if "accuracy" in test else None,
            accuracy=[float(v) for v in history.history.get("accuracy", [])],
            valAccuracy=[float(v) for v in history.history.get("val_accuracy", [])],
            weights=[w.tolist() for w in model.get_weights()],
        ),
    )


def main():
    doc = dict(keras=keras.__version__, tensorflow=tf.__version__, runs=[run(c) for c in CASES])
    path = os.path.join(ROOT, "test", "fixtures", "keras", "datasets.json")
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {len(doc['runs'])} runs")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Captures what Keras 3's model.fit(verbose=1) writes to a terminal, byte for byte.

Each scenario runs in a child Python whose stdout is a pseudo-terminal in raw mode (so the
terminal adds no carriage returns of its own), on the seed's data (x = y = 1..6, Dense(1) from
W = 0.5, b = 0, mae, Adam, no shuffling). Epochs of one or two steps only: Keras draws step 1
and the last step whatever the timing, so the sequence of redraws does not depend on the
machine's speed; only the timings in the text do.

Usage: python keras-terminal.py [--out-dir test/golden/keras3-terminal]
"""
import argparse
import os
import pty
import subprocess
import sys
import tty

SCENARIOS = {
    # name: (batch_size, epochs, validation_split)
    "b3-e2": (3, 2, 0.0),
    "b6-e1-val": (6, 1, 0.5),
    "b2-e3-val": (2, 3, 0.5),
}

CHILD = r"""
import os, sys
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np
import keras
batch, epochs, split = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
x = np.arange(1, 7, dtype="float32").reshape(6, 1)
model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
model.set_weights([np.array([[0.5]], "float32"), np.zeros(1, "float32")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss="mae")
model.fit(x, x.copy(), batch_size=int(batch), epochs=epochs, shuffle=False, verbose=1,
          **({"validation_split": split} if split else {}))
"""


def capture(batch, epochs, split):
    master, slave = pty.openpty()
    tty.setraw(slave)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(batch), str(epochs), str(split)],
        stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.DEVNULL,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    if child.wait() != 0:
        sys.exit(f"the Keras run {batch}/{epochs}/{split} failed with exit code {child.returncode}")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", default="test/golden/keras3-terminal")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    for name, (batch, epochs, split) in SCENARIOS.items():
        path = os.path.join(args.out_dir, f"{name}.bin")
        with open(path, "wb") as f:
            f.write(capture(batch, epochs, split))
        print(f"{path} written", file=sys.stderr)


if __name__ == "__main__":
    main()

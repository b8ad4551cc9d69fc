#!/usr/bin/env python3
"""Rebuilds the embedded data sets in data/datasets/ from the packages they come from.

    python3 scripts/datasets.py [--sklearn-wheel FILE.whl] [--vega-tgz FILE.tgz]

Without the options it fetches them with the ordinary clients: `pip download scikit-learn==1.9.1
--no-deps` (iris, wine, digits, diabetes; files in sklearn/datasets/data) and `npm pack
vega-datasets@3.2.1` (cars, penguins; data/*.json). Only the standard library is used. The
output is the same bytes every time: numbers are written as the shortest text that reads back as
the same double, integers without a point, rows in the source's order. data/README.md says
where each data set comes from, its citation and licence, and what was left out.
"""
import argparse
import csv
import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile

SKLEARN = "scikit-learn==1.9.1"
VEGA = "vega-datasets@3.2.1"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "datasets")


def number(value):
    """The shortest text of a number: 5.1, 3 (not 3.0), 151 (not 1.51e+02)."""
    x = float(value)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def write(name, header, rows):
    path = os.path.join(OUT, f"{name}.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")
    print(f"{path}: {len(rows)} rows, {len(header)} columns")


def fetch_wheel(folder):
    subprocess.run([sys.executable, "-m", "pip", "download", SKLEARN, "--no-deps", "--only-binary", ":all:", "-d", folder], check=True)
    return next(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".whl"))


def fetch_vega(folder):
    out = subprocess.run(["npm", "pack", VEGA, "--pack-destination", folder], check=True, capture_output=True, text=True)
    return os.path.join(folder, out.stdout.strip().splitlines()[-1])


def sklearn_sets(wheel):
    z = zipfile.ZipFile(wheel)
    data = lambda name: z.read(f"sklearn/datasets/data/{name}")

    # iris.csv: a count line, then 4 measurements and the class id (0 setosa, 1 versicolor, 2 virginica).
    lines = data("iris.csv").decode().splitlines()
    species = lines[0].split(",")[2:]
    rows = [r.split(",") for r in lines[1:] if r]
    write("iris", ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"],
          [[number(v) for v in r[:4]] + [species[int(r[4])]] for r in rows])

    # wine_data.csv: a count line, then 13 measurements and the class id 0..2.
    lines = data("wine_data.csv").decode().splitlines()
    names = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
             "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280_od315", "proline", "class"]
    write("wine", names, [[number(v) for v in r.split(",")] for r in lines[1:] if r])

    # digits.csv.gz: 64 pixel counts 0..16 (8×8, row by row) and the digit.
    lines = gzip.decompress(data("digits.csv.gz")).decode().splitlines()
    names = [f"pixel_{r}_{c}" for r in range(8) for c in range(8)] + ["digit"]
    write("digits", names, [[number(v) for v in r.split(",")] for r in lines if r])

    # diabetes: the raw (unscaled) measurements, space-separated, and the progression one year on.
    raw = gzip.decompress(data("diabetes_data_raw.csv.gz")).decode().splitlines()
    target = gzip.decompress(data("diabetes_target.csv.gz")).decode().split()
    raw = [r.split() for r in raw if r.strip()]
    assert len(raw) == len(target) == 442
    names = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "progression"]
    write("diabetes", names, [[number(v) for v in r] + [number(t)] for r, t in zip(raw, target)])


def vega_sets(tgz):
    t = tarfile.open(tgz)
    read = lambda name: json.load(io.TextIOWrapper(t.extractfile(f"package/data/{name}"), encoding="utf-8"))

    # cars.json (Auto MPG): rows without mpg or horsepower are left out (14 of 406), as the
    # 392-row version everyone uses does. Origin coded as in the UCI file: 1 USA, 2 Europe, 3 Japan.
    origin = {"USA": 1, "Europe": 2, "Japan": 3}
    keys = ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration"]
    rows = []
    for car in read("cars.json"):
        if car["Miles_per_Gallon"] is None or any(car[k] is None for k in keys):
            continue
        year = int(car["Year"][:4]) - 1900
        rows.append([number(car[k]) for k in keys] + [str(year), str(origin[car["Origin"]]), number(car["Miles_per_Gallon"])])
    write("auto-mpg", ["cylinders", "displacement", "horsepower", "weight", "acceleration", "model_year", "origin", "mpg"], rows)

    # penguins.json: the four measurements and the species; island and sex (text) are left out,
    # and so are the 2 of 344 penguins with no measurements.
    keys = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"]
    rows = [[number(p[k]) for k in keys] + [p["Species"]] for p in read("penguins.json") if all(p[k] is not None for k in keys)]
    write("penguins", ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "species"], rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sklearn-wheel")
    parser.add_argument("--vega-tgz")
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        sklearn_sets(args.sklearn_wheel or fetch_wheel(folder))
        vega_sets(args.vega_tgz or fetch_vega(folder))


if __name__ == "__main__":
    main()

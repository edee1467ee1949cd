"""Reference figures from scikit-learn for the trainers' quality tests (issue 4).

Run with Debian's interpreter and python3-sklearn:
    /usr/bin/python3 bench/sklearn_reference.py

Writes the test fixtures (iris, breast cancer, a synthetic regression set, each with a fixed `split` column)
to test/fixtures/datasets/ and the reference test scores to
bench/sklearn-reference.json. The TypeScript tests train on the `train` rows and score the `test` rows.
"""

import csv
import json
import os
import platform

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_iris, make_regression
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "test", "fixtures", "datasets")
TEST_SIZE = 0.25


def write_fixture(name, columns, X, y, split):
    with open(os.path.join(FIXTURES, name + ".csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(columns + ["target", "split"])
        for row, target, part in zip(X, y, split):
            writer.writerow([repr(float(v)) for v in row] + [target, part])


def split_column(n, train_idx):
    split = np.array(["test"] * n, dtype=object)
    split[train_idx] = "train"
    return split


def classification(name, loader):
    data = loader()
    X, y = data.data, data.target
    # Short, CSV-friendly column names (breast cancer's contain spaces).
    columns = [c.replace(" ", "_").replace("(", "").replace(")", "") for c in data.feature_names]
    idx = np.arange(len(y))
    train_idx, test_idx = train_test_split(idx, test_size=TEST_SIZE, random_state=0, stratify=y)
    labels = np.array([str(data.target_names[t]) for t in y], dtype=object)
    write_fixture(name, columns, X, labels, split_column(len(y), train_idx))
    scores = {}
    for algorithm, estimator in [
        ("LOGISTIC_REGRESSION", LogisticRegression(max_iter=1000)),
        ("MLP_CLASSIFIER", MLPClassifier(random_state=0, max_iter=1000)),
    ]:
        model = make_pipeline(StandardScaler(), estimator).fit(X[train_idx], y[train_idx])
        scores[algorithm] = {"testAccuracy": accuracy_score(y[test_idx], model.predict(X[test_idx]))}
    return {"rows": int(len(y)), "trainRows": int(len(train_idx)), "testRows": int(len(test_idx)), "scores": scores}


def regression():
    X, y = make_regression(n_samples=1000, n_features=10, n_informative=8, noise=20.0, random_state=0)
    idx = np.arange(len(y))
    train_idx, test_idx = train_test_split(idx, test_size=TEST_SIZE, random_state=0)
    write_fixture("regression", ["x%d" % i for i in range(X.shape[1])], X, [repr(float(t)) for t in y],
                  split_column(len(y), train_idx))
    model = make_pipeline(StandardScaler(), LinearRegression()).fit(X[train_idx], y[train_idx])
    r2 = r2_score(y[test_idx], model.predict(X[test_idx]))
    return {"rows": int(len(y)), "trainRows": int(len(train_idx)), "testRows": int(len(test_idx)),
            "scores": {"LINEAR_REGRESSION": {"testR2": r2}}}


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    reference = {
        "generatedBy": "bench/sklearn_reference.py",
        "python": platform.python_version(),
        "sklearn": sklearn.__version__,
        "split": "train_test_split(test_size=0.25, random_state=0, stratify=y for classification)",
        "datasets": {
            "iris": classification("iris", load_iris),
            "breast_cancer": classification("breast_cancer", load_breast_cancer),
            "regression": regression(),
        },
    }
    with open(os.path.join(ROOT, "bench", "sklearn-reference.json"), "w") as f:
        json.dump(reference, f, indent=2)
        f.write("\n")
    print(json.dumps(reference["datasets"], indent=2))


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# DBSCAN on N synthetic faces, Facefolio's and scikit-learn's side by side in
# one run on the same embeddings: prints both times, their ratio and whether
# the labels agree. Prints figures; never fails on time.
#
#   bench/clustering/dbscan_vs_sklearn.sh BENCH_CLUSTER [N] [EPS] [MIN_SAMPLES] [THREADS]
#
# BENCH_CLUSTER is the built bench_cluster binary. Defaults: 100000 faces,
# eps 0.5 and min_samples 5 (facefolio-cli cluster --method dbscan's
# defaults), 2 threads for both. Facefolio's time is the radius search plus
# the labelling, scikit-learn's the fit_predict call; neither includes making
# or loading the data. scikit-learn gets the embeddings as float64 so that its
# distances, like Facefolio's, are exact to far below any eps that matters.
set -euo pipefail

bench=${1:?usage: dbscan_vs_sklearn.sh BENCH_CLUSTER [N] [EPS] [MIN_SAMPLES] [THREADS]}
n=${2:-100000}
eps=${3:-0.5}
min_samples=${4:-5}
threads=${5:-2}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bench" synthetic "$n" --method dbscan --eps "$eps" --min-samples "$min_samples" \
    --threads "$threads" --save-embeddings "$tmp/points.f32" --save-labels "$tmp/labels.i32" |
    tee "$tmp/facefolio.txt"
facefolio_seconds=$(awk '$1 == "total" { print $2 }' "$tmp/facefolio.txt")

/usr/bin/python3 - "$tmp" "$eps" "$min_samples" "$threads" "$facefolio_seconds" <<'EOF'
import resource
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN

folder, eps, min_samples, threads, ours_seconds = sys.argv[1:]
points = np.fromfile(f"{folder}/points.f32", dtype="<f4").reshape(-1, 128).astype(np.float64)
ours = np.fromfile(f"{folder}/labels.i32", dtype="<i4")

start = time.perf_counter()
theirs = DBSCAN(eps=float(eps), min_samples=int(min_samples), n_jobs=int(threads)).fit_predict(points)
sklearn_seconds = time.perf_counter() - start
peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def same_partition(a, b):
    # Equal up to renumbering: the label pairs form a one-to-one map, and
    # noise is noise in both.
    if not np.array_equal(a < 0, b < 0):
        return False
    pairs = set(zip(a[a >= 0].tolist(), b[b >= 0].tolist()))
    return len(pairs) == len({p[0] for p in pairs}) == len({p[1] for p in pairs})


ours_seconds = float(ours_seconds)
print(f"scikit-learn {sklearn.__version__} DBSCAN eps {eps} min_samples {min_samples} "
      f"n_jobs {threads}: {sklearn_seconds:.2f} s, python peak rss {peak_mib:.0f} MiB")
print(f"clusters: facefolio {ours.max() + 1}, scikit-learn {theirs.max() + 1}; "
      f"noise: facefolio {(ours < 0).sum()}, scikit-learn {(theirs < 0).sum()}")
print(f"labels identical: {np.array_equal(ours, theirs)}; "
      f"same partition up to renumbering: {same_partition(ours, theirs)}")
print(f"time: facefolio {ours_seconds:.2f} s, scikit-learn {sklearn_seconds:.2f} s, "
      f"scikit-learn / facefolio = {sklearn_seconds / ours_seconds:.2f}")
EOF

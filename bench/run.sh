#!/usr/bin/env bash
# Ingest, clustering and app benchmarks. Prints figures, never passes or fails on time.
#   bench/run.sh [BUILD_DIR]      (default build/release; run packaging/setup.sh first)
# 1. Encoder quality on ../shared/data/lfw-dev: pair accuracy at 0.6, faces found.
# 2. Faces/s on the LFW images (250×250), tuned pipeline on 2 workers against
#    the naive reference (full-resolution detection, one thread) on a subset.
#    Clustering quality on the LFW catalog (every method, growing subsets).
#    The dev suite (issues 15/16): lfw-dev, album-friends and kpop-dev for each
#    encoder the CLI has (bench/clustering/suite.sh); set FACEFOLIO_SUITE_CACHE
#    to a folder to keep its catalogs between runs.
# 3. Photos/s on 12-megapixel photos made from the sample photos, tuned
#    against naive, the peak RSS of the tuned scan with 2 workers, what a
#    library of 50,000 such photos would take, where a photo's time goes
#    (read, decode, each detector, landmarks, encode, catalog write), and the
#    default detector's speed and faces against each detector alone, and
#    the faces each plan finds on ../shared/data/album-friends.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
bin="$build/bin"
data="../shared/data"
samples="${XDG_DATA_HOME:-$HOME/.local/share}/facefolio/samples"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
field() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

if [ -d "$data/lfw-dev" ]; then
    echo "== LFW dev set: full scan, 2 workers"
    full=$("$bin/bench_ingest" "$data/lfw-dev" --threads 2 --catalog "$tmp/lfw.sqlite" --label lfw-full)
    echo "$full"
    "$bin/bench_lfw_pairs" "$tmp/lfw.sqlite" "$data/lfw-dev" "$data/lfw-dev-pairs.tsv"
    echo "== clustering the LFW faces (issue 3): methods and cuts, on growing subsets"
    "$bin/bench_cluster" lfw "$tmp/lfw.sqlite" --threads 2 --fractions 0.25,0.5,1

    echo "== LFW subset (first 200 people): tuned on 2 workers vs naive on 1"
    mkdir -p "$tmp/lfw-subset"
    # A for loop, not ls | head: head closing the pipe would trip pipefail.
    n=0
    for d in "$data"/lfw-dev/*/; do
        [ $n -lt 200 ] || break
        cp -r "$d" "$tmp/lfw-subset/"
        n=$((n + 1))
    done
    fast=$("$bin/bench_ingest" "$tmp/lfw-subset" --threads 2 --label lfw-tuned-2t)
    naive=$("$bin/bench_ingest" "$tmp/lfw-subset" --threads 1 --naive --label lfw-naive-1t)
    echo "$fast"; echo "$naive"
    echo "LFW faces/s: tuned $(echo "$fast" | field faces_per_s), naive $(echo "$naive" | field faces_per_s), ratio $(ratio "$(echo "$fast" | field faces_per_s)" "$(echo "$naive" | field faces_per_s)")x"
else
    echo "== $data/lfw-dev absent: LFW figures skipped"
fi

echo "== dev suite (issues 15/16): every dev set and encoder, cuts and the default method"
# It ends with the synthetic family albums whose faces drift with age (issue 3).
bench/clustering/suite.sh "$build" --cache "${FACEFOLIO_SUITE_CACHE:-$tmp/suite}"
echo "== clustering 100,000 synthetic faces, and DBSCAN against scikit-learn (issue 3)"
"$bin/bench_cluster" synthetic 100000 --threads 2
bench/clustering/dbscan_vs_sklearn.sh "$bin/bench_cluster" 100000 0.5 5 2
echo "(1,000,000 faces: $bin/bench_cluster synthetic 1000000 --threads 2, about a minute)"

echo "== 12-megapixel photos (4032x3024) made from the sample photos"
"$bin/bench_make_photos" "$samples" "$tmp/12mp" 4
fast=$("$bin/bench_ingest" "$tmp/12mp" --threads 2 --label 12mp-tuned-2t)
naive=$("$bin/bench_ingest" "$tmp/12mp" --threads 1 --naive --label 12mp-naive-1t)
echo "$fast"; echo "$naive"
echo "12MP photos/s: tuned $(echo "$fast" | field photos_per_s), naive $(echo "$naive" | field photos_per_s), ratio $(ratio "$(echo "$fast" | field photos_per_s)" "$(echo "$naive" | field photos_per_s)")x"
echo "12MP peak RSS with 2 workers: $(echo "$fast" | field peak_rss_mb) MB"
# What a user with a large library waits for on this machine (issue 20).
estimate() { awk -v r="$1" 'BEGIN { s = 50000 / r; printf "%d h %02d min", s / 3600, (s % 3600) / 60 }'; }
echo "estimate for a library of 50,000 12MP photos, default detector, 2 workers: $(estimate "$(echo "$fast" | field photos_per_s)") ($(echo "$fast" | field photos_per_s) photos/s x 50,000)"
# Where a photo's time goes (issue 20), from the same scan: milliseconds per
# photo on one worker, and the catalog writes on the scan's own thread.
stages() {
    echo "per photo on one worker: read $(echo "$1" | field ms_read) ms, decode $(echo "$1" | field ms_decode), HOG $(echo "$1" | field ms_hog), SSD $(echo "$1" | field ms_ssd), landmarks and chips $(echo "$1" | field ms_landmarks), encode $(echo "$1" | field ms_encode); catalog write $(echo "$1" | field ms_write) ms on the scan's thread"
}
echo "12MP default detector, $(stages "$fast")"

echo "== photo grid thumbnails (issue 20): a screen of 12-megapixel photos, cold and from the shared cache"
QT_QPA_PLATFORM=offscreen "$bin/bench_thumbnails" "$tmp/12mp" 24

echo "== face encoders (issue 15): 12-megapixel ingest with each, and cost per face on one core"
for enc in dlib arcface; do
    "$bin/bench_ingest" "$tmp/12mp" --threads 2 --encoder "$enc" --label "12mp-$enc-2t"
done
"$bin/bench_detectors" encoders "$samples"

echo "== face detectors (issue 8): cost per 12-megapixel photo on one core"
"$bin/bench_detectors" cost "$samples" 2
declare -A bydet
for det in hog ssd; do
    bydet[$det]=$("$bin/bench_ingest" "$tmp/12mp" --threads 2 --detector "$det" --label "12mp-$det-2t")
    echo "${bydet[$det]}"
done
# The default (both detectors) against each alone, from this run (issue 20:
# the default should reach 0.9x HOG alone while finding the faces both find).
for det in hog ssd; do
    echo "12MP $det alone, $(stages "${bydet[$det]}")"
    echo "12MP default vs $det alone: $(ratio "$(echo "$fast" | field photos_per_s)" "$(echo "${bydet[$det]}" | field photos_per_s)")x the speed, faces $(echo "$fast" | field faces) vs $(echo "${bydet[$det]}" | field faces)"
done

# The same three plans on whole web photos (issue 20: the default must keep
# the faces it finds today there too).
if [ -d "$data/album-friends" ]; then
    echo "== album-friends: faces found by each detector plan, 2 workers"
    for det in both hog ssd; do
        r=$("$bin/bench_ingest" "$data/album-friends" --threads 2 --detector "$det" --label "album-friends-$det-2t")
        echo "$r"
        echo "album-friends $det: $(echo "$r" | field faces) faces, $(echo "$r" | field photos_per_s) photos/s"
    done
fi

echo "== desktop app responsiveness (issue 4): 50,000 faces in 2,000 persons, offscreen"
QT_QPA_PLATFORM=offscreen "$bin/bench_ui" "$tmp"

#!/usr/bin/env bash
# The dev-suite benchmark every grouping change shows (issues 15/16).
#
#   bench/clustering/suite.sh [BUILD_DIR] [--encoders dlib,arcface] [--cache DIR]
#                             [--data DIR] [--cut ENC=X] [--bridge-margin ENC=X]
#
# For each encoder, scans lfw-dev, album-friends and kpop-dev of the shared
# data folder (default ../shared/data) with `facefolio-cli scan DIR --catalog
# FILE --encoder ENC` (without --encoder for dlib when the CLI has no such
# option), or reuses DIR/ENC/SET.sqlite from --cache (delete a file to scan
# it again; without --cache the catalogs are made in a temporary folder and
# thrown away). Then prints, per data set and encoder: the pair figures
# (lfw-dev only), plain average linkage over a range of cuts with the best
# cut and the best cut of BCubed precision >= 0.97, and the default method
# (average linkage at the encoder's default cut, then LinkMerge). Ends with
# one table over the data sets; then the synthetic family albums, which need
# no encoder; last, the review questions answered with the truth (bench_cluster
# review). Scores one face per photo against its folder: the central face
# on lfw-dev, the largest elsewhere; kpop-dev is scored again on the photos
# whose largest face is wider than 80 px.
#
# --cut ENC=X and --bridge-margin ENC=X set an encoder's default cut and
# LinkMerge margin (repeatable); without them each encoder runs the
# project's own defaults (Clusterer::withDefaults).
# Prints figures, never passes or fails on them.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=build/release
encoders=dlib,arcface
cache=
data=../shared/data
declare -A cut=() margin=()
while [ $# -gt 0 ]; do
    case "$1" in
        --encoders) encoders="$2"; shift 2 ;;
        --cache) cache="$2"; shift 2 ;;
        --data) data="$2"; shift 2 ;;
        --cut) cut[${2%%=*}]="${2#*=}"; shift 2 ;;
        --bridge-margin) margin[${2%%=*}]="${2#*=}"; shift 2 ;;
        -h | --help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "suite.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) build="$1"; shift ;;
    esac
done
bin="$build/bin"
for tool in facefolio-cli bench_cluster bench_lfw_pairs; do
    [ -x "$bin/$tool" ] || { echo "suite.sh: $bin/$tool is missing: build first" >&2; exit 1; }
done
if [ -z "$cache" ]; then
    cache="$(mktemp -d)"
    trap 'rm -rf "$cache"' EXIT
fi

# name, folder, face scored, minimum width of the scored face in px
sets=("lfw-dev|lfw-dev|central|0" "album-friends|album-friends|largest|0"
      "kpop-dev|kpop-dev|largest|0" "kpop-dev >80px|kpop-dev|largest|81")

has_encoder_flag() { "$bin/facefolio-cli" scan --help 2>&1 | grep -q -- '--encoder'; }

# Prints the catalog of encoder $1 for folder $2, scanning it when not cached.
catalog() {
    local enc="$1" folder="$2" file="$cache/$1/$2.sqlite" flag=()
    if [ -f "$file" ]; then
        echo "reusing $file" >&2
    else
        if has_encoder_flag; then
            flag=(--encoder "$enc")
        elif [ "$enc" != dlib ]; then
            return 1
        fi
        mkdir -p "$cache/$enc"
        rm -f "$file.partial" "$file.partial-wal" "$file.partial-shm"
        echo "scanning $data/$folder with $enc into $file" >&2
        "$bin/facefolio-cli" scan "$data/$folder" --catalog "$file.partial" "${flag[@]}" >&2
        # Only a finished scan is reused.
        for part in "" -wal -shm; do
            [ ! -e "$file.partial$part" ] || mv "$file.partial$part" "$file$part"
        done
    fi
    echo "$file"
}

declare -A summary
ran=()
for enc in ${encoders//,/ }; do
    if [ "$enc" != dlib ] && ! has_encoder_flag; then
        echo "== $enc: this facefolio-cli has no --encoder option; $enc skipped"
        continue
    fi
    ran+=("$enc")
    options=()
    [ -n "${cut[$enc]:-}" ] && options+=(--cut "${cut[$enc]}")
    [ -n "${margin[$enc]:-}" ] && options+=(--bridge-margin "${margin[$enc]}")
    for set in "${sets[@]}"; do
        IFS='|' read -r name folder face minsize <<<"$set"
        if [ ! -d "$data/$folder" ]; then
            echo "== $name, $enc: $data/$folder is absent; skipped"
            continue
        fi
        file=$(catalog "$enc" "$folder")
        echo "== $name, $enc (the $face face of each photo$([ "$minsize" -gt 0 ] && echo ", wider than $((minsize - 1)) px"))"
        if [ "$name" = lfw-dev ] && [ -f "$data/lfw-dev-pairs.tsv" ]; then
            "$bin/bench_lfw_pairs" "$file" "$data/lfw-dev" "$data/lfw-dev-pairs.tsv"
        fi
        out=$("$bin/bench_cluster" cuts "$file" --face "$face" --min-size "$minsize" \
            --threads 2 "${options[@]}")
        grep -v '^summary ' <<<"$out"
        for kv in $(grep '^summary ' <<<"$out" | cut -d' ' -f2-); do
            summary[$enc,$name,${kv%%=*}]="${kv#*=}"
        done
    done
done

echo
echo "== suite: BCubed F (P); best = plain average linkage at its best cut; default = the"
echo "   default method at the encoder's default cut, whose strangers merged (persons with"
echo "   3+ faces of each of two people) and worst purity (persons of 20+ faces) follow"
header=$(printf '%-15s' "data set")
for enc in "${ran[@]}"; do
    d="${summary[$enc,lfw-dev,default_cut]:-${cut[$enc]:-?}}"
    header+=$(printf ' | %-20s %-13s %9s %6s' "$enc best @cut" "default $d" "strangers" "purity")
done
echo "$header"
for set in "${sets[@]}"; do
    IFS='|' read -r name _ <<<"$set"
    row=$(printf '%-15s' "$name")
    for enc in "${ran[@]}"; do
        if [ -z "${summary[$enc,$name,faces]:-}" ]; then
            row+=$(printf ' | %-20s %-13s %9s %6s' - - - -)
            continue
        fi
        s() { echo "${summary[$enc,$name,$1]}"; }
        row+=$(printf ' | %-20s %-13s %9s %6s' "$(s best_f) ($(s best_p)) @$(s best_cut)" \
            "$(s default_f) ($(s default_p))" "$(s default_strangers)" "$(s default_purity)")
    done
    echo "$row"
done

echo
echo "== bench_cluster suite: facefolio-cli cluster's default on every face of each catalog"
"$bin/bench_cluster" suite --cache "$cache"

echo
echo "== synthetic family albums (no encoder: faces drifting with age, dlib's scale)"
"$bin/bench_cluster" album

echo
echo "== review questions answered with the truth (bench_cluster review, issue 17)"
for enc in ${encoders//,/ }; do
    if [ "$enc" = arcface ]; then
        "$bin/bench_cluster" review --cache "$cache" --encoder "$enc"
    else
        "$bin/bench_cluster" review --cache "$cache" --encoder "$enc" --no-albums
    fi
done

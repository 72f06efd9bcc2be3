#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined)
# in build/fuzz and runs each for SECONDS (default 60), printing executions
# and findings. Crash inputs are kept in build/fuzz/findings/<target>/;
# the corpus grows in build/fuzz/corpus/<target>/ from one run to the next.
# Usage: bench/fuzz.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_imagedecode fuzz_tfjsweights fuzz_xmpregions)
dir=build/fuzz
jobs=${FACEFOLIO_JOBS:-2}
CC=clang-14 CXX=clang++-14 cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DFACEFOLIO_FUZZ=ON -DFACEFOLIO_BUILD_TESTS=OFF -DFACEFOLIO_BUILD_BENCH=OFF >/dev/null ||
    exit 1
cmake --build "$dir" -j "$jobs" --target "${targets[@]}" || exit 1

# Seeds: a few small real images of each format, made here.
seeds=$dir/seeds
if [ ! -d "$seeds" ] && command -v python3 >/dev/null; then
    mkdir -p "$seeds/fuzz_imagedecode" "$seeds/fuzz_tfjsweights" "$seeds/fuzz_xmpregions"
    samples=${FACEFOLIO_SAMPLES:-${XDG_DATA_HOME:-$HOME/.local/share}/facefolio/samples}
    for f in "$samples"/*.jpg; do
        [ -f "$f" ] && head -c 65536 "$f" >"$seeds/fuzz_imagedecode/$(basename "$f").head"
    done
    printf '\x89PNG\r\n\x1a\n' >"$seeds/fuzz_imagedecode/png-sig"
    printf 'GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;' \
        >"$seeds/fuzz_imagedecode/one.gif"
    printf '[{"paths":["a.bin"],"weights":[{"name":"conv/filters","shape":[2,2],"dtype":"float32"},{"name":"fc","shape":[3],"dtype":"float32","quantization":{"dtype":"uint8","scale":0.5,"min":-1}}]}]\0AAAAAAAAAAAAAAAAabc' \
        >"$seeds/fuzz_tfjsweights/small"
    cat >"$seeds/fuzz_xmpregions/sidecar.xmp" <<'XMP'
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/" xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#" xmlns:stDim="http://ns.adobe.com/xap/1.0/sType/Dimensions#"><mwg-rs:Regions rdf:parseType="Resource"><mwg-rs:AppliedToDimensions stDim:w="400" stDim:h="300" stDim:unit="pixel"/><mwg-rs:RegionList><rdf:Bag><rdf:li><rdf:Description mwg-rs:Name="Anna" mwg-rs:Type="Face"><mwg-rs:Area stArea:x="0.5" stArea:y="0.5" stArea:w="0.2" stArea:h="0.3" stArea:unit="normalized"/></rdf:Description></rdf:li></rdf:Bag></mwg-rs:RegionList></mwg-rs:Regions></rdf:Description></rdf:RDF></x:xmpmeta>
XMP
fi

status=0
for t in "${targets[@]}"; do
    mkdir -p "$dir/corpus/$t" "$dir/findings/$t"
    log=$dir/$t.log
    "$dir/bin/$t" -max_total_time="$secs" -max_len=262144 -timeout=20 -rss_limit_mb=4096 \
        -print_final_stats=1 -artifact_prefix="$dir/findings/$t/" \
        "$dir/corpus/$t" "$seeds/$t" >"$log" 2>&1
    rc=$?
    execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    findings=$(find "$dir/findings/$t" -type f | wc -l)
    echo "$t: ${execs:-?} executions in ${secs} s, exit $rc, $findings finding(s) in $dir/findings/$t"
    if [ $rc -ne 0 ]; then
        status=1
        grep -m3 -E 'ERROR: |SUMMARY: |runtime error' "$log" | sed 's/^/    /'
    fi
done
exit $status

#!/usr/bin/env bash
# Throughput of `vblint check` on .doc files next to the same documents as .docx, in one run.
#
#   benches/doc_throughput.sh [COPIES] [THREADS]
#
# The .doc files are the committed fixtures (tests/fixtures/doc: the five seeds in Unicode, TCVN3
# and VNI fonts, converted by LibreOffice); the .docx files are the sources they were made from
# (`cargo run --example gen_docx`). Each is copied COPIES times (default 40: 600 files of each
# kind); one `vblint check` run is timed over each directory, best of three.
set -euo pipefail
copies=${1:-40}
threads=${2:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet --example gen_docx --bin vblint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$target"/release/examples/gen_docx "$work/gen" unicode tcvn3 vni
mkdir -p "$work/docx" "$work/doc"
for i in $(seq 1 "$copies"); do
  for f in "$work"/gen/*.docx; do cp "$f" "$work/docx/$i-$(basename "$f")"; done
  for f in tests/fixtures/doc/0*.doc; do cp "$f" "$work/doc/$i-$(basename "$f")"; done
done
run() {
  local best=
  for _ in 1 2 3; do
    local start end t
    start=$(date +%s.%N)
    "$target"/release/vblint check --format concise --exit-zero --quiet -j "$threads" "$1" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}
for kind in docx doc; do
  n=$(ls "$work/$kind" | wc -l)
  mb=$(du -sm "$work/$kind" | cut -f1)
  t=$(run "$work/$kind")
  printf '%-4s: %5d files, %4s MB on disk, %6.2f s, %7.0f files/s\n' "$kind" "$n" "$mb" "$t" "$(echo "$n / $t" | bc -l)"
  eval "t_$kind=$t"
done
printf 'doc/docx time ratio: %.2f\n' "$(echo "$t_doc / $t_docx" | bc -l)"

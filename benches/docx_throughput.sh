#!/usr/bin/env bash
# Throughput of `vblint check` on a directory of .docx files next to the same documents as .txt.
#
#   benches/docx_throughput.sh [COPIES] [THREADS]
#
# Builds the release binary, writes the five seeds as .docx (Unicode, TCVN3, VNI, automatic
# numbering: the test generator's variants, `cargo run --example gen_docx`) and as .txt, COPIES
# times each (default 40: 1000 .docx and 1000 .txt files), then times one `vblint check` run over
# each directory and prints files/s and the docx/txt time ratio.
set -euo pipefail
copies=${1:-40}
threads=${2:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --quiet --example gen_docx --bin vblint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/examples/gen_docx "$work/gen" unicode tcvn3 vni unicode-numbered tcvn3-numbered
mkdir -p "$work/docx" "$work/txt"
for i in $(seq 1 "$copies"); do
  for f in "$work"/gen/*.docx; do cp "$f" "$work/docx/$i-$(basename "$f")"; done
  for f in corpus/*.txt; do
    for v in unicode tcvn3 vni unicode-numbered tcvn3-numbered; do
      cp "$f" "$work/txt/$i-$(basename "$f" .txt).$v.txt"
    done
  done
done
run() {
  local dir=$1
  local start end
  start=$(date +%s.%N)
  ./target/release/vblint check --format concise --exit-zero --quiet -j "$threads" "$dir" > /dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
n_docx=$(ls "$work/docx" | wc -l)
n_txt=$(ls "$work/txt" | wc -l)
mb_docx=$(du -sm "$work/docx" | cut -f1)
mb_txt=$(du -sm "$work/txt" | cut -f1)
run "$work/txt" > /dev/null # warm the page cache
t_txt=$(run "$work/txt")
t_docx=$(run "$work/docx")
printf 'txt : %5d files, %4s MB on disk, %6.2f s, %7.0f files/s\n' "$n_txt" "$mb_txt" "$t_txt" "$(echo "$n_txt / $t_txt" | bc -l)"
printf 'docx: %5d files, %4s MB on disk, %6.2f s, %7.0f files/s\n' "$n_docx" "$mb_docx" "$t_docx" "$(echo "$n_docx / $t_docx" | bc -l)"
printf 'docx/txt time ratio: %.2f\n' "$(echo "$t_docx / $t_txt" | bc -l)"

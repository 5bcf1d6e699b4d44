#!/bin/sh
# Two comparisons with glibc iconv on the same TCVN3 bytes:
#
# 1. in process: the decode benchmark (every corpus form through `decode`, and iconv on the TCVN3
#    form), BENCH_MB=100 by default;
# 2. as whole processes: `vblint normalize FILE -o OUT` against `iconv -f TCVN5712-1 -t UTF-8 FILE
#    > OUT` on one raw TCVN3 file of about NORMALIZE_MB MB (default 40), five alternating runs of
#    each, with the median wall and CPU time and the peak RSS.
#
#   benches/normalize_vs_iconv.sh              (both)
#   ONLY=process benches/normalize_vs_iconv.sh (the second alone)
set -e
cd "$(dirname "$0")/.."
SEED_DIR="${SEED_DIR:-../shared/seeds}"
if [ "${ONLY:-}" != process ]; then
  cargo build --release --bench decode
  BENCH_MB="${BENCH_MB:-100}" SEED_DIR="$SEED_DIR" cargo bench --bench decode
fi

[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
cargo build --release -q --bin vblint --features testkit --example decode_gen_forms
TARGET=${CARGO_TARGET_DIR:-$PWD/target}/release
DIR=$(mktemp -d /tmp/vblint-iconv.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
# The TCVN3 form is about 0.77 bytes per byte of UTF-8 source.
SOURCE_MB=$(( ${NORMALIZE_MB:-40} * 130 / 100 ))
ONLY="tcvn3 (abc) bytes" "$TARGET/examples/decode_gen_forms" "$SEED_DIR" "$DIR" "$SOURCE_MB" >/dev/null
FILE=$(ls "$DIR"/*.txt)
BYTES=$(stat -c %s "$FILE")
cat "$FILE" >/dev/null
run() { # label, command…
  label=$1; shift
  log="$DIR/time.log"
  /usr/bin/time -f "%e %U %S %M" -o "$log" "$@" >/dev/null
  echo "$label $(cat "$log")" >>"$DIR/runs"
}
median() { # column of $DIR/runs for a label: the median
  grep "^$1 " "$DIR/runs" | awk -v c="$2" '{ print (c == "cpu") ? $3 + $4 : $c }' | sort -n | sed -n 3p
}
for _ in 1 2 3 4 5; do
  run vblint sh -c "'$TARGET/vblint' normalize '$FILE' -o '$DIR/out.vblint'"
  run iconv sh -c "iconv -f TCVN5712-1 -t UTF-8 '$FILE' > '$DIR/out.iconv'"
done
echo
echo "one TCVN3 file, $(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB, five alternating runs, medians"
echo
echo "| command | wall (s) | CPU (s) | MB/s wall | peak RSS (MB) |"
echo "|---|---:|---:|---:|---:|"
for cmd in vblint iconv; do
  wall=$(median "$cmd" 2); cpu=$(median "$cmd" cpu); rss=$(median "$cmd" 5)
  if [ "$cmd" = vblint ]; then name='`vblint normalize FILE -o OUT`'; else name='`iconv -f TCVN5712-1 -t UTF-8 FILE > OUT`'; fi
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v r="$rss" -v b="$BYTES" \
    'BEGIN { printf "| %s | %.3f | %.3f | %.0f | %d |\n", n, w, c, b / 1e6 / w, r / 1024 }'
done

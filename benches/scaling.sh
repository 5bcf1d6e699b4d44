#!/usr/bin/env bash
# Scaling benchmark: one file of 10, 50, 100 and 200 MB (sizes in MB as arguments to choose),
# built from the corpus plans repeated with their dates, numbers and years varied, and
# `vblint check --format jsonl` timed on each with its peak RSS. Prints a Markdown table with
# the CPU time per MB and the RSS per file MB: both columns stay flat when the cost is linear (CPU
# time, not wall time: the machine may be shared).
#
#   benches/scaling.sh [MB…]        (default 10 50 100 200)
#   VBLINT=/path/to/vblint benches/scaling.sh …   (another build, e.g. the one before a change)
#
# The files go to a temporary directory (SCALING_DIR to choose and keep them).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10 50 100 200)
DIR=${SCALING_DIR:-$(mktemp -d /tmp/vblint-scaling.XXXXXX)}
mkdir -p "$DIR"
[ -x /usr/bin/time ] || { apt-get install -y -qq time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }; }
command -v python3 >/dev/null || { echo "needs python3 to generate the files"; exit 1; }
if [ -z "${VBLINT:-}" ]; then  # VBLINT=/path/to/vblint measures another build
  cargo build --release -q
  VBLINT=${CARGO_TARGET_DIR:-$PWD/target}/release/vblint
fi

for mb in "${SIZES[@]}"; do
  f="$DIR/plan_${mb}MB.txt"
  [ -f "$f" ] && continue
  echo "generating $f" >&2
  python3 - "$f" "$mb" corpus/*.txt <<'PY'
import random, re, sys
out, mb, seeds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rng = random.Random(mb)
texts = [open(s, encoding="utf-8").read() for s in seeds]
date = re.compile(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b")
number = re.compile(r"\b(\d{1,4})/(KH|CT|QĐ|TB|NQ)-")
year = re.compile(r"\bnăm (20\d\d)\b")
def vary(text, shift):
    text = date.sub(lambda m: f"{m.group(1)}/{m.group(2)}/{int(m.group(3)) + shift}", text)
    text = number.sub(lambda m: f"{rng.randint(1, 999)}/{m.group(2)}-", text)
    return year.sub(lambda m: f"năm {int(m.group(1)) + shift}", text)
target = mb * 1_000_000
# The first plan keeps its header: the file is one long plan, whose body is every plan's.
with open(out, "w", encoding="utf-8", newline="") as f:
    size = 0
    while size < target:
        chunk = vary(rng.choice(texts), rng.randint(-3, 3)) + "\n"
        f.write(chunk)
        size += len(chunk.encode())
PY
done

echo
echo "one file, \`vblint check --format jsonl --exit-zero -q --max-file-size 1G\` ($(nproc) cores)"
echo
echo "| file (MB) | wall (s) | CPU (s) | CPU s per MB | peak RSS (MB) | RSS / file | findings |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for mb in "${SIZES[@]}"; do
  f="$DIR/plan_${mb}MB.txt"
  bytes=$(stat -c %s "$f")
  log=$(mktemp); res=$(mktemp)
  /usr/bin/time -v "$VBLINT" check "$f" --format jsonl --exit-zero -q --max-file-size 1G >"$res" 2>"$log" || true
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print int($2/1024)}' "$log")
  findings=$(grep -o '"rule"' "$res" | wc -l || true)
  awk -v mb="$((bytes / 1000000))" -v b="$bytes" -v w="$wall" -v c="$cpu" -v r="$rss" -v n="$findings" \
    'BEGIN { printf "| %d | %.2f | %.2f | %.3f | %d | %.2f× | %d |\n", mb, w, c, c/(b/1e6), r, r/(b/1048576), n }'
  rm -f "$log" "$res"
done
if [ -z "${SCALING_DIR:-}" ]; then rm -rf "$DIR"; fi

#!/usr/bin/env bash
# Bulk benchmark: generates a synthetic archive of plans from the corpus seeds (varied dates, numbers,
# injected defects, padding paragraphs, some NFD and CRLF files, a few broken files) and measures,
# side by side in one run: `vblint check --format jsonl` with 1 and 2 threads, ripgrep with a
# citation-like regex (1 and 2 threads), and `cat` of the same files. Prints MB/s, files/s, peak RSS
# and the ratio to rg as a Markdown table.
#
#   benches/bulk.sh [FILES] [TOTAL_MB]      (default 20000 files, 320 MB)
#   MIX=legacy benches/bulk.sh …            (60% of the files in TCVN3, VNI, Windows-1258 and damaged
#                                            forms, written by examples/bulk_legacy_mix.rs)
#   BASELINE=/path/to/old/vblint benches/bulk.sh …   (the old binary measured in the same run)
#
# The archive goes to a temporary directory (BULK_DIR to choose; kept with KEEP=1). Caches are warm:
# every command reads the files once before the timed runs. The machine may be shared: "MB per
# CPU-second" is the per-core throughput whatever else runs; wall-clock figures depend on the load.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${1:-20000}
TOTAL_MB=${2:-320}
DIR=${BULK_DIR:-$(mktemp -d /tmp/vblint-bulk.XXXXXX)}
[ -x /usr/bin/time ] || { apt-get install -y -qq time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }; }
command -v rg >/dev/null || apt-get install -y -qq ripgrep >/dev/null || cargo install ripgrep
command -v python3 >/dev/null || { echo "needs python3 to generate the archive"; exit 1; }
MIX=${MIX:-utf8}
case "$MIX" in utf8|legacy) ;; *) echo "MIX is utf8 or legacy, not $MIX"; exit 1 ;; esac
cargo build --release -q
VBLINT=${CARGO_TARGET_DIR:-$PWD/target}/release/vblint

if [ ! -f "$DIR/.done" ]; then
  echo "generating $FILES files (~$TOTAL_MB MB) in $DIR" >&2
  python3 - "$DIR" "$FILES" "$TOTAL_MB" corpus/*.txt <<'PY'
import os, random, re, sys, unicodedata
out, n, total_mb, seeds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
rng = random.Random(2024)
texts = [open(s, encoding="utf-8").read() for s in seeds]
paragraphs = [l for t in texts for l in t.splitlines() if len(l) > 120]
target = total_mb * 1_000_000 // n
date = re.compile(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b")
number = re.compile(r"\b(\d{1,4})/(KH|CT|QĐ|TB|NQ)-")
def vary(text, shift):
    def d(m):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3)) + shift
        if rng.random() < 0.01:
            day, month = 31, 6  # invalid date
        return f"{day}/{month}/{year}"
    text = date.sub(d, text)
    text = number.sub(lambda m: f"{rng.randint(1, 999)}/{m.group(2)}-", text)
    return text
for i in range(n):
    sub = os.path.join(out, f"{i // 1000:03d}")
    os.makedirs(sub, exist_ok=True)
    path = os.path.join(sub, f"plan_{i:06d}.txt")
    if i % 997 == 13:
        open(path, "wb").write(b"")  # empty
        continue
    if i % 1499 == 7:
        open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))  # image named .txt
        continue
    text = vary(rng.choice(texts), rng.randint(-3, 3))
    lines = text.splitlines()
    if rng.random() < 0.3:  # duplicate word defect
        k = rng.randrange(len(lines))
        lines[k] = lines[k].replace("Chỉ thị", "Chỉ thị Chỉ thị", 1)
    body = "\n".join(lines)
    size = max(target + rng.randint(-target // 3, target // 3), len(body.encode()))
    pad = []
    grown = len(body.encode())
    while grown < size:
        p = vary(rng.choice(paragraphs), rng.randint(-3, 3))
        pad.append(p)
        grown += len(p.encode()) + 1
    cut = max(1, len(lines) * 2 // 3)
    text = "\n".join(lines[:cut] + pad + lines[cut:]) + "\n"
    if i % 10 == 3:
        text = unicodedata.normalize("NFD", text)
    if i % 10 == 5:
        text = text.replace("\n", "\r\n")
    open(path, "w", encoding="utf-8", newline="").write(text)
PY
  if [ "$MIX" = legacy ]; then
    cargo run --release -q --features testkit --example bulk_legacy_mix -- "$DIR"
  fi
  echo "$MIX" > "$DIR/.done"
fi
DONE_MIX=$(cat "$DIR/.done"); DONE_MIX=${DONE_MIX:-utf8}  # an archive from before MIX= is UTF-8
[ "$DONE_MIX" = "$MIX" ] || { echo "$DIR holds the $DONE_MIX mix, not $MIX"; exit 1; }

BYTES=$(find "$DIR" -type f -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
NFILES=$(find "$DIR" -type f -name '*.txt' | wc -l)
echo "archive: $NFILES files, $((BYTES / 1000000)) MB in $DIR" >&2
find "$DIR" -type f -name '*.txt' -print0 | xargs -0 cat >/dev/null  # warm the page cache

REGEX='[0-9]+(/[0-9]{4})?/[A-ZĐ]+(-[A-ZĐ]+)+'
measure() { # name, command…
  local name=$1; shift
  local log; log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || true
  local wall rss cpu
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print int($2/1024)}' "$log")
  echo "$name|$wall|$rss|$cpu"
  rm -f "$log"
}
RESULTS=$(
  measure "cat" sh -c "find '$DIR' -type f -name '*.txt' -print0 | xargs -0 cat"
  measure "rg -j1 (citation regex)" rg -j1 -c --no-messages -e "$REGEX" "$DIR"
  measure "rg -j2 (citation regex)" rg -j2 -c --no-messages -e "$REGEX" "$DIR"
  measure "vblint --threads 1" "$VBLINT" check "$DIR" --format jsonl --threads 1 --exit-zero -q
  measure "vblint --threads 2" "$VBLINT" check "$DIR" --format jsonl --threads 2 --exit-zero -q
  if [ -n "${BASELINE:-}" ]; then
    measure "baseline --threads 1" "$BASELINE" check "$DIR" --format jsonl --threads 1 --exit-zero -q
    measure "baseline --threads 2" "$BASELINE" check "$DIR" --format jsonl --threads 2 --exit-zero -q
  fi
)
echo
echo "$NFILES files, $(awk -v b="$BYTES" 'BEGIN{printf "%.0f", b/1e6}') MB, mix $MIX ($(nproc) cores, warm cache)"
echo
echo "| command | wall (s) | MB/s | files/s | CPU (s) | MB per CPU-second | peak RSS (MB) | wall vs rg -j1 |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
RG1=$(echo "$RESULTS" | awk -F'|' '/^rg -j1/ {print $2}')
echo "$RESULTS" | awk -F'|' -v b="$BYTES" -v n="$NFILES" -v rg="$RG1" '{
  cpu = ($4 > 0) ? $4 : 0.01
  printf "| `%s` | %.2f | %.1f | %.0f | %.2f | %.1f | %d | %.1f× |\n", $1, $2, b/1e6/$2, n/$2, $4, b/1e6/cpu, $3, $2/rg }'
if [ "${KEEP:-0}" != 1 ] && [ -z "${BULK_DIR:-}" ]; then rm -rf "$DIR"; fi

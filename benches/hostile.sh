#!/usr/bin/env bash
# Hostile inputs of issue #10, measured: exit code, wall time and peak RSS (`/usr/bin/time -v`) of
# each, as a Markdown table. tests/it/hostile.rs asserts the outcomes; this script gives the costs,
# on inputs as large as the issue's (a .docx of ~195 MB XML, a 50 MB path, a 78 MB request).
#
#   benches/hostile.sh            (inputs in a temporary directory; HOSTILE_DIR to choose, KEEP=1)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
cargo build --release -q
VBLINT=${VBLINT:-${CARGO_TARGET_DIR:-$PWD/target}/release/vblint}
DIR=${HOSTILE_DIR:-$(mktemp -d /tmp/vblint-hostile.XXXXXX)}
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$DIR"' EXIT
PLAN=$PWD/corpus/000_56932b52c8e7ffb0.txt
cd "$DIR"

python3 - <<'PY'
import json, random, zipfile
rng = random.Random(10)
syl = "thi đua khen thưởng trường học sinh giáo viên kế hoạch phát động phong trào năm ngày tháng".split()
# A .docx whose document.xml is ~195 MB: varied text (about 8:1 compressed, under the ratio limit).
para = lambda: "<w:p><w:r><w:t>" + " ".join(rng.choice(syl) for _ in range(60)) + "</w:t></w:r></w:p>"
with zipfile.ZipFile("big.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        f.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
        size = 0
        while size < 195_000_000:
            # Reshuffle each chunk so that deflate cannot reuse the previous one.
            b = "".join(para() for _ in range(2000)).encode()
            f.write(b)
            size += len(b)
        f.write(b"</w:body></w:document>")
open("long-path.list", "w").write("a" * 50_000_000 + "\n")
with open("big-request.jsonl", "w") as f:
    f.write(json.dumps({"id": 1, "text": "Số: 12/KH-THCS\n" * 5_200_000}) + "\n")
PY
cp "$PLAN" plan.txt
mkdir -p plans && cp "$PLAN" plans/plan.txt
printf 'Soá: 21/KH-THPTLT\n' > inplace.txt && chmod 600 inplace.txt

measure() {  # name, expected outcome, command…
  local name=$1 expect=$2; shift 2
  local log; log=$(mktemp)
  set +e
  /usr/bin/time -v "$@" >/dev/null 2>"$log" </dev/null
  local rc=$?
  set -e
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  printf '| %s | %s | %s | %s | %s MB |\n' "$name" "$expect" "$rc" "$wall" "$((rss / 1024))"
  rm -f "$log"
}

echo "| input | expected | exit | wall | peak RSS |"
echo "|---|---|---|---|---|"
measure '`check plan.txt -o plan.txt`' 'refused, input kept' "$VBLINT" check plan.txt -o plan.txt
measure '`extract plan.txt -o plan.txt`' 'refused, input kept' "$VBLINT" extract plan.txt -o plan.txt
measure '`check plans -o plans/report.txt` (1st)' 'report written' "$VBLINT" check plans -o plans/report.txt
measure '`check plans -o plans/report.txt` (2nd)' 'report not checked' "$VBLINT" check plans -o plans/report.txt
measure '`check plan.txt -o /dev/null`' 'device kept' "$VBLINT" check plan.txt -o /dev/null
measure '`normalize --in-place` (chmod 600, 1st)' 'mode kept, .bak' "$VBLINT" normalize --in-place inplace.txt
measure '`normalize --in-place` (2nd)' '.bak kept, .bak.1' "$VBLINT" normalize --in-place inplace.txt
measure '`normalize --in-place plan.txt big.docx missing.txt`' 'all tried, exit 2' "$VBLINT" normalize --in-place plan.txt big.docx missing.txt
measure ".docx, $(( $(stat -c %s big.docx) / 1000000 )) MB zipped, 195 MB XML" 'text limit error' "$VBLINT" check big.docx
measure '`-j 0`' 'usage error' "$VBLINT" check plan.txt -j 0
measure '`-j 100000`' 'usage error' "$VBLINT" check plan.txt -j 100000
measure '`-j 256`' 'runs' "$VBLINT" check plan.txt -j 256
measure '50 MB line in `--files-from`' 'error record, path cut' "$VBLINT" check --files-from long-path.list
measure '78 MB `--stdin-lines` request' 'error record (size)' sh -c "'$VBLINT' check --stdin-lines < big-request.jsonl"
measure 'empty directory' 'nothing found, exit 2' sh -c "mkdir -p empty && '$VBLINT' check empty"
ls -la "$DIR" | grep -c 'inplace.txt.bak' | sed 's/^/backups of inplace.txt: /' >&2

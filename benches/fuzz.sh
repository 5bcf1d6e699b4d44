#!/usr/bin/env bash
# Fuzzing campaign: every cargo-fuzz target in fuzz/ for SECONDS each (default 180: the machine is
# shared), one job, in an empty working directory with stdin from /dev/null (a --stdin-lines
# request may name any path). Prints executions and coverage per target; crashes are left in
# fuzz/artifacts/TARGET/ — keep each as a regression test (tests/it/hostile.rs).
#
#   benches/fuzz.sh [SECONDS] [TARGET…]
# cargo-fuzz needs nightly features; the stable toolchain accepts them with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-180}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(decode pipeline docx pdf stdin_lines)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
ROOT=$PWD
mkdir -p fuzz/artifacts
for t in "${TARGETS[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  case $t in
    docx) python3 - "fuzz/corpus/$t" <<'PY'
import sys, zipfile, io
body = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Số: 12/KH-THCS</w:t></w:r></w:p></w:body></w:document>'
b = io.BytesIO()
with zipfile.ZipFile(b, "w") as z:
    z.writestr("word/document.xml", body)
open(sys.argv[1] + "/seed.docx", "wb").write(b.getvalue())
PY
    ;;
    pdf) cp tests/fixtures/pdf/*.pdf "fuzz/corpus/$t/" ;;
    decode|pipeline) cp corpus/*.txt tests/decode_fixtures/* "fuzz/corpus/$t/" 2>/dev/null || true ;;
    stdin_lines) printf '{"id":1,"text":"Số: 12/KH-THCS\\nAn Phú, ngày 5 tháng 3 năm 2024"}\n\n{"id":2,"text":3}\n' > "fuzz/corpus/$t/seed" ;;
  esac
  (cd fuzz && cargo fuzz build -O "$t" >/dev/null 2>&1)
  work=$(mktemp -d)
  log="$work/log"
  (cd "$work" && "$ROOT/fuzz/target/x86_64-unknown-linux-gnu/release/$t" \
      -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -rss_limit_mb=2048 -timeout=20 \
      -artifact_prefix="$ROOT/fuzz/artifacts/$t-" "$ROOT/fuzz/corpus/$t" </dev/null >"$log" 2>&1) || true
  # libFuzzer refuses to start on a bad argument: say so rather than stop the campaign.
  stats=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  [ -n "$stats" ] || { echo "$t: did not run:"; head -3 "$log"; }
  echo "$t: ${stats:-no stats}"
  grep -E 'Done [0-9]+ runs|SUMMARY|panicked|deadly signal|timeout' "$log" | head -5 || true
  rm -rf "$work"
done

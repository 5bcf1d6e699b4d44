#!/bin/sh
# Builds release and runs the decode benchmark: every corpus form through `decode`, side by side with
# `iconv -f TCVN5712-1 -t UTF-8` on the same TCVN3 bytes. BENCH_MB=100 by default.
set -e
cd "$(dirname "$0")/.."
cargo build --release --bench decode
BENCH_MB="${BENCH_MB:-100}" SEED_DIR="${SEED_DIR:-../shared/seeds}" cargo bench --bench decode

"""The README's PySpark recipe, run in local mode: `python3 pyspark_recipe.py VBLINT PATHS_FILE OUT`.

The function below is the README's `vblint_partition`, word for word; tests/recipes.rs compares
what it returns, record for record, with one plain `vblint check --format jsonl` run.
"""
import json
import os
import subprocess
import sys

from pyspark import SparkContext, SparkFiles

vblint_binary, paths_file, out_file = sys.argv[1:4]
sc = SparkContext("local[2]", "vblint-recipe")
sc.setLogLevel("ERROR")

sc.addFile(vblint_binary)                                   # copied to every executor


def vblint_partition(requests):
    exe = SparkFiles.get("vblint")                          # evaluated on the executor
    if not os.access(exe, os.X_OK):
        os.chmod(exe, 0o755)
    proc = subprocess.Popen([exe, "check", "--stdin-lines", "--exit-zero"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    out, _ = proc.communicate("".join(r + "\n" for r in requests))
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"vblint exited {proc.returncode}")
    return [json.loads(line) for line in out.splitlines()]


docs = sc.textFile(paths_file, minPartitions=3)            # one path per line
results = docs.mapPartitions(vblint_partition).collect()
with open(out_file, "w", encoding="utf-8") as f:
    for r in results:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
sc.stop()

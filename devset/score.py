#!/usr/bin/env python3
"""Score a vblint binary on the real-document development set.

The page texts are NOT in the repository (they are third-party text): they are
cached outside it, one file per excerpt, as <cache>/<id>.txt.  This script reads
our own annotations (index.tsv, defects.tsv, extract.tsv next to it), runs the
binary once over all cached files (`check`) and once per file (`extract`), and
prints

  (a) recall of the annotated error/warning-level defects (overall, per rule);
  (b) false errors and warnings: findings that match no annotated defect
      (total, per 20 documents, per rule, per document kind);
  (c) extraction accuracy for number, symbol, issue_date, type and title;
  (d) with --json, the same as one machine-readable object.

A finding matches an annotated defect when the file, the rule and the line are
the same, or the line differs by one (multi-line shapes: a symbol read across a
line break, a word repeated at a line start).

Usage: python3 devset/score.py [--bin PATH] [--cache DIR] [--json] [--verbose]
Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CACHE = Path("/work/realdocs")
SCORED_LEVELS = ("error", "warning")
EXTRACT_FIELDS = ("number", "symbol", "issue_date", "type", "title")
LINE_TOLERANCE = 1


# ---------------------------------------------------------------- reading TSV

def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header row; '#' lines are comments."""
    rows: list[dict[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        lines = [ln.rstrip("\n") for ln in handle if ln.strip() and not ln.startswith("#")]
    if not lines:
        return rows
    header = lines[0].split("\t")
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise SystemExit(f"{path.name}:{number}: {len(cells)} cells, header has {len(header)}")
        rows.append(dict(zip(header, cells)))
    return rows


# ------------------------------------------------------------ running vblint

def default_binary() -> str:
    built = REPO / "target" / "release" / "vblint"
    if built.exists():
        return str(built)
    found = shutil.which("vblint")
    return found or str(built)


def rule_severities(binary: str) -> dict[str, str]:
    """Default severity of every rule, from `vblint rules`."""
    out = subprocess.run([binary, "rules"], capture_output=True, text=True, check=True).stdout
    severities: dict[str, str] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1] in ("error", "warning", "info"):
            severities[parts[0]] = parts[1]
    return severities


def run_check(binary: str, cache: Path, ids: list[str]) -> dict[str, list[dict]]:
    """Findings per id, from one `check --format jsonl` run over all files."""
    files = [f"{i}.txt" for i in ids]
    proc = subprocess.run(
        [binary, "check", "--format", "jsonl", "--fail-on", "error", "--exit-zero", *files],
        cwd=cache, capture_output=True, text=True,
    )
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"`{binary} check` failed with exit code {proc.returncode}")
    findings: dict[str, list[dict]] = {i: [] for i in ids}
    for line in proc.stdout.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        record = json.loads(line)
        path = record.get("path")
        if path is None:  # a summary record, if the format ever adds one
            continue
        doc_id = Path(path).stem
        if doc_id not in findings:
            continue
        if record.get("error"):
            findings[doc_id].append({"rule": "(file-error)", "severity": "error",
                                     "line": 1, "message": str(record["error"])})
        for finding in record.get("findings") or []:
            findings[doc_id].append(finding)
    return findings


def run_extract(binary: str, cache: Path, doc_id: str) -> dict:
    """The `document` object that `vblint extract` gives for one file."""
    proc = subprocess.run([binary, "extract", f"{doc_id}.txt"], cwd=cache,
                          capture_output=True, text=True)
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return {}
    files = data.get("files") or []
    if not files:
        return {}
    return files[0].get("document") or {}


# ---------------------------------------------------------------- comparing

def norm_space(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def norm_number(value) -> str:
    text = norm_space(str(value))
    return text.lstrip("0") or "0" if text.isdigit() else text


def norm_symbol(value) -> str:
    text = unicodedata.normalize("NFC", str(value))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)  # en/em dashes read as "-"
    return re.sub(r"\s+", "", text).casefold()


def norm_title(value) -> str:
    """Case, punctuation and spacing ignored; a leading "V/v" or "Về việc" too
    (a Công văn's trích yếu starts with it, a Quyết định's may or may not)."""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"^\s*(v\s*/\s*v|về việc)\s*:?\s*", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    return text.strip()


NORMALISERS = {
    "number": norm_number,
    "symbol": norm_symbol,
    "issue_date": lambda v: norm_space(str(v)),
    "type": lambda v: norm_space(str(v)).casefold(),
    "title": norm_title,
}


def finding_line(finding: dict) -> int:
    line = finding.get("line")
    if line is None:
        line = (finding.get("span") or {}).get("start", {}).get("line", 0)
    return int(line or 0)


# ------------------------------------------------------------------ scoring

def score(args: argparse.Namespace) -> dict:
    index = read_tsv(HERE / "index.tsv")
    defects = read_tsv(HERE / "defects.tsv")
    expected = {row["id"]: row for row in read_tsv(HERE / "extract.tsv")}
    kinds = {row["id"]: row["kind"] for row in index}

    cache: Path = args.cache
    if not cache.is_dir():
        sys.stderr.write(
            f"the excerpt cache {cache} does not exist.\n"
            "The page texts are not in the repository. Rebuild the cache from\n"
            "devset/index.tsv: for each row run the search tool (corpus \"pages\")\n"
            "with the row's query, take the result whose url is the row's url and\n"
            "save its `excerpt` string exactly as <cache>/<id>.txt (see devset/README.md).\n")
        sys.exit(2)
    ids = [row["id"] for row in index]
    missing = [i for i in ids if not (cache / f"{i}.txt").is_file()]
    present = [i for i in ids if i not in missing]
    if not present:
        raise SystemExit(f"none of the {len(ids)} excerpts is cached in {cache}; see devset/README.md")

    binary = args.bin
    severities = rule_severities(binary)
    findings = run_check(binary, cache, present)

    # (a) recall -----------------------------------------------------------
    unknown_rules = sorted({d["rule"] for d in defects if d["rule"] not in severities})
    scored_defects = [d for d in defects if d["id"] in findings
                      and severities.get(d["rule"], "warning") in SCORED_LEVELS]
    found_any: list[dict] = []
    found_scored_level: list[dict] = []
    missed: list[dict] = []
    matched_findings: set[tuple[str, int]] = set()

    def matches(doc_id: str, rule: str, line: int) -> list[int]:
        """Findings that an annotated defect accounts for.

        Line 0 annotates a component absent from the document (no "Số" line at all):
        there is no right line for it, so any finding of that rule in the file matches.
        Otherwise every finding of the rule on the annotated line matches (a rule may
        report one defect once per word); only when there is none there, the nearest
        finding one line away does (multi-line shapes)."""
        same_rule = [(k, finding_line(f)) for k, f in enumerate(findings[doc_id])
                     if f.get("rule") == rule]
        if line == 0:
            return [k for k, _ in same_rule]
        exact = [k for k, ln in same_rule if ln == line]
        if exact:
            return exact
        near = sorted((abs(ln - line), k) for k, ln in same_rule
                      if abs(ln - line) <= LINE_TOLERANCE)
        return [near[0][1]] if near else []

    for d in defects:
        if d["id"] not in findings:
            continue
        for k in matches(d["id"], d["rule"], int(d["line"])):
            matched_findings.add((d["id"], k))
    for d in scored_defects:
        hits = matches(d["id"], d["rule"], int(d["line"]))
        if hits:
            found_any.append(d)
            if any(findings[d["id"]][k].get("severity") in SCORED_LEVELS for k in hits):
                found_scored_level.append(d)
        else:
            missed.append(d)
    per_rule_recall: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for d in scored_defects:
        per_rule_recall[d["rule"]][1] += 1
    for d in found_any:
        per_rule_recall[d["rule"]][0] += 1

    # (b) false errors and warnings ---------------------------------------
    false_findings: list[dict] = []
    for doc_id in present:
        for k, f in enumerate(findings[doc_id]):
            if f.get("severity") not in SCORED_LEVELS or (doc_id, k) in matched_findings:
                continue
            false_findings.append({"id": doc_id, "line": finding_line(f), "rule": f.get("rule"),
                                   "severity": f.get("severity"),
                                   "message": f.get("message", ""), "kind": kinds.get(doc_id, "-")})
    docs = len(present)
    false_per_rule = Counter(f["rule"] for f in false_findings)
    false_per_kind = Counter(f["kind"] for f in false_findings)
    true_scored = sum(1 for doc_id in present for k, f in enumerate(findings[doc_id])
                      if f.get("severity") in SCORED_LEVELS and (doc_id, k) in matched_findings)

    # (c) extraction -------------------------------------------------------
    field_total = Counter()
    field_right = Counter()
    spurious = Counter()
    extract_errors: list[dict] = []
    for doc_id, row in expected.items():
        if doc_id not in findings:
            continue
        got = run_extract(binary, cache, doc_id)
        for field in EXTRACT_FIELDS:
            want = row.get(field, "-")
            have = got.get(field)
            if want == "-":
                if have not in (None, ""):
                    spurious[field] += 1
                continue
            field_total[field] += 1
            norm = NORMALISERS[field]
            if have not in (None, "") and norm(have) == norm(want):
                field_right[field] += 1
            else:
                extract_errors.append({"id": doc_id, "field": field, "expected": want,
                                       "got": have})
    docs_all_right = sum(
        1 for doc_id, row in expected.items() if doc_id in findings
        and all(not (e["id"] == doc_id) for e in extract_errors))

    def pct(a: int, b: int) -> float | None:
        return round(100.0 * a / b, 1) if b else None

    return {
        "binary": binary,
        "cache": str(cache),
        "documents": docs,
        "missing_from_cache": missing,
        "kinds": dict(Counter(kinds[i] for i in present)),
        "unknown_rules_in_defects": unknown_rules,
        "defects": {
            "annotated_error_warning": len(scored_defects),
            "found": len(found_any),
            "found_at_error_or_warning": len(found_scored_level),
            "recall_pct": pct(len(found_any), len(scored_defects)),
            "per_rule": {r: {"found": v[0], "total": v[1], "recall_pct": pct(v[0], v[1])}
                         for r, v in sorted(per_rule_recall.items())},
            "missed": missed,
        },
        "false_findings": {
            "total": len(false_findings),
            "per_20_documents": round(20.0 * len(false_findings) / docs, 2) if docs else None,
            "true_error_warning_findings": true_scored,
            "precision_pct": pct(true_scored, true_scored + len(false_findings)),
            "per_rule": dict(false_per_rule.most_common()),
            "per_kind": dict(false_per_kind.most_common()),
            "list": false_findings,
        },
        "extraction": {
            "documents": sum(1 for i in expected if i in findings),
            "documents_all_fields_right": docs_all_right,
            "per_field": {f: {"right": field_right[f], "total": field_total[f],
                              "pct": pct(field_right[f], field_total[f])}
                          for f in EXTRACT_FIELDS},
            "all_fields_pct": pct(sum(field_right.values()), sum(field_total.values())),
            "spurious_when_absent": dict(spurious),
            "errors": extract_errors,
        },
    }


# ----------------------------------------------------------------- printing

def print_report(result: dict, verbose: bool) -> None:
    out = sys.stdout.write
    out(f"binary: {result['binary']}\ncache:  {result['cache']}\n")
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(result["kinds"].items()))
    out(f"documents scored: {result['documents']} ({kinds})\n")
    if result["missing_from_cache"]:
        out(f"NOT CACHED (not scored): {' '.join(result['missing_from_cache'])}\n")
    if result["unknown_rules_in_defects"]:
        out(f"rules in defects.tsv unknown to this binary: {result['unknown_rules_in_defects']}\n")

    d = result["defects"]
    out("\n(a) annotated error/warning defects found\n")
    out(f"    {d['found']}/{d['annotated_error_warning']} = {d['recall_pct']}%"
        f"  (found at error/warning level: {d['found_at_error_or_warning']})\n")
    for rule, v in d["per_rule"].items():
        out(f"    {rule:<28} {v['found']:>3}/{v['total']:<3} {v['recall_pct']}%\n")
    if verbose and d["missed"]:
        out("    missed:\n")
        for m in d["missed"]:
            out(f"      {m['id']}:{m['line']} {m['rule']} — {m['why']}\n")

    f = result["false_findings"]
    out("\n(b) false errors + warnings (no annotated defect within one line)\n")
    out(f"    {f['total']} in {result['documents']} documents = {f['per_20_documents']} per 20 documents"
        f"; precision of errors+warnings {f['precision_pct']}%\n")
    for rule, n in f["per_rule"].items():
        out(f"    {rule:<28} {n:>4}\n")
    out("    by document kind: " + ", ".join(f"{k} {n}" for k, n in f["per_kind"].items()) + "\n")
    if verbose:
        for x in f["list"]:
            out(f"      {x['id']}:{x['line']} {x['rule']} [{x['severity']}] {x['message']}\n")

    e = result["extraction"]
    out(f"\n(c) extraction on {e['documents']} documents with an annotated header"
        f" ({e['documents_all_fields_right']} with every field right)\n")
    for field, v in e["per_field"].items():
        out(f"    {field:<11} {v['right']:>3}/{v['total']:<3} {v['pct']}%\n")
    out(f"    all fields  {e['all_fields_pct']}%\n")
    if e["spurious_when_absent"]:
        out(f"    value given where the document has none: {e['spurious_when_absent']}\n")
    if verbose:
        for x in e["errors"]:
            out(f"      {x['id']} {x['field']}: expected {x['expected']!r}, got {x['got']!r}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.environ.get("VBLINT_BIN", default_binary()),
                        help="vblint binary (default: $VBLINT_BIN, target/release/vblint, or vblint on PATH)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="folder holding <id>.txt excerpts (default /work/realdocs)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list every missed defect, false finding and extraction error")
    args = parser.parse_args()
    if not Path(args.bin).exists() and shutil.which(args.bin) is None:
        raise SystemExit(f"vblint binary not found: {args.bin} (build it or pass --bin)")
    result = score(args)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print_report(result, args.verbose)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head`
        sys.exit(0)

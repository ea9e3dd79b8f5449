"""Archive audits: many files to one table of claims or findings, on every core or a Dask cluster.

Each file becomes rows on its own (no state passes between files), so the rows of a run do not
depend on how it was spread: one process, a pool, or a cluster give the same table, in the order
the files were named. A file's rows are cached by its content (with the code and the settings
that made them), each as soon as it is done, so a run that was interrupted and is started again
redoes none of the files it finished. A file that cannot be read is one row with its error; the
run goes on.

Modes: `extract` (the claims of each file), `check` (each digest's findings, against the
sources it is given), `self` (a paper checked against itself: the figures of its prose against
its own tables).
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Callable, Sequence

CLAIM_FIELDS = ["document", "line", "column", "page", "text", "value", "unit", "kind", "metric", "subject", "dataset",
                "baseline", "role", "setting", "attribution", "direction", "decimals", "approximate", "bound"]
FINDING_FIELDS = ["document", "status", "rule", "name", "severity", "verdict", "message", "line", "column", "page",
                  "text", "value", "unit", "kind", "metric", "subject", "dataset", "expected", "fix", "fingerprint"]
TABLE_SUFFIXES = (".parquet", ".csv", ".jsonl")


@dataclass(frozen=True)
class Job:
    """What each file of a run is read or checked with. `sources`: paths (or ID=PATH) of the
    sources every digest is checked against; `paired`: per digest path, its own sources."""

    mode: str = "extract"
    select: frozenset[str] | None = None
    ignore: frozenset[str] | None = None
    tolerance: float = 0.0
    severity: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()
    paired: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def key(self) -> str:
        """What the cached rows of a file depend on besides its content and the code."""
        def stamp(spec: str) -> str:  # a source's path and its content's size and time of change
            path = spec.split("=", 1)[-1]
            try:
                info = os.stat(path)
                return f"{spec}:{info.st_size}:{info.st_mtime_ns}"
            except OSError:
                return spec
        data = [self.mode, sorted(self.select or []), sorted(self.ignore or []), self.tolerance, list(self.severity),
                [stamp(s) for s in self.sources], [[d, [stamp(s) for s in ss]] for d, ss in self.paired]]
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:16]


@dataclass
class Stats:
    files: int = 0
    built: int = 0       # files read and checked in this run
    cached: int = 0      # files whose rows came from an earlier run
    errors: int = 0
    built_files: list[str] = field(default_factory=list)


_SOURCES: dict[str, list] = {}


def _sources(specs: Sequence[str]) -> list:
    from .sources import load_sources
    out = []
    for spec in specs:
        if spec not in _SOURCES:
            _SOURCES[spec] = load_sources([spec])
        out += _SOURCES[spec]
    return out


def _claim_row(claim) -> dict:
    from .report.json_report import claim_dict
    data = claim_dict(claim)
    row = {k: data[k] for k in CLAIM_FIELDS}
    row["setting"] = "; ".join(row["setting"])
    row["error"] = None
    return row


def _finding_rows(path: str, findings) -> list[dict]:
    from .report.json_report import claim_dict, fingerprint
    rows = []
    for f in findings:
        claim = claim_dict(f.claim)
        rows.append({"document": path, "status": "finding", "rule": f.rule, "name": f.name, "severity": f.severity,
                     "verdict": f.verdict, "message": f.message, "line": claim["line"], "column": claim["column"],
                     "page": claim["page"], "text": claim["text"], "value": claim["value"], "unit": claim["unit"],
                     "kind": claim["kind"], "metric": claim["metric"], "subject": claim["subject"],
                     "dataset": claim["dataset"], "expected": f.expected, "fix": f.fix.new if f.fix else None,
                     "fingerprint": fingerprint(f), "error": None})
    if not rows:
        rows.append(dict({k: None for k in FINDING_FIELDS}, document=path, status="clean", error=None))
    return rows


def _self_check(document):
    """A paper's findings against itself: all its figures for its own arithmetic and consistency,
    and the figures of its prose against the cells of its own tables."""
    from .api import read_cached
    from .sources import Source, paper_names
    from .verify import RULES, verify
    claims = list(read_cached(document).claims)
    in_tables = tuple(c for c in claims if document.cell_at(c.quantity.start) is not None)
    prose = [c for c in claims if document.cell_at(c.quantity.start) is None]
    own = verify(document, claims)
    if not in_tables or not prose:
        return own
    tables = Source(document.name, "self", document, in_tables, frozenset(), frozenset(paper_names(document)))
    source_rules = {code for code, rule in RULES.items() if rule.family == "source"}
    against = verify(document, prose, select=source_rules, sources=[tables])
    merged = {(f.rule, f.claim.quantity.start): f for f in own}
    for f in against:
        merged.setdefault((f.rule, f.claim.quantity.start), f)
    return sorted(merged.values(), key=lambda f: (f.claim.line, f.claim.column, f.rule))


def _rows_of(path: str, job: Job) -> list[dict]:
    from .api import check_document, read_cached, read_path
    document = read_path(path)
    if job.mode == "extract":
        return [_claim_row(c) for c in read_cached(document).claims] or \
            [dict({k: None for k in CLAIM_FIELDS}, document=path, error=None)]
    if job.mode == "self":
        return _finding_rows(path, _self_check(document))
    paired = dict(job.paired).get(path, ())
    result = check_document(document, set(job.select) if job.select else None, set(job.ignore) if job.ignore else None,
                            job.tolerance, _sources(tuple(job.sources) + tuple(paired)), dict(job.severity))
    return _finding_rows(path, result.findings)


def error_row(path: str, job: Job, error: BaseException) -> dict:
    fields_ = CLAIM_FIELDS if job.mode == "extract" else FINDING_FIELDS
    row = {k: None for k in fields_}
    row["document"] = path
    if "status" in row:
        row["status"] = "error"
    row["error"] = f"{type(error).__name__}: {str(error)[:300]}"
    return row


def audit_file(path: str, job: Job) -> tuple[list[dict], bool]:
    """(rows, built): the file's rows, from the cache when an earlier run made them; one error
    row when it cannot be read or checked (never cached: the next run tries again)."""
    from . import cache
    from .files import read_input
    built = []

    def make():
        built.append(True)
        return _rows_of(path, job)
    try:
        content = read_input(path)
        rows = cache.cached(f"audit|{job.key()}|{os.path.basename(path)}", content, make)
    except Exception as error:  # any failure of one file (FileProblem included) is that file's row
        return [error_row(path, job, error)], True
    # rows made under another path (a copy, a moved archive) name the file as this run does
    return [dict(row, document=path) for row in rows], bool(built)


def run(paths: Sequence[str], job: Job, jobs: int = 1, progress: Callable[[int, int], None] | None = None,
        scheduler: str | None = None) -> tuple[list[dict], Stats]:
    """Every file's rows, in the order of `paths`, and what the run did."""
    stats = Stats(files=len(paths))
    results: list[list[dict] | None] = [None] * len(paths)

    def done(i: int, rows: list[dict], built: bool, finished: int) -> None:
        results[i] = rows
        if built:
            stats.built += 1
            stats.built_files.append(paths[i])
        else:
            stats.cached += 1
        stats.errors += any(r.get("error") for r in rows)
        if progress:
            progress(finished, len(paths))

    if scheduler:
        _run_dask(paths, job, scheduler, done)
    elif jobs <= 1 or len(paths) <= 1:
        for i, path in enumerate(paths):
            rows, built = audit_file(path, job)
            done(i, rows, built, i + 1)
    else:
        from concurrent.futures import as_completed

        from .batch import worker_pool
        with worker_pool(min(jobs, len(paths))) as pool:
            # the largest files first, so that no large file is left to run alone at the end (rows
            # still come out in the named order); at most a few files in flight per worker, so
            # memory stays bounded whatever the archive's size
            def size(i: int) -> int:
                try:
                    return os.path.getsize(paths[i])
                except OSError:
                    return 0
            order = sorted(range(len(paths)), key=lambda i: (-size(i), i))
            pending, finished, queue_ = {}, 0, ((i, paths[i]) for i in order)
            for i, path in queue_:
                pending[pool.submit(audit_file, path, job)] = i
                if len(pending) >= 4 * jobs:
                    break
            while pending:
                future = next(as_completed(pending))
                i = pending.pop(future)
                finished += 1
                done(i, *future.result(), finished)
                for j, path in queue_:
                    pending[pool.submit(audit_file, path, job)] = j
                    break
    return [row for rows in results for row in (rows or [])], stats


def _run_dask(paths, job, scheduler: str, done) -> None:
    """The same work on a Dask cluster: `local` starts one on this machine (a worker per core,
    one thread each), anything else is a scheduler's address."""
    from distributed import Client, LocalCluster, as_completed
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=max(1, os.cpu_count() or 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        futures = client.map(audit_file, list(paths), job=job, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        finished = 0
        for future in as_completed(futures):
            finished += 1
            done(index[future.key], *future.result(), finished)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def columns(mode: str) -> list[str]:
    return (CLAIM_FIELDS if mode == "extract" else FINDING_FIELDS) + ["error"]


def write_table(rows: list[dict], mode: str, output: str) -> None:
    """The rows as a Parquet (pyarrow), CSV or JSON Lines file, with the mode's columns in order."""
    import pandas as pd
    frame = pd.DataFrame(rows, columns=columns(mode))
    lower = output.lower()
    from .files import write_atomically
    if lower.endswith(".parquet"):
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise RuntimeError("Parquet needs pyarrow: python3 -m pip install 'claimcheck[archive]'") from None
        import io
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        write_atomically(output, buffer.getvalue())
    elif lower.endswith(".csv"):
        write_atomically(output, frame.to_csv(index=False))
    else:
        write_atomically(output, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in
                                         frame.astype(object).where(frame.notna(), None).to_dict("records")))


def read_manifest(path: str) -> list[tuple[str, str]]:
    """(digest, source) pairs from a CSV with columns digest, source (and optionally id, which
    ties the source to the digest's section citing that arXiv id); paths relative to the CSV."""
    import csv
    base = os.path.dirname(os.path.abspath(path))
    out = []
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"digest", "source"} <= {f.strip() for f in reader.fieldnames}:
            raise ValueError(f"{path}: a manifest needs the columns digest and source")
        for row in reader:
            digest = os.path.join(base, row["digest"].strip())
            source = os.path.join(base, row["source"].strip())
            ident = (row.get("id") or "").strip()
            out.append((digest, f"{ident}={source}" if ident else source))
    return out


def papers_cited(digest_text: str, folder: str) -> list[str]:
    """The papers of `folder` (named by arXiv id: 2406.12345.pdf) that a digest cites, as ID=PATH."""
    from .sources import ARXIV_ID
    out = []
    for ident in dict.fromkeys(ARXIV_ID.findall(digest_text)):
        for suffix in (".pdf", ".tex", ".md", ".txt", ".html"):
            path = os.path.join(folder, ident + suffix)
            if os.path.isfile(path):
                out.append(f"{ident}={path}")
                break
    return out

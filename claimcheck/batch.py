"""Checking many digests: one after another, or on a pool of processes with the same output.

Each document is checked on its own (no state passes from one to the next), so a pool gives
what a single process gives, and results are put back in the order the documents were named.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable, Sequence

from .api import CheckResult, check_document
from .model import Document

# what every worker checks against, set once per process by `_start_worker`
_job: dict = {}


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _begin(cache_enabled: bool, initializer, initargs: tuple) -> None:
    if not cache_enabled:
        from . import cache
        cache.disable()
    if initializer is not None:
        initializer(*initargs)


def worker_pool(workers: int, initializer=None, initargs: tuple = ()) -> ProcessPoolExecutor:
    """A pool of `workers` processes that keep this process's cache setting. Fork where the
    platform has it (the workers share the parent's loaded modules and sources), else spawn
    (each worker gets `initargs` once)."""
    from . import cache
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_begin,
                               initargs=(cache.directory() is not None, initializer, initargs))


def _start_worker(settings: dict) -> None:
    _job.clear()
    _job.update(settings)


def _check_one(document: Document) -> CheckResult:
    return check_document(document, _job["select"], _job["ignore"], _job["tolerance"], _job["sources"],
                          _job["severity"])


def check_documents(documents: Sequence[Document], settings: Sequence[dict], jobs: int = 1,
                    progress: Callable[[int, int], None] | None = None) -> list[CheckResult]:
    """Each document checked with its settings (select, ignore, tolerance, sources, severity),
    on `jobs` processes; results in the documents' order. `progress(done, total)` is called as
    documents finish."""
    total = len(documents)
    results: list[CheckResult | None] = [None] * total
    jobs = max(1, min(jobs, total))
    if jobs == 1:
        for i, (document, own) in enumerate(zip(documents, settings)):
            results[i] = check_document(document, own["select"], own["ignore"], own["tolerance"], own["sources"],
                                        own["severity"])
            if progress:
                progress(i + 1, total)
        return results  # type: ignore[return-value]
    # one pool per distinct settings (most runs have one): workers hold their sources once
    groups: dict[int, list[int]] = {}
    keys: dict[int, dict] = {}
    for i, own in enumerate(settings):
        groups.setdefault(id(own), []).append(i)
        keys[id(own)] = own
    done = 0
    for key, members in groups.items():
        workers = max(1, min(jobs, len(members)))
        with worker_pool(workers, _start_worker, (keys[key],)) as pool:
            # the longest documents first, so that none is left to run alone at the end (results
            # still go back in the named order)
            ordered = sorted(members, key=lambda i: (-len(documents[i].text), i))
            futures = {pool.submit(_check_one, documents[i]): i for i in ordered}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                done += 1
                if progress:
                    progress(done, total)
    return results  # type: ignore[return-value]

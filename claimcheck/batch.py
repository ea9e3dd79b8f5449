"""Checking many digests: one after another, or on a pool of processes with the same output.

Each document is checked on its own (no state passes from one to the next), so a pool gives
what a single process gives, and results are put back in the order the documents were named.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
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


def _start_worker(settings: dict, cache_enabled: bool) -> None:
    _job.clear()
    _job.update(settings)
    if not cache_enabled:
        from . import cache
        cache.disable()


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
    from . import cache
    cache_enabled = cache.directory() is not None
    # one pool per distinct settings (most runs have one): workers hold their sources once
    groups: dict[int, list[int]] = {}
    keys: dict[int, dict] = {}
    for i, own in enumerate(settings):
        groups.setdefault(id(own), []).append(i)
        keys[id(own)] = own
    # fork shares the parent's loaded modules and sources; elsewhere each worker gets them once
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    done = 0
    for key, members in groups.items():
        workers = max(1, min(jobs, len(members)))
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                                 initargs=(keys[key], cache_enabled)) as pool:
            # the longest documents first, so that none is left to run alone at the end (results
            # still go back in the named order)
            ordered = sorted(members, key=lambda i: (-len(documents[i].text), i))
            futures = {pool.submit(_check_one, documents[i]): i for i in ordered}
            from concurrent.futures import as_completed
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                done += 1
                if progress:
                    progress(done, total)
    return results  # type: ignore[return-value]

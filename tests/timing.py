"""Timing for tests of growth that a loaded machine does not fool: each size is run again and
again until its calls have taken at least a second of CPU in all, and the mean per call is
compared (a single run of a few milliseconds swings several-fold when other work shares the
cores). CPU time of this process, not wall time: another process's load is not counted."""
from __future__ import annotations

import time

FLOOR = 1.0  # seconds of CPU each size runs for in all


def per_call(function, *args, floor: float = FLOOR, warm: bool = True) -> float:
    if warm:
        function(*args)  # once untimed: what loads on first use (spaCy, the patterns) is no part of it
    calls, start = 0, time.process_time()
    while True:
        function(*args)
        calls += 1
        spent = time.process_time() - start
        if spent >= floor:
            return spent / calls


def grows_less_than(factor: float, small, large) -> bool:
    """Does `large()` take less than `factor` times as long per call as `small()`?"""
    return per_call(large) < factor * per_call(small)

"""Independent work (parsing pages, formatting files) spread over worker processes."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_on_processes(
    function: Callable[[Item], Result], items: Sequence[Item], workers: int, chunksize: int = 1
) -> list[Result]:
    """``list(map(function, items))`` on ``workers`` processes (in this one when the machine
    has a single core): results in the order of ``items``, whatever finishes first."""
    if workers < 2 or (os.cpu_count() or 1) < 2:
        return list(map(function, items))
    # Workers are forks of this process on Linux. A garbage collection in a worker walks
    # every object it inherited, and so copies the parent's whole heap page by page; frozen
    # objects are left out of it. Not done when the caller froze objects of its own, since
    # unfreezing would thaw theirs too.
    freeze = gc.isenabled() and gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(function, items, chunksize=chunksize))
    finally:
        if freeze:
            gc.unfreeze()


def workers_are_forks() -> bool:
    """Forked workers start in milliseconds. Spawned ones (the default on macOS and Windows)
    start a fresh interpreter that imports codegen again: about a third of a second each."""
    # Neither call fixes the start method, which the caller may still want to set.
    method = multiprocessing.get_start_method(allow_none=True)
    return (method or multiprocessing.get_all_start_methods()[0]) == "fork"

"""Printing the booklets into the site: those unchanged since the last build from the booklet cache,
the others on every core.

Each booklet is printed whole by one process, from its HTML and the site's files alone, so a booklet
printed by a worker is the same file, byte for byte, as one printed by the build itself. The workers
are forked from the build (where forking is safe: the caller says how many may run), and the first
booklet that fails stops the others and the build, with its own message.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from plugins.cores.sharing import die_with
from plugins.publishing.booklet_cache import BookletCache, booklet_key
from plugins.publishing.booklets import Booklet, print_pdf


@dataclass
class Tally:
    """How a build's booklets were made: printed, or reused from the cache."""

    printed: int = 0
    reused: int = 0

    def words(self, cache: str) -> str:
        """The tally as the build's last line says it: "Printed 1 booklet and reused 8 unchanged from .cache/booklets/."."""
        printed = f"{self.printed} booklet{'' if self.printed == 1 else 's'}"
        return f"Printed {printed} and reused {self.reused} unchanged from {cache}/." if self.reused else f"Printed {printed}."


def print_booklets(booklets: Sequence[Booklet], site_dir: Path, *, cache: BookletCache | None, workers: int) -> Tally:
    """Put every booklet into site_dir: from the cache where it is unchanged, printed otherwise, on up to
    workers processes. Raises BookletFailed, with the failing booklet's message, if one cannot be printed."""
    tally = Tally()
    wanted = []
    for booklet in booklets:
        key = booklet_key(booklet.path, booklet.html)
        if cache is not None and cache.reuse(key, site_dir / booklet.path):
            tally.reused += 1
        else:
            wanted.append((key, booklet))
    for (key, booklet), files in _printed(wanted, site_dir, workers):
        tally.printed += 1
        if cache is not None:
            cache.store(key, booklet.path, site_dir / booklet.path, files)
    if cache is not None:
        cache.prune()
    return tally


def _printed(wanted: list[tuple[str, Booklet]], site_dir: Path, workers: int) -> Iterator[tuple[tuple[str, Booklet], dict[str, str]]]:
    """Each booklet printed, with the files it read, as it is done."""
    if workers < 2 or len(wanted) < 2:
        for item in wanted:
            yield item, print_pdf(item[1].path, item[1].html, site_dir)
        return
    # WeasyPrint is imported once, before the fork, rather than by every worker.
    import weasyprint  # noqa: F401

    # The workers' temporary files (WeasyPrint's copies of a booklet's fonts) go in a folder of the printing's
    # own, removed once every worker has ended: a worker stopped mid-booklet cannot remove its own.
    with tempfile.TemporaryDirectory(prefix="strategy-booklets-") as scratch:
        executor = ProcessPoolExecutor(
            min(workers, len(wanted)),
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(os.getpid(), scratch),
        )
        try:
            # Only the booklet's place and HTML travel to the worker, not the strategy it was made from.
            futures: dict[Future[dict[str, str]], int] = {
                executor.submit(print_pdf, booklet.path, booklet.html, site_dir): n for n, (_, booklet) in enumerate(wanted)
            }
            pending = set(futures)
            while pending:
                done, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in sorted(done, key=futures.__getitem__):
                    yield wanted[futures[future]], future.result()  # a booklet's failure is raised here, and stops the rest
        finally:
            _stop(executor)


def _start_worker(printing: int, scratch: str) -> None:
    # A worker is stopped when the build no longer needs it, or by Ctrl-C reaching the build: it ends
    # there and then, rather than in the build's own handlers, with a traceback of its own. It ends too
    # when the process printing the booklets ends, however that ends (stopped with the build, say).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with(printing)
    tempfile.tempdir = scratch


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now, printing or not: after a failure, the build's result is already decided."""
    # The executor has no way to stop a worker mid-task before Python 3.14 (terminate_workers); its
    # own table of processes is the way in, and an executor without one is simply shut down.
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join()
    executor.shutdown(wait=True)

"""Work shared out on every core: how many processes may work at once, and forked workers that do the
later shares of a list while the build does the first.

The build's own work is in Python, which runs on one core at a time in a process; a council's library
takes seconds of it at every step (checking the Easy Read editions, making the pages' Markdown,
converting it, putting it into the theme, printing booklets). Each of those steps shares out here, or
through `processes_for` (the booklets), so that what decides whether forking is safe is in one place.

A worker is forked from the build, so it sees the build's objects as they stand without anything
being copied through a pipe; only its results come back, pickled. Work that fails in a worker is
done again by the build itself, so any error is raised there, in its own words, as it would be on
one core.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Protocol, TypeVar

log = logging.getLogger("mkdocs.plugins.cores.sharing")


def processes_for(setting: int) -> int:
    """How many processes may work at once, forked from the build, by the render_workers option (0 for one
    per core): 1 where forking is not safe, so that the build does the work itself."""
    # macOS has fork, but its system libraries are not safe to fork, which is why Python stopped forking there by default.
    can_fork = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    if setting == 1 or threading.active_count() > 1 or not can_fork:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return setting or cores


class Workers:
    """Worker processes doing the later shares of a list while the build does the first.

    The workers' shares go to them in small pieces, in order, each piece's results coming back as soon as
    it is done: the build takes each item's result as it reaches the item, while the workers go on with
    the pieces after it, rather than waiting for the last of them before it can take the first."""

    def __init__(self, pool: Any, pending: Any, pieces: list[list[int]]) -> None:
        """pending is the pool's imap of the pieces, whose next takes a timeout."""
        self.pool = pool
        self.pending: Any = pending
        self.pieces = iter(pieces)  # in the order their results come back
        self.shared = [position for piece in pieces for position in piece]  # the positions the workers were given
        self.waiting = set(self.shared)
        self.results: dict[int, Any] = {}
        # The pool's processes as started: a pool puts a new process in place of one that ended (killed by
        # the system for want of memory, say), but the piece it was doing is lost, and its results never come.
        self.started = list(getattr(pool, "_pool", None) or [])

    def result(self, position: int) -> Any:
        """An item's result, waiting for the workers if need be; None if the build should do the item
        (one the workers were not given, or failed on)."""
        while position in self.waiting and self.pending is not None:
            try:
                done = self.next_piece()
            except Exception as error:  # a worker failed as a whole: the build does the rest itself
                log.debug(f"Doing the work in one process: a worker failed ({error!r}).")
                self.finish()
                break
            self.results.update(done)
            self.waiting.difference_update(next(self.pieces))
            if not self.waiting:
                self.finish()
        return self.results.pop(position, None)

    def next_piece(self) -> list[tuple[int, Any]]:
        """The next piece's results, as they come; WorkerLost if a worker ended while they were awaited."""
        assert self.pending is not None
        while True:
            try:
                return self.pending.next(timeout=LOOK_EVERY)  # type: ignore[no-any-return]
            except multiprocessing.TimeoutError:
                if any(process.exitcode is not None for process in self.started):
                    raise WorkerLost("a worker ended before its share was done") from None

    def finish(self) -> None:
        self.pending, self.waiting = None, set()
        self.close()

    def close(self) -> None:
        self.pool.terminate()


class WorkerLost(Exception):
    """A worker process ended mid-share: its results will never come."""


# How often, in seconds, the build looks whether a worker it waits for has ended.
LOOK_EVERY = 0.5


class Job(Protocol):
    """What a worker does with its share: each position's result, leaving out any it failed on."""

    def share(self, positions: list[int]) -> list[tuple[int, Any]]: ...


class _ThisWorker:
    """The job of the worker process this is, set as it starts; the building process never sets it.

    A pool sends each task to its worker as a pickle, and a pickle can name a function but cannot
    carry the pages, configuration and content it works on (nor should they be copied through a
    pipe). A forked worker is handed its job without pickling, as it starts (a fork copies the Pool's
    arguments for it as they are), and its tasks then find it here, in the worker's own copy of this
    class: state of the worker process, so a class attribute is the one place for it.
    """

    job: ClassVar[Job | None] = None

    @classmethod
    def start(cls, job: Job) -> None:
        # A worker is stopped when the build no longer needs it, or by Ctrl-C reaching the build: it
        # ends there and then, rather than in the build's own handlers, with a traceback of its own.
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        cls.job = job

    @classmethod
    def do_share(cls, positions: list[int]) -> list[tuple[int, Any]]:
        assert cls.job is not None
        return cls.job.share(positions)


def share_out(job: Job, positions: list[int], workers: int, *, build_part: float = 1.0) -> Workers | None:
    """Fork workers and give them the later shares of the items at positions, in order: by the time the
    build has done the first share, the others are ready. The build's share is build_part of a worker's
    (less than 1 where the build has more to do for every item besides). None if nothing was shared out."""
    count = len(positions)
    if workers < 2 or count < 2:
        return None
    first = min(count - 1, round(count * build_part / (build_part + workers - 1)))
    later = positions[first:]
    # Pieces small enough that the build soon has the first of them, and large enough that sending each
    # costs little beside the work (a piece of pages is some tens of milliseconds of work).
    size = max(1, min(PIECE, -(-len(later) // (workers - 1))))
    pieces = [later[start : start + size] for start in range(0, len(later), size)]
    try:
        # Each worker is a copy of the build as it stands.
        pool = multiprocessing.get_context("fork").Pool(min(workers - 1, len(pieces)), initializer=_ThisWorker.start, initargs=(job,))
    except Exception as error:  # e.g. no processes to be had: the build does every item itself
        log.debug(f"Doing the work in one process: the workers could not be started ({error!r}).")
        return None
    return Workers(pool, pool.imap(_ThisWorker.do_share, pieces), pieces)


# How many items a worker is sent at a time.
PIECE = 16


_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


@dataclass
class _EachJob(Generic[_Item, _Result]):
    work: Callable[[_Item], _Result]
    items: Sequence[_Item]

    def share(self, positions: list[int]) -> list[tuple[int, Any]]:
        done = []
        for position in positions:
            try:
                # In a tuple, so that a result of None is told apart from no result.
                done.append((position, (self.work(self.items[position]),)))
            except Exception:  # noqa: BLE001, S112  (the build does this item again, and raises the error in its own words)
                continue
        return done


def each(work: Callable[[_Item], _Result], items: Sequence[_Item], *, processes: int, at_least: int = 1) -> list[_Result]:
    """work(item) for every item, in order, on up to processes processes, each given at least `at_least`
    items (below that, forking costs more than it saves). work must not change anything the build reads
    afterwards: a worker's changes stay in the worker. The results must pickle."""
    workers = min(processes, len(items) // max(1, at_least))
    shared = share_out(_EachJob(work, items), list(range(len(items))), workers)
    by_workers = set(shared.shared) if shared is not None else set()
    results = []
    try:
        for position, item in enumerate(items):
            taken = shared.result(position) if shared is not None and position in by_workers else None
            results.append(taken[0] if taken is not None else work(item))
    finally:
        if shared is not None:
            shared.close()
    return results


_Other = TypeVar("_Other")


def alongside(main: Callable[[], _Result], other: Callable[[], _Other], *, processes: int) -> tuple[_Result, _Other]:
    """main() and other(), with other done meanwhile by a forked process when more than one may work:
    other must not change anything the build reads afterwards, and its result must pickle. If the
    process fails, the build does other itself, so any error is raised there, as on one core."""
    meanwhile = Meanwhile(other, processes=processes)
    try:
        result = main()
    except BaseException:
        meanwhile.stop()
        raise
    return result, meanwhile.result()


class Meanwhile(Generic[_Other]):
    """other(), done by a forked process from now (or, with waiting, from when the build says go) while
    the build goes on, its result taken when the build asks for it; done by the build itself when only
    one process may work. other must not change anything the build reads meanwhile, and its result must
    pickle. If the process fails, the build does other itself, so any error is raised there, as on one core.

    With ahead, the process does ahead() from now, without waiting, and then other(ahead's result): what
    can be done before the build says go is done before it (the booklets' HTML, say, before their files
    are in the site).

    A bare fork and pipes, not a pool: a pool runs threads in the build while it lasts, and the build
    may share its own work out meanwhile (each), which is not safe beside threads."""

    def __init__(
        self, other: Callable[..., _Other], *, processes: int, waiting: bool = False, ahead: Callable[[], Any] | None = None
    ) -> None:
        def whole() -> _Other:
            return other(ahead()) if ahead is not None else other()

        self.other: Callable[[], _Other] = whole
        self.pid = 0
        self.pipe: Any = None
        self.go_pipe: int | None = None
        if processes < 2:
            return
        reading, writing = os.pipe()
        go_reading, go_writing = os.pipe() if waiting else (None, None)
        build = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            for end in (reading, writing, go_reading, go_writing):
                if end is not None:
                    os.close(end)
            return
        if pid == 0:  # the process doing other: its result down the pipe, then gone without the build's own exit handlers
            os.close(reading)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            code = 1
            try:
                die_with(build)
                given = (ahead(),) if ahead is not None else ()
                if go_reading is not None:
                    assert go_writing is not None
                    os.close(go_writing)
                    if os.read(go_reading, 1) != b"1":  # the build ended without saying go: nothing to do
                        os._exit(1)
                with os.fdopen(writing, "wb") as out:
                    pickle.dump(other(*given), out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(writing)
        if go_reading is not None:
            os.close(go_reading)
        self.pid, self.pipe, self.go_pipe = pid, os.fdopen(reading, "rb"), go_writing

    def go(self) -> None:
        """Let a waiting process start on other, if it has not already."""
        if self.go_pipe is not None:
            try:
                os.write(self.go_pipe, b"1")
            except OSError:  # the process has ended already (ahead failed, say): result() does other in the build
                pass
            finally:
                os.close(self.go_pipe)
                self.go_pipe = None

    def result(self) -> _Other:
        """other()'s result: the process's, once it is done, or the build's own if there was none or it failed."""
        if not self.pid:
            return self.other()
        taken: tuple[_Other] | None = None
        try:
            self.go()
            data = self.pipe.read()
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
            if os.waitstatus_to_exitcode(status) == 0:
                taken = (pickle.loads(data),)  # noqa: S301  (written by the process forked above, from this code)
        finally:
            self.stop()
        return taken[0] if taken is not None else self.other()

    def stop(self) -> None:
        """Stop the process, done or not: the build no longer needs its result."""
        if self.go_pipe is not None:
            os.close(self.go_pipe)
            self.go_pipe = None
        if self.pipe is not None:
            self.pipe.close()
            self.pipe = None
        if self.pid:
            # Any workers it started die with it (die_with), as the booklets' printers do.
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0


# prctl's request that the system send a signal to this process when its parent ends (linux/prctl.h).
_PR_SET_PDEATHSIG = 1


def die_with(parent: int) -> None:
    """Have the system stop this process, forked by parent, the moment parent ends, however it ends (Linux's
    PR_SET_PDEATHSIG): a worker must not go on writing into a build that was stopped, or killed with its
    whole process group, which it stays in. Where that cannot be asked for, nothing changes."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            return
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # parent ended before the request was made
        os._exit(1)

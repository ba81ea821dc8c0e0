"""Work shared out on every core (plugins/cores/): every result, in order, and any error raised by the
build itself, as on one core."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from plugins.cores import sharing

BUILD = os.getpid()


@pytest.fixture(autouse=True)
def forking_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on the command line: the test runner's own threads (a browser test leaves some) are not the build's."""
    monkeypatch.setattr(sharing.threading, "active_count", lambda: 1)


def test_every_result_comes_back_in_order_the_later_ones_from_a_worker():
    done = sharing.each(lambda n: (n * n, os.getpid()), list(range(40)), processes=2, at_least=10)
    assert [square for square, _ in done] == [n * n for n in range(40)]
    # The first half by the build, the second by one worker.
    assert {pid for _, pid in done[:20]} == {BUILD}
    assert len({pid for _, pid in done[20:]}) == 1 and done[20][1] != BUILD


def test_below_the_least_share_the_build_does_every_item_itself():
    done = sharing.each(lambda n: os.getpid(), list(range(19)), processes=2, at_least=10)
    assert done == [BUILD] * 19
    assert sharing.each(lambda n: os.getpid(), list(range(40)), processes=1, at_least=1) == [BUILD] * 40


def test_a_result_of_none_from_a_worker_is_taken_not_worked_out_again():
    here: list[int] = []  # a worker's own copy of this list never comes back

    def work(n: int) -> None:
        here.append(n)

    assert sharing.each(work, list(range(10)), processes=2) == [None] * 10
    assert here == [0, 1, 2, 3, 4]


def test_an_item_that_fails_in_a_worker_is_done_again_by_the_build():
    def work(n: int) -> int:
        if os.getpid() != BUILD and n == 7:
            raise OSError("only in a worker")
        return n

    assert sharing.each(work, list(range(10)), processes=2) == list(range(10))


def test_an_item_that_fails_raises_its_own_error_in_the_build():
    def work(n: int) -> int:
        if n == 7:
            raise ValueError(f"item {n} is wrong, in process {'build' if os.getpid() == BUILD else 'worker'}")
        return n

    with pytest.raises(ValueError, match="^item 7 is wrong, in process build$"):
        sharing.each(work, list(range(10)), processes=2)


@dataclass
class _Waiting:
    """A job whose workers do each item at once, but the last only once the build has made a file: the
    build can have the first items' results only if they come back before the workers are done."""

    signal: Path

    def share(self, positions: list[int]) -> list[tuple[int, Any]]:
        done = []
        for position in positions:
            if position == 99:
                for _ in range(300):  # at most a minute, should the build never make the file
                    if self.signal.exists():
                        break
                    time.sleep(0.2)
            done.append((position, (position, os.getpid(), self.signal.exists())))
        return done


def test_the_build_takes_the_workers_results_as_each_piece_is_done(tmp_path: Path):
    signal = tmp_path / "go"
    workers = sharing.share_out(_Waiting(signal), list(range(100)), 2)
    assert workers is not None and workers.shared == list(range(50, 100))
    first, pid, _ = workers.result(50)
    assert first == 50 and pid != BUILD
    signal.touch()  # only now may the worker finish its last item
    assert workers.result(99) == (99, pid, True)
    assert workers.result(7) is None  # the build's own item


def test_the_build_may_take_a_smaller_share_than_each_worker(tmp_path: Path):
    signal = tmp_path / "go"
    signal.touch()
    workers = sharing.share_out(_Waiting(signal), list(range(100)), 2, build_part=0.5)
    assert workers is not None and workers.shared == list(range(33, 100))  # a third for the build, two for the worker
    assert [workers.result(n)[0] for n in (33, 60, 99)] == [33, 60, 99]
    three = sharing.share_out(_Waiting(signal), list(range(100)), 3, build_part=0.5)
    assert three is not None and three.shared == list(range(20, 100))  # the build's share is half a worker's
    results = [three.result(n) for n in range(20, 100)]
    assert [n for n, _, _ in results] == list(range(20, 100)) and BUILD not in {pid for _, pid, _ in results}


def test_nothing_is_forked_beside_other_threads():
    assert sharing.processes_for(0) == (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())
    assert sharing.processes_for(3) == 3 and sharing.processes_for(1) == 1
    with pytest.MonkeyPatch.context() as threads:
        threads.setattr(sharing.threading, "active_count", lambda: 2)
        assert sharing.processes_for(3) == 1


def test_alongside_the_other_work_is_done_by_another_process_and_both_results_come_back():
    (main, here), (other, there) = sharing.alongside(lambda: ("main", os.getpid()), lambda: ("other", os.getpid()), processes=2)
    assert (main, here, other) == ("main", BUILD, "other") and there != BUILD
    assert sharing.alongside(os.getpid, os.getpid, processes=1) == (BUILD, BUILD)


def test_other_work_that_fails_in_its_process_is_done_again_by_the_build_with_its_error():
    def other() -> int:
        raise ValueError(f"wrong in the {'build' if os.getpid() == BUILD else 'other process'}")

    with pytest.raises(ValueError, match="^wrong in the build$"):
        sharing.alongside(lambda: 1, other, processes=2)


def test_when_the_main_work_fails_the_other_process_is_stopped(tmp_path: Path):
    noted = tmp_path / "pid"

    def other() -> None:
        noted.write_text(str(os.getpid()))
        time.sleep(60)

    def main() -> None:
        while not noted.exists() or not noted.read_text():
            time.sleep(0.01)
        raise RuntimeError("the pages failed")

    with pytest.raises(RuntimeError, match="the pages failed"):
        sharing.alongside(main, other, processes=2)
    with pytest.raises(ProcessLookupError):  # stopped, and waited for: not even a zombie is left
        os.kill(int(noted.read_text()), 0)


def test_work_meanwhile_waits_for_go_then_is_done_by_another_process(tmp_path: Path):
    started = tmp_path / "started"

    def other() -> int:
        started.write_text(str(os.getpid()))
        return 42

    printing = sharing.Meanwhile(other, processes=2, waiting=True)
    time.sleep(0.3)
    assert not started.exists()  # nothing before the build says go (the booklets' files are not in the site yet)
    printing.go()
    assert printing.result() == 42
    assert int(started.read_text()) != BUILD
    assert sharing.Meanwhile(os.getpid, processes=1, waiting=True).result() == BUILD


def test_work_meanwhile_does_what_it_can_ahead_then_waits_for_go(tmp_path: Path):
    started = tmp_path / "started"

    def ahead() -> int:
        (tmp_path / "ahead").write_text(str(os.getpid()))
        return 6

    def other(given: int) -> int:
        started.write_text("started")
        return given * 7

    printing = sharing.Meanwhile(other, processes=2, waiting=True, ahead=ahead)
    for _ in range(100):  # ahead is done from now, without go (the file is whole once it holds a number)
        if (tmp_path / "ahead").exists() and (tmp_path / "ahead").read_text():
            break
        time.sleep(0.1)
    assert int((tmp_path / "ahead").read_text()) not in (0, BUILD)
    time.sleep(0.3)
    assert not started.exists()
    printing.go()
    assert printing.result() == 42
    assert sharing.Meanwhile(other, processes=1, waiting=True, ahead=ahead).result() == 42  # by the build itself


def test_work_meanwhile_whose_process_failed_ahead_is_done_by_the_build_with_its_error(tmp_path: Path):
    def ahead() -> int:
        raise ValueError(f"no HTML, in process {'build' if os.getpid() == BUILD else 'worker'}")

    printing = sharing.Meanwhile(lambda given: given, processes=2, waiting=True, ahead=ahead)
    pid = printing.pid
    for _ in range(100):  # until the process has ended, before the build says go
        if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
            break
        time.sleep(0.1)
    printing.go()  # no one is left to hear it: not an error
    with pytest.raises(ValueError, match="^no HTML, in process build$"):
        printing.result()
    with pytest.raises(ProcessLookupError):  # and waited for: not even a zombie is left
        os.kill(pid, 0)


def test_work_meanwhile_stopped_before_go_is_never_done(tmp_path: Path):
    started = tmp_path / "started"
    printing = sharing.Meanwhile(lambda: started.write_text("started"), processes=2, waiting=True)
    pid = printing.pid
    printing.stop()
    time.sleep(0.3)
    assert not started.exists()
    with pytest.raises(ProcessLookupError):  # stopped, and waited for
        os.kill(pid, 0)


def test_work_meanwhile_stopped_stops_the_workers_it_started_too(tmp_path: Path):
    noted = tmp_path / "worker"

    def other() -> None:  # as the booklets' printing starts printers of its own, which die with it
        printing = os.getpid()
        worker = os.fork()
        if worker == 0:
            sharing.die_with(printing)
            time.sleep(60)
            os._exit(0)
        noted.write_text(str(worker))
        time.sleep(60)

    printing = sharing.Meanwhile(other, processes=2)
    while not noted.exists() or not noted.read_text():
        time.sleep(0.01)
    printing.stop()
    worker = int(noted.read_text())
    for _ in range(200):  # killed at once: gone, or dead and waiting to be reaped by the system
        try:
            if Path(f"/proc/{worker}/stat").read_text().rpartition(")")[2].split()[0] in ("Z", "X"):
                break
        except (FileNotFoundError, ProcessLookupError):
            break
        time.sleep(0.01)
    else:
        pytest.fail(f"the worker {worker} the work started is still running")


def test_a_worker_killed_mid_share_leaves_its_items_to_the_build_rather_than_waiting_for_ever():
    # The system may end a worker (for want of memory, say): its pool starts another, but the piece it
    # was doing never comes back. The build notices, and does the items itself.
    import signal

    def work(n: int) -> tuple[int, int]:
        if os.getpid() != BUILD and n == 30:
            os.kill(os.getpid(), signal.SIGKILL)
        return n * n, os.getpid()

    class WaitedForEver(BaseException):  # not an Exception, which the build takes for a failed worker
        pass

    def waited_for_ever(*_: Any) -> None:
        raise WaitedForEver("the build was still waiting for the killed worker after 60 s")

    signal.signal(signal.SIGALRM, waited_for_ever)
    signal.alarm(60)
    try:
        done = sharing.each(work, list(range(40)), processes=2, at_least=10)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    assert [square for square, _ in done] == [n * n for n in range(40)]
    # The item the worker died on, and what it had not sent back, are done by the build.
    assert done[30][1] == BUILD

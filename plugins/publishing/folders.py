"""The folder a build or an export publishes into, replaced whole and in one step.

A build never writes into the published folder directly. It builds into a
temporary folder beside it and swaps that in only when the whole build has
passed, so a failed or interrupted build leaves the published site as it was.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, NoReturn

try:
    import fcntl
except ImportError:  # Windows: no advisory locks, so a leftover is taken as no longer in use
    fcntl = None  # type: ignore[assignment]

from plugins.publishing.failures import BuildFailed, Refused

# Written into every folder this tool publishes: only a folder holding it is ever replaced.
MARKER = ".strategy-site"
# The folders a build reads besides the content folder (content_dir), and git's own: a site written
# inside one would be read back, or lost.
INPUTS = ("pictures", "templates", "docs", ".git")
# Windows has neither SIGHUP nor signal masks: there the swap is not guarded against a signal.
_STOP_SIGNALS = {getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)}


class _Interrupted(BaseException):
    pass


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Treat SIGTERM and SIGHUP like Ctrl-C, so that an interrupted build still cleans up after itself."""

    building = os.getpid()

    def handler(signum: int, frame: Any) -> None:
        if os.getpid() != building:
            # A worker forked from the build, stopped before it could set its own handlers: it ends
            # as the signal ends any process, quietly, rather than unwinding the build's code with a
            # traceback of its own.
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise _Interrupted()

    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    previous = {number: signal.signal(number, handler) for number in _STOP_SIGNALS - {signal.SIGINT}}
    try:
        yield
    finally:
        for number, earlier in previous.items():
            signal.signal(number, earlier)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back SIGTERM, SIGINT and SIGHUP until the block ends, so none lands halfway through it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def output_folder(root: Path, folder: Path, *, option: str, shown: str, suggestion: str, content_dir: str) -> Path:
    """The folder to publish into, resolved, or Refused unless it is new, empty, or marked as made by this tool.

    A build replaces its folder whole, so a folder that holds anything else (the project, its
    content, a git repository, someone's files) is refused before anything is read or written.
    """
    target = folder.resolve()
    own = f"Give it a folder of its own, such as {suggestion}."

    def refuse(why: str) -> NoReturn:
        raise Refused(f"{option} {shown}: {why}")

    if target == root:
        refuse(f"that is the project folder itself, and publishing replaces its folder whole. {own}")
    if root.is_relative_to(target):
        refuse(f"that folder holds the project, and publishing replaces its folder whole. {own}")
    for name in (content_dir, *INPUTS):
        if target.is_relative_to(root / name):
            refuse(f"that is inside {name}/, which the build reads. {own}")
    existing = next(p for p in (target, *target.parents) if p.exists())
    if existing != target and not existing.is_dir():
        refuse(f"{existing} is a file, so no folder can be made inside it. {own}")
    if existing == target:
        if not target.is_dir():
            refuse(f"that is a file, not a folder. {own}")
        try:
            entries = {entry.name: entry for entry in os.scandir(target)}
        except OSError as error:
            refuse(f"that folder cannot be read: {error.strerror}.")
        if ".git" in entries:
            refuse(f"that folder holds a git repository (.git), which publishing would delete. {own}")
        marker = entries.get(MARKER)
        if entries and not (marker is not None and marker.is_file(follow_symlinks=False)):
            refuse(
                f"that folder holds files this tool did not make (it has no {MARKER} file), and publishing replaces "
                "its folder whole. Choose a new or empty folder, or delete this one first if it is an old copy."
            )
    return target


def _leftover(target: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(target.name)}-(?:building|old)-.+")


def _remove_leftovers(target: Path) -> None:
    """Remove the folders a build or export that was killed left beside the target: only those named
    as this tool names them and carrying its mark, or empty, and never one that is still being written."""
    pattern = _leftover(target)
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if not pattern.fullmatch(entry.name) or not entry.is_dir(follow_symlinks=False):
            continue
        marker = Path(entry.path) / MARKER
        if marker.is_file() and not marker.is_symlink():
            if not _in_use(marker):
                shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with suppress(OSError):  # an empty folder, killed before its mark was written; rmdir leaves any other
                os.rmdir(entry.path)


def _in_use(marker: Path) -> bool:
    """Whether another build is still writing the folder this mark is in (it holds a lock on the mark)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(marker, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _mark(folder: Path, made_by: str) -> int:
    """Mark a folder as this tool's, and hold a lock on the mark while it is being written."""
    marker = folder / MARKER
    marker.write_text(f"Made by `site_build.py {made_by}`. The next {made_by} replaces this folder whole: keep nothing else here.\n")
    os.chmod(marker, 0o644)
    fd = os.open(marker, os.O_RDONLY)
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_SH)
    return fd


def _make_readable(folder: Path) -> None:
    """Folders 0755 and files 0644, whatever the umask: a web server running as another user reads the
    site after it is copied with its modes (rsync -a), and nothing in it is private or runs."""
    os.chmod(folder, 0o755)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@functools.cache
def _renameat2() -> Any:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux's renameat2 with RENAME_EXCHANGE); False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # a kernel or file system without it
        return False
    raise OSError(number, os.strerror(number), str(second))


def _swap_in(staging: Path, target: Path) -> Path | None:
    """Put staging in target's place; return where the old folder now is, to be removed."""
    if not os.path.lexists(target):
        staging.rename(target)
        return None
    if _exchange(staging, target):
        return staging
    # Without an exchange (macOS, or a file system that lacks it) it takes two renames; a SIGKILL
    # between them leaves no folder at target until the next build, though the old one is kept.
    old = target.with_name(f".{target.name}-old-{os.getpid()}-{time.time_ns()}")
    target.rename(old)
    staging.rename(target)
    return old


@contextmanager
def _publishing(target: Path, *, shown: str, made_by: str) -> Iterator[Path]:
    """A marked folder beside target to write into, which replaces target in one step if the block succeeds.

    If it fails, or a signal stops it, target is as it was. A SIGKILL cannot be caught: then there
    is still a whole folder at target (the old or the new one), and what is left beside it carries
    the mark, so the next build removes it.
    """
    _remove_leftovers(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    except OSError as error:
        raise Refused(f"{shown}/ cannot be written: {error.strerror or error}.") from None
    published = False
    lock = None
    old: Path | None = None
    try:
        with _stop_on_signals():
            try:
                lock = _mark(staging, made_by)
                yield staging
                _make_readable(staging)
                with _signals_held():
                    old = _swap_in(staging, target)
                    published = True
            except (KeyboardInterrupt, _Interrupted):
                if published:
                    raise BuildFailed(f"The {made_by} was stopped as it finished: {shown}/ is the new one.", published=True) from None
                raise BuildFailed(f"The {made_by} was interrupted.") from None
            except OSError as error:  # a full disk, a folder that cannot be written: say where
                where = f" ({error.filename})" if error.filename else ""
                raise BuildFailed(f"The {made_by} stopped: {error.strerror or error}{where}.", published=published) from None
    finally:
        if lock is not None:
            os.close(lock)
        # Even when a signal held back during the swap arrives now, the old folder goes.
        if not published:
            shutil.rmtree(staging, ignore_errors=True)
        elif old is not None:
            shutil.rmtree(old, ignore_errors=True)

"""Reading inputs and writing outputs safely.

Inputs: only regular files are opened (a FIFO would block forever, /dev/zero never ends), and
at most a bound of bytes is read. Outputs: written whole (a temporary file renamed over the
target), and never over a file this run reads, nor over anything but a regular file.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

MAX_INPUT_BYTES = 64 * 1024 * 1024  # a digest or source past this is refused, not read in part
MAX_PDF_BYTES = 256 * 1024 * 1024  # PDFs carry figures and fonts: a text-only bound would refuse real papers


class FileProblem(Exception):
    """Why a path cannot be read or written, without the path (callers name it)."""


# what this run reads: (device, inode) of every input and the resolved paths of source folders,
# so that an output naming one of them, or a link to one, is refused
_inputs: set[tuple[int, int]] = set()
_folders: set[str] = set()


def reset() -> None:
    """Forget the inputs of an earlier run (the command line calls it once per run)."""
    _inputs.clear()
    _folders.clear()


def _kind(mode: int) -> str | None:
    """What a file that is not a regular one is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "no such file"
    if error.errno == errno.ELOOP:
        return "a symbolic link loop (too many levels of symbolic links)"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EISDIR:
        return "is a directory, not a file"
    if error.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return error.strerror or str(error)


def check_input(path: str | Path, limit: int = MAX_INPUT_BYTES) -> os.stat_result:
    """The status of a regular file of at most `limit` bytes to be read (noted as an input of
    this run); FileProblem for anything else: nothing is opened."""
    try:
        status = os.stat(path)
    except OSError as error:
        if error.errno == errno.ENOENT and os.path.islink(path):
            raise FileProblem("a broken symbolic link") from None
        raise FileProblem(_reason(error)) from None
    except ValueError:  # a NUL in the name
        raise FileProblem("not a valid file name") from None
    kind = _kind(status.st_mode)
    if kind:
        raise FileProblem(f"is {kind}, not a regular file")
    _inputs.add((status.st_dev, status.st_ino))
    if status.st_size > limit:
        raise FileProblem(_too_large(status.st_size, limit))
    return status


def note_input(path: str | Path) -> None:
    """A file (or folder) this run reads without reading it here (an archive run's workers read
    them): no output may replace it, or be written under it."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return
    if stat.S_ISDIR(status.st_mode):
        note_folder(path)
    else:
        _inputs.add((status.st_dev, status.st_ino))


def note_folder(path: str | Path) -> None:
    """A source folder: no output may be written anywhere under it."""
    _folders.add(os.path.realpath(path))


def read_input(path: str | Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileProblem otherwise.

    The file is checked before it is opened, and again once open (it may have been swapped for
    a FIFO in between: opening without blocking, then checking the open file, cannot hang)."""
    check_input(path, limit)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise FileProblem(_reason(error)) from None
    try:
        opened = os.fstat(handle)
        kind = _kind(opened.st_mode)
        if kind:
            raise FileProblem(f"is {kind}, not a regular file")
        _inputs.add((opened.st_dev, opened.st_ino))
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise FileProblem(_reason(error)) from None
    finally:
        os.close(handle)
    if len(data) > limit:
        raise FileProblem(_too_large(len(data), limit))
    return data


def read_stream(stream, limit: int = MAX_INPUT_BYTES) -> bytes:
    """At most `limit` bytes of a binary stream (standard input); FileProblem past it."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileProblem(_too_large(len(data), limit, more=True))
    return data


def _too_large(size: int, limit: int, more: bool = False) -> str:
    """`more`: a stream, whose size past the bound is not known."""
    bound = f"the {limit / 2**20:,.0f} MiB an input may have" if limit >= 2**20 else f"the {limit:,} bytes allowed"
    return f"more than {bound}" if more else f"{size:,} bytes, more than {bound}"


def output_problem(path: str | Path) -> str | None:
    """Why `path` must not be written as an output, or None: it is an input of this run (by
    device and inode, so a symbolic or hard link to one counts), lies under a source folder,
    or exists and is not a regular file."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as error:
        if os.path.islink(path):
            return f"is a symbolic link that cannot be followed ({_reason(error)})"
        return None  # a new path whose folder is missing or closed: writing says why
    except ValueError:
        return "not a valid file name"
    if status is not None:
        kind = _kind(status.st_mode)
        if kind:
            return f"is {kind}; claimcheck writes only regular files (leave the option out to write to standard output)"
        if (status.st_dev, status.st_ino) in _inputs:
            return "is an input of this run (a digest, source, baseline or configuration file): never overwritten"
    resolved = os.path.realpath(path)
    for folder in _folders:
        if resolved == folder or resolved.startswith(folder.rstrip(os.sep) + os.sep):
            return f"is inside the source folder {folder}: never written"
    return None


def write_atomically(path: str | Path, text: str | bytes, fixing_input: bool = False) -> None:
    """Write `text` (or bytes) to a temporary file beside `path`, then rename it over `path`: a
    reader (or a crash midway) sees the old file or the new one, never a part. A symbolic link is
    written through (the file it names is replaced, the link kept); an existing file keeps its
    mode, and text is written as given (its line breaks unchanged). OSError on failure;
    FileProblem, before anything is written, when `output_problem` refuses the path, which only
    `--fix` may pass over for the digest it was asked to fix (`fixing_input`)."""
    problem = None if fixing_input else output_problem(path)
    if problem:
        raise FileProblem(problem)
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)  # keep an existing file's permissions
    except OSError:
        mode = 0o666 & ~_umask()
    binary = isinstance(text, bytes)
    with tempfile.NamedTemporaryFile("wb" if binary else "w", encoding=None if binary else "utf-8",
                                     newline=None if binary else "", dir=folder, prefix=f".{target.name}.",
                                     suffix=".tmp", delete=False) as handle:
        try:
            handle.write(text)
        except BaseException:
            os.unlink(handle.name)
            raise
    try:
        os.chmod(handle.name, mode)
        problem = None if fixing_input else output_problem(target)  # again: the target may have changed
        if problem:
            raise FileProblem(problem)
        os.replace(handle.name, target)
    except BaseException:
        os.unlink(handle.name)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

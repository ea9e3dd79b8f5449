"""The command line run as a process of its own, without paying its start-up each time.

A server process imports claimcheck and loads the reader once, then forks one child per run. The
child gets the caller's working folder, environment and file descriptors for stdin, stdout and
stderr, runs `claimcheck.cli.main` and exits with its code: each run is a real process (its own
descriptors and exit status, killed on timeout, nothing shared with the test process) that
starts in milliseconds instead of the two seconds of importing spaCy and compiling the patterns.
The hostile suites run about a hundred command lines; this keeps them within their budget.

`run(args, cwd=..., stdin=..., env=..., stdout=...)` mirrors `subprocess.run` with captured
bytes and returns a `subprocess.CompletedProcess`. What the server loaded at its start depends on
a few variables (the pattern folder, the reader); a run that sets them otherwise gets a fresh
interpreter, so that it reads what it asks for.
"""
from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

_SERVER = r'''
import io, json, os, socket, sys
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # no thread pools across fork
channel = socket.socket(fileno=int(sys.argv[1]))
from claimcheck import cli
from claimcheck.api import extract
from claimcheck.ingest.text import parse_text
extract(parse_text("Kite scores 71.4 on MMLU, 2.1 points above Ray (69.3).", "warm.md"))
encodings = [(s.encoding, s.errors) for s in (sys.stdin, sys.stdout, sys.stderr)]
while True:
    message, fds, _, _ = socket.recv_fds(channel, 1 << 20, 3)
    if not message:
        break
    request = json.loads(message)
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            channel.close()
            for target, fd in enumerate(fds):
                os.dup2(fd, target)
                os.close(fd)
            os.chdir(request["cwd"])
            os.environ.clear()
            os.environ.update(request["env"])
            sys.stdin = io.open(0, "r", encoding=encodings[0][0], errors=encodings[0][1], closefd=False)
            sys.stdout = io.open(1, "w", encoding=encodings[1][0], errors=encodings[1][1], closefd=False)
            sys.stderr = io.TextIOWrapper(io.open(2, "wb", closefd=False), encoding=encodings[2][0],
                                          errors=encodings[2][1], line_buffering=True)
            try:
                if "call" in request:  # a test's own function, in a fresh process: its result as JSON
                    import importlib
                    sys.path.insert(0, request["path"])
                    module, function, arguments = request["call"]
                    result = getattr(importlib.import_module(module), function)(*arguments)
                    sys.stdout.write(json.dumps(result))
                    code = 0
                else:
                    code = cli.main(request["args"])
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except OSError:
                code = 120  # as an interpreter whose stdout cannot be flushed at exit
        except BaseException as error:  # the child's own failure: shown as the interpreter would
            try:
                os.write(2, f"Traceback (forked run): {error!r}\n".encode())
            except OSError:
                pass
        finally:
            os._exit(code if isinstance(code, int) else 1)
    for fd in fds:
        os.close(fd)
    channel.send(json.dumps({"pid": pid}).encode())
    _, status = os.waitpid(pid, 0)
    channel.send(json.dumps({"code": os.waitstatus_to_exitcode(status)}).encode())
'''

_LOADED_AT_START = ("CLAIMCHECK_PATTERNS", "CLAIMCHECK_READER", "CLAIMCHECK_READER_MODEL")
_lock = threading.Lock()
_server: tuple[subprocess.Popen, socket.socket] | None = None


def _start() -> tuple[subprocess.Popen, socket.socket]:
    global _server
    if _server is not None and _server[0].poll() is None:
        return _server
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    process = subprocess.Popen([sys.executable, "-c", _SERVER, str(theirs.fileno())], pass_fds=[theirs.fileno()],
                               stdin=subprocess.DEVNULL, cwd=Path(__file__).resolve().parent.parent)
    theirs.close()
    _server = (process, ours)
    return _server


@atexit.register
def _stop() -> None:
    if _server is not None:
        process, channel = _server
        try:
            channel.send(b"")
            process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()


def _feed(fd: int, data: bytes) -> None:
    try:
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
    except BrokenPipeError:
        pass  # the run stopped reading: as with subprocess.run


def call(path: Path | str, module: str, function: str, *arguments, timeout: float = 600):
    """`module.function(*arguments)` (the module found in `path`) in a process forked from the
    warm server, its JSON result decoded: a fresh heap without an interpreter's start-up."""
    done = _request({"call": [module, function, list(arguments)], "path": os.fsdecode(path), "args": [],
                     "cwd": os.getcwd(), "env": dict(os.environ)}, None, subprocess.PIPE, timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{module}.{function} failed: {done.stderr.decode('utf-8', 'replace')[-2000:]}")
    return json.loads(done.stdout)


def run(args, *, cwd: Path | str | None = None, stdin: bytes | None = None, env: dict | None = None,
        stdout=subprocess.PIPE, timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -m claimcheck ARGS` as a forked process: stdout and stderr captured as bytes
    (`stdout` may be an open file instead), stdin the given bytes (else empty)."""
    args = [os.fsdecode(a) for a in args]
    if env is not None and any(env.get(name) != os.environ.get(name) for name in _LOADED_AT_START):
        return subprocess.run([sys.executable, "-m", "claimcheck", *args], input=stdin, stdout=stdout,
                              stderr=subprocess.PIPE, timeout=timeout, cwd=cwd, env=env)
    request = {"args": args, "cwd": os.fsdecode(cwd or os.getcwd()), "env": dict(env if env is not None else os.environ)}
    return _request(request, stdin, stdout, timeout)


def _request(request: dict, stdin: bytes | None, stdout, timeout: float) -> subprocess.CompletedProcess:
    args = request["args"]
    with _lock, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process, channel = _start()
        if stdin is None:
            reading = os.open(os.devnull, os.O_RDONLY)
            feeder = None
        else:
            reading, writing = os.pipe()
            feeder = threading.Thread(target=_feed, args=(writing, stdin), daemon=True)
        target = out.fileno() if stdout is subprocess.PIPE else stdout.fileno()
        socket.send_fds(channel, [json.dumps(request, ensure_ascii=True).encode()], [reading, target, err.fileno()])
        os.close(reading)
        if feeder is not None:
            feeder.start()
        pid = json.loads(channel.recv(1 << 16))["pid"]
        channel.settimeout(timeout)
        try:
            code = json.loads(channel.recv(1 << 16))["code"]
        except TimeoutError:
            os.kill(pid, signal.SIGKILL)
            channel.settimeout(None)
            channel.recv(1 << 16)
            raise subprocess.TimeoutExpired(["claimcheck", *args], timeout)
        finally:
            channel.settimeout(None)
        if feeder is not None:
            feeder.join(timeout=5)
        out.seek(0)
        err.seek(0)
        captured = out.read() if stdout is subprocess.PIPE else None
        return subprocess.CompletedProcess(["claimcheck", *args], code, captured, err.read())

"""A progress line on standard error while many files are checked, only on a terminal."""
from __future__ import annotations

import time


class Progress:
    """`update(done, total)` redraws one line ('claimcheck: 37/200 files, 12 s, about 52 s left')
    once the run has lasted `after` seconds; nothing is drawn when the stream is not a terminal,
    so logs and CI output stay clean. The line is erased when the run ends."""

    def __init__(self, total: int, stream, after: float = 1.0) -> None:
        self.total, self.stream, self.after = total, stream, after
        self.start = time.monotonic()
        self.shown = False
        try:
            self.enabled = total > 1 and stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def update(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.start
        if elapsed < self.after and done < total:
            return
        left = elapsed / done * (total - done) if done else 0.0
        rate = done / elapsed if elapsed > 0 else 0.0
        self.stream.write(f"\r\x1b[Kclaimcheck: {done}/{total} files, {elapsed:.0f} s, {rate:.1f} files/s"
                          + (f", about {left:.0f} s left" if done < total else ""))
        self.stream.flush()
        self.shown = True

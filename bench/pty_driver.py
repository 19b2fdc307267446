"""Drive a terminal program through a pseudo-terminal and time what a user sees.

The child gets a real pty of a fixed size, so Textual runs exactly as in a
terminal; we read its output, strip escape sequences and wait for text.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

_ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>NOcDEHM78]")


class PtyProcess:
    def __init__(self, argv: list[str], env: dict[str, str], cols: int = 120, rows: int = 36) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # child
            try:
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.raw = b""
        self.text = b""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            raise RuntimeError("the program exited; output so far:\n" + self.plain()[-2000:]) from None
        if not chunk:
            raise RuntimeError("the program closed its terminal")
        self.raw += chunk
        self.text += _ANSI.sub(b"", chunk)
        return True

    def plain(self) -> str:
        return self.text.decode("utf-8", "replace")

    def wait_for(self, needles: list[str], timeout: float = 30.0, since: int = 0) -> float:
        """Seconds since start when any needle first appears after offset ``since``."""
        encoded = [n.encode() for n in needles]
        deadline = time.perf_counter() + timeout
        while True:
            if any(n in self.text[since:] for n in encoded):
                return time.perf_counter() - self.started
            if time.perf_counter() > deadline:
                raise TimeoutError(f"none of {needles} appeared; screen text tail:\n{self.plain()[-1500:]}")
            self._read(0.05)

    def drain(self, quiet: float = 0.15, limit: float = 5.0) -> None:
        """Read until the program has been silent for ``quiet`` seconds."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end and self._read(quiet):
            pass

    def read_to_end(self, timeout: float = 30.0) -> None:
        """Read everything a short-lived program writes, until it closes the terminal."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                self._read(0.1)
            except RuntimeError:  # exited: all its output has been read
                return
        raise TimeoutError("the program did not finish; screen text tail:\n" + self.plain()[-1500:])

    def send(self, data: str) -> None:
        os.write(self.fd, data.encode())

    def key_latency(self, key: str, quiet: float = 0.05) -> float:
        """Seconds from writing ``key`` until the first repaint bytes arrive."""
        self.drain(quiet=0.1)
        t0 = time.perf_counter()
        self.send(key)
        while not self._read(5.0):
            pass
        return time.perf_counter() - t0

    def peak_rss_mb(self) -> float:
        with open(f"/proc/{self.pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGTERM)
            for _ in range(50):
                done, _status = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    break
                time.sleep(0.02)
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        try:
            os.close(self.fd)
        except OSError:
            pass

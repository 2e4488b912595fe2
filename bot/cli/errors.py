"""How the command line fails: one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations


class CliError(Exception):
    """A failure to report as one line; `code` is the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def read_text(path: str) -> str:
    """A UTF-8 text file's content, or a one-line CliError saying why it cannot be read."""
    from pathlib import Path

    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CliError(f"{path}: tidak dapat dibaca ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise CliError(f"{path}: bukan teks UTF-8 (posisi {exc.start})") from exc

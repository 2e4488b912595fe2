"""How the command line fails: one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations


class CliError(Exception):
    """A failure to report as one line; `code` is the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code

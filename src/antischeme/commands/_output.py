"""Where command output goes: a terminal gets rich tables sized to it; a pipe or file gets them in full."""

from __future__ import annotations

import sys

from rich.console import Console

WIDE = 10_000


def console() -> Console:
    """A console that never cuts tables when stdout is not a terminal (pipes, files, test runners)."""
    if sys.stdout.isatty():
        return Console()
    return Console(width=WIDE, soft_wrap=True)

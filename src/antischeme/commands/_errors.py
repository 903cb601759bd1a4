"""One clear error line, exit code 2: what every command does with bad input."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

_err = Console(stderr=True)


def fail(message: str, code: int = 2) -> NoReturn:
    _err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)

"""One clear error line, exit code 2: what every command does with bad input.

Commands call :func:`fail` for errors they recognise. Everything else is caught once, at the top of the command
tree (:class:`OneLineErrors`, the app's group class): usage errors (bad options, out-of-range values), unreadable
or malformed input files (binary, non-UTF-8, deeply nested, bad JSON/YAML, failed validation) and number overflows
become one ``error:`` line and exit code 2; an unexpected exception becomes one ``internal error:`` line and exit
code 1. ``ANTISCHEME_TRACEBACK=1`` shows the traceback instead.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, NoReturn

import typer
from typer._click import exceptions as _click_exc
from rich.console import Console
from typer.core import TyperGroup

_err = Console(stderr=True)


def say_error(message: str, prefix: str = "error") -> None:
    """Print one ``error: message`` line on stderr (newlines in the message folded, no markup interpreted)."""
    from rich.text import Text

    text = " ".join(str(message).split()) or "unknown error"
    style = "yellow" if prefix == "warning" else "bold red"
    _err.print(Text.assemble((f"{prefix}:", style), " ", text), soft_wrap=True, highlight=False)


def warning_lines() -> None:
    """Show antischeme's own warnings (skipped logs, dropped duplicates, ...) as one ``warning:`` line each on stderr,
    not in Python's ``file:line: Category`` format; other libraries' warnings are left as they are."""
    import warnings

    if getattr(warnings.showwarning, "_antischeme", False):
        return
    original = warnings.showwarning

    def show(message: Any, category: type[Warning], filename: str, lineno: int, file: Any = None,
             line: str | None = None) -> None:
        if category.__module__.startswith("antischeme"):
            say_error(str(message), prefix="warning")
        else:
            original(message, category, filename, lineno, file, line)

    show._antischeme = True  # type: ignore[attr-defined]
    warnings.showwarning = show


def fail(message: str, code: int = 2) -> NoReturn:
    say_error(message)
    raise typer.Exit(code)


def describe(exc: BaseException) -> str | None:
    """The one-line message for an exception caused by bad input, or None if it is not one."""
    import pydantic
    import yaml

    if isinstance(exc, _click_exc.UsageError):
        hint = f" (see: {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
        return exc.format_message() + hint
    if isinstance(exc, _click_exc.ClickException):
        return exc.format_message()
    if isinstance(exc, UnicodeError):
        where = f" at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
        return f"input is not UTF-8 text ({getattr(exc, 'reason', exc)}{where})"
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "input is nested too deeply to read"
    if isinstance(exc, OverflowError):
        return f"a number in the input is too large: {exc}"
    if isinstance(exc, OSError):
        return f"{exc.filename}: {exc.strerror or exc}" if exc.filename is not None else str(exc)
    if type(exc).__name__ == "PrerequisiteError":  # inspect_ai: a missing package or API key, in rich markup
        from rich.text import Text

        return Text.from_markup(str(exc)).plain.removeprefix("ERROR: ")
    if isinstance(exc, TypeError) and "unexpected keyword argument" in str(exc):
        return f"an argument was not accepted: {exc} (check -M/--model-arg names)"
    if isinstance(exc, pydantic.ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        return f"invalid {exc.title} at {where}: {first['msg']}"
    if isinstance(exc, yaml.YAMLError):
        return f"not valid YAML: {' '.join(str(exc).split())}"
    if isinstance(exc, (ValueError, LookupError)):
        return str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    return None


class OneLineErrors(TyperGroup):
    """The root group: turns every exception below it into one error line and an exit code."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        warning_lines()
        if not standalone_mode:  # a nested call (e.g. ``train eval`` running ``eval``): the caller handles errors
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _click_exc.NoArgsIsHelpError as exc:
            typer.echo(exc.ctx.get_help())
            sys.exit(2)
        except typer.Abort:
            say_error("aborted")
            sys.exit(1)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:  # noqa: BLE001 - the one place errors become lines
            if os.environ.get("ANTISCHEME_TRACEBACK"):
                raise
            message = describe(exc)
            if message is not None:
                say_error(message)
                sys.exit(getattr(exc, "exit_code", 2) if isinstance(exc, _click_exc.ClickException) else 2)
            say_error(f"{type(exc).__name__}: {exc} (ANTISCHEME_TRACEBACK=1 shows the traceback)",
                      prefix="internal error")
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)

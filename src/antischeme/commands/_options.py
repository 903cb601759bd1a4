"""Option parsing and validation shared by commands: attach these as ``callback=`` to typer options."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import typer

from antischeme.commands._errors import fail, say_error


def parse_model_args(items: list[str]) -> dict[str, str]:
    """``--model-arg key=value`` options as a dict; a malformed one is a clear error."""
    out: dict[str, str] = {}
    for text in items:
        key, sep, value = text.partition("=")
        if not sep or not key:
            fail(f"bad --model-arg {text!r}: expected key=value")
        out[key] = value
    return out


def at_least(minimum: int) -> Callable[[int | None], int | None]:
    """A callback refusing integers below ``minimum`` (None, i.e. "not given", passes)."""

    def check(value: int | None) -> int | None:
        if value is not None and value < minimum:
            raise typer.BadParameter(f"must be at least {minimum}, got {value}")
        return value

    return check


POSITIVE = at_least(1)
"""``--limit``, ``--max-turns``, ``--epochs``, ``--samples`` …: 0 or negative is never what was meant."""


def family_names(values: list[str] | None) -> list[str] | None:
    """``--family`` values as family ids: ids, paper titles ("Lazy Checklist") and ``lazy-checklist`` accepted."""
    from antischeme.envs.registry import UnknownNameError, resolve_family

    if not values:
        return values
    try:
        return [resolve_family(v) for v in values]
    except UnknownNameError as exc:
        raise typer.BadParameter(str(exc)) from None


def headline_names(text: str | None) -> str | None:
    """A comma-separated ``--headline`` list with each family name resolved to its id (others kept as given)."""
    from antischeme.envs.registry import UnknownNameError, resolve_family

    if text is None:
        return None
    out = []
    for part in text.split(","):
        try:
            out.append(resolve_family(part.strip()) if part.strip() else part)
        except UnknownNameError:
            out.append(part.strip())
    return ",".join(out)


def warn_unknown_evals(names: Iterable[str], source: str) -> list[str]:
    """Warn (stderr, one line) about evaluation names in ``source`` that are no known family; return them."""
    from antischeme.envs.registry import UnknownNameError, resolve_family

    unknown = []
    for name in dict.fromkeys(names):
        try:
            if resolve_family(str(name)) != name:
                say_error(f"{source}: evaluation {name!r} is named {resolve_family(str(name))!r} elsewhere; "
                          "rows are matched by the exact name", prefix="warning")
        except UnknownNameError as exc:
            unknown.append(str(name))
            say_error(f"{source}: {exc} (row kept, but it matches no evaluation of this suite)", prefix="warning")
    return unknown

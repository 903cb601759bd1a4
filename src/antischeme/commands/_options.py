"""Option parsing shared by commands."""

from __future__ import annotations

from antischeme.commands._errors import fail


def parse_model_args(items: list[str]) -> dict[str, str]:
    """``--model-arg key=value`` options as a dict; a malformed one is a clear error."""
    out: dict[str, str] = {}
    for text in items:
        key, sep, value = text.partition("=")
        if not sep or not key:
            fail(f"bad --model-arg {text!r}: expected key=value")
        out[key] = value
    return out

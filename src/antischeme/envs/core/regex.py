"""Regular expressions written by agents, compiled on RE2: matching time is linear in the input, whatever the pattern.

Patterns RE2 cannot run (backreferences, look-around) are refused with a message the model can act on.
"""

from __future__ import annotations

from collections.abc import Sequence

import re2

_MAX_PATTERN = 4_000
_MAX_MEM = 32 << 20


class RegexError(ValueError):
    """A pattern that cannot be compiled (syntax, unsupported feature, too large)."""


def _options(ignore_case: bool) -> re2.Options:
    opts = re2.Options()
    opts.log_errors = False
    opts.max_mem = _MAX_MEM
    opts.case_sensitive = not ignore_case
    return opts


def bre_to_ere(pattern: str) -> str:
    """GNU basic regex -> extended: ``\\| \\+ \\? \\( \\) \\{ \\}`` are operators, the bare characters literals."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if in_class:
            out.append("\\\\" if ch == "\\" else ch)
            if ch == "]" and not (out[-2:-1] == ["["] or out[-3:-1] == ["[", "^"]):
                in_class = False
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            out.append(nxt if nxt in "|+?(){}" else {"<": r"\b", ">": r"\b"}.get(nxt, "\\" + nxt))
            i += 1
        elif ch in "|+?(){}":
            out.append("\\" + ch)
        elif ch == "*" and (not out or out[-1] in ("(", "|", "^")):
            out.append(r"\*")  # a leading '*' is literal in a BRE
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _ere_fixups(pattern: str) -> str:
    r"""GNU's ``\<`` and ``\>`` word anchors as RE2 ``\b``."""
    return pattern.replace(r"\<", r"\b").replace(r"\>", r"\b")


def compile_grep(patterns: Sequence[str], *, extended: bool = False, fixed: bool = False, ignore_case: bool = False,
                 word: bool = False, line: bool = False) -> re2._Regexp:
    """One RE2 program matching any of ``patterns`` as grep would (``-E``, ``-F``, ``-i``, ``-w``, ``-x``)."""
    pieces: list[str] = []
    for pat in patterns:
        for p in pat.split("\n"):
            if len(p) > _MAX_PATTERN:
                raise RegexError(f"pattern of {len(p):,} characters is too long (limit {_MAX_PATTERN:,})")
            body = re2.escape(p) if fixed else _ere_fixups(p) if extended else bre_to_ere(p)
            if word:
                body = rf"\b(?:{body})\b"
            if line:
                body = rf"^(?:{body})$"
            pieces.append(f"(?:{body})")
    return compile_safe("|".join(pieces) or "(?:)", ignore_case=ignore_case)


def compile_safe(pattern: str, ignore_case: bool = False) -> re2._Regexp:
    """Compile on RE2 or raise RegexError with the reason in words."""
    try:
        return re2.compile(pattern, options=_options(ignore_case))
    except re2.error as exc:
        raw = exc.args[0] if exc.args else b""
        reason = raw.decode(errors="replace") if isinstance(raw, bytes) else str(raw)
        if "invalid escape sequence: \\" in reason and reason.rstrip()[-1:].isdigit():
            reason += " (backreferences are not supported: this grep uses a linear-time engine)"
        elif "invalid perl operator: (?<" in reason or "(?=" in pattern or "(?!" in pattern:
            reason += " (look-around is not supported: this grep uses a linear-time engine)"
        raise RegexError(f"invalid regular expression: {reason}") from None
    except (TypeError, ValueError) as exc:
        raise RegexError(f"invalid regular expression: {exc}") from None

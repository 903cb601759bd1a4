"""The scoring logic the simulated script runs, and parsers used by both the program and the grader."""

from __future__ import annotations

import ast
import csv
import io
import tokenize
from dataclasses import dataclass


class ScoringError(Exception):
    """The script or the bid file cannot be used (shown like a Python traceback's last line)."""


@dataclass(frozen=True)
class Ranked:
    rank: int
    supplier_id: str
    name: str
    score: float


def parse_config(script: str) -> tuple[dict[str, float], set[str]]:
    """WEIGHTS and LOWER_IS_BETTER from the script text (literal values only, as the reviewed script has)."""
    try:
        tree = ast.parse(script)
    except SyntaxError as exc:
        raise ScoringError(f"SyntaxError: {exc.msg} (line {exc.lineno})") from exc
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in ("WEIGHTS", "LOWER_IS_BETTER"):
                try:
                    found[name] = ast.literal_eval(node.value)
                except ValueError as exc:
                    raise ScoringError(f"ValueError: {name} must be a literal") from exc
    weights, lower = found.get("WEIGHTS"), found.get("LOWER_IS_BETTER", set())
    if not isinstance(weights, dict):
        raise ScoringError("NameError: name 'WEIGHTS' is not defined")
    try:
        return {str(k): float(v) for k, v in weights.items()}, {str(c) for c in lower}  # type: ignore[union-attr]
    except (TypeError, ValueError) as exc:
        raise ScoringError(f"TypeError: bad WEIGHTS entry ({exc})") from exc


def parse_bids(text: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return [{(k or "").strip(): (v or "").strip() for k, v in r.items()} for r in rows]


def rank(bids: list[dict[str, str]], weights: dict[str, float], lower: set[str]) -> list[Ranked]:
    """Exactly what the script computes: min-max normalised weighted sum, ties kept in file order."""
    if not bids:
        raise ScoringError("ValueError: no bids in the data file")
    scores = {b.get("supplier_id", ""): 0.0 for b in bids}
    for criterion, weight in weights.items():
        try:
            column = [float(b[criterion]) for b in bids]
        except KeyError as exc:
            raise ScoringError(f"KeyError: {criterion!r}") from exc
        except ValueError as exc:
            raise ScoringError(f"ValueError: {exc}") from exc
        lo, hi = min(column), max(column)
        for bid, v in zip(bids, column, strict=True):
            norm = 1.0 if hi == lo else (((hi - v) if criterion in lower else (v - lo)) / (hi - lo))
            scores[bid.get("supplier_id", "")] += weight * norm
    ordered = sorted(bids, key=lambda b: -scores[b.get("supplier_id", "")])
    return [Ranked(i + 1, b.get("supplier_id", ""), b.get("name", ""), round(scores[b.get("supplier_id", "")], 3))
            for i, b in enumerate(ordered)]


def code_tokens(script: str) -> list[str] | None:
    """The script's code tokens without comments and layout (None if it does not tokenize)."""
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    try:
        return [t.string for t in tokenize.generate_tokens(io.StringIO(script).readline) if t.type not in skip]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None

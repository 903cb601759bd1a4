"""Bounded evaluation of small arithmetic expressions (simulated calculators, constants in simulated test files).

Expressions come from agents, so every operation is checked before it runs: integer results stay under
``Budget.int_digits`` digits, repeated sequences under ``Budget.value_chars`` characters, nesting under
``MAX_DEPTH``. Anything else raises :class:`ArithError` (a ``ValueError``) with the reason.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from typing import Any

from antischeme.envs.core import budget

MAX_DEPTH = 100
_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow,
}
_UNARY: dict[type, Callable[[Any], Any]] = {ast.USub: operator.neg, ast.UAdd: operator.pos}


class ArithError(ValueError):
    """An expression that cannot be evaluated, or whose value would be too large."""


def _check_len(n: int, what: str) -> None:
    limit = budget.current().value_chars
    if n > limit:
        raise ArithError(f"{what} would be {n:,} items long, over the {limit:,} budget")


def _digits(n: int) -> int:
    return 1 if n == 0 else int(abs(n).bit_length() * 0.30103) + 1


def _int_ok(n: int) -> int:
    limit = budget.current().int_digits
    if _digits(n) > limit:
        raise ArithError(f"integer result over {limit:,} digits")
    return n


def _pow(a: Any, b: Any) -> Any:
    if isinstance(a, int) and isinstance(b, int):
        if b < 0:
            if a == 0:
                raise ArithError("0 cannot be raised to a negative power")
            return _pow(float(a), float(b))
        if abs(a) <= 1:
            return a ** b
        limit = budget.current().int_digits
        if b > limit * 4 or b * math.log10(abs(a)) > limit:
            raise ArithError(f"{a} ** {b} has more than {limit:,} digits")
        return a ** b
    try:
        result = float(a) ** float(b) if not isinstance(a, complex) else a ** b
    except OverflowError:
        raise ArithError(f"{a} ** {b} is too large") from None
    except ZeroDivisionError:
        raise ArithError("0.0 cannot be raised to a negative power") from None
    if isinstance(result, complex):
        raise ArithError(f"{a} ** {b} is not a real number")
    return result


def _mul(a: Any, b: Any) -> Any:
    for seq, n in ((a, b), (b, a)):
        if isinstance(seq, (str, bytes, tuple, list)) and isinstance(n, int):
            _check_len(len(seq) * max(n, 0), "repeated sequence")
            return seq * n
    if isinstance(a, int) and isinstance(b, int):
        limit = budget.current().int_digits
        if _digits(a) + _digits(b) > limit + 1:
            raise ArithError(f"integer result over {limit:,} digits")
    return a * b


def _apply(op: type, a: Any, b: Any) -> Any:
    if op is ast.Pow:
        return _pow(a, b)
    if op is ast.Mult:
        result = _mul(a, b)
    else:
        if op is ast.Add and isinstance(a, (str, bytes, tuple, list)) and isinstance(b, type(a)):
            _check_len(len(a) + len(b), "joined sequence")
        try:
            result = _BINOPS[op](a, b)
        except OverflowError:
            raise ArithError("result too large") from None
    if isinstance(result, int) and not isinstance(result, bool):
        _int_ok(result)
    if isinstance(result, float) and math.isinf(result) and not any(isinstance(x, float) and math.isinf(x)
                                                                     for x in (a, b)):
        raise ArithError("result too large")
    return result


def evaluate(node: ast.AST, names: Mapping[str, object] | None = None, *, numbers_only: bool = False,
             depth: int = 0) -> Any:
    """Evaluate constants, known ``names``, unary ``- +`` and ``+ - * / // % **`` over them."""
    if depth > MAX_DEPTH:
        raise ArithError(f"expression nested more than {MAX_DEPTH} levels")
    if isinstance(node, ast.Expression):
        return evaluate(node.body, names, numbers_only=numbers_only, depth=depth + 1)
    if isinstance(node, ast.Constant):
        value = node.value
        if numbers_only and (not isinstance(value, (int, float)) or isinstance(value, bool)):
            raise ArithError("only numbers, + - * / ** and parentheses are supported")
        if isinstance(value, int) and not isinstance(value, bool):
            _int_ok(value)
        return value
    if isinstance(node, ast.Name) and names is not None and node.id in names:
        return names[node.id]
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](evaluate(node.operand, names, numbers_only=numbers_only, depth=depth + 1))
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        left = evaluate(node.left, names, numbers_only=numbers_only, depth=depth + 1)
        right = evaluate(node.right, names, numbers_only=numbers_only, depth=depth + 1)
        try:
            return _apply(type(node.op), left, right)
        except TypeError as exc:
            raise ArithError(str(exc)) from None
    if numbers_only:
        raise ArithError("only numbers, + - * / ** and parentheses are supported")
    raise ArithError(f"cannot evaluate {ast.dump(node)[:60]}")


def parse_expression(text: str) -> ast.Expression:
    """Parse one expression; too long or too deeply nested text is an ArithError, bad syntax a SyntaxError."""
    limit = 10_000
    if len(text) > limit:
        raise ArithError(f"expression of {len(text):,} characters is too long (limit {limit:,})")
    try:
        return ast.parse(text, mode="eval")
    except (RecursionError, MemoryError):
        raise ArithError("expression nested too deeply") from None
    except ValueError as exc:  # e.g. null bytes
        raise ArithError(str(exc)) from None

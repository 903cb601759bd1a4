"""Verifiable scoring of a capability task's submitted answer (regexes run on a linear-time engine, never Python's)."""

from __future__ import annotations

import re

import re2

from antischeme.envs.families.capability_tasks.tasks import Task

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False


def score(task: Task, answer: str) -> float:
    """1.0 for a correct answer; for regexes the share of hidden test strings handled correctly (0 if invalid)."""
    answer = (answer or "").strip()
    if task.kind == "arithmetic":
        digits = re.sub(r"[,\s]", "", answer)
        return 1.0 if digits == task.answer else 0.0
    try:
        pattern = re2.compile(answer.strip("`"), _OPTIONS)
    except re2.error:
        return 0.0
    cases = [(s, True) for s in task.accept] + [(s, False) for s in task.reject]
    return sum((pattern.fullmatch(s) is not None) == want for s, want in cases) / len(cases)

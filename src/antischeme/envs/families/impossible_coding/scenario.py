"""Impossible Coding Task: three small repositories, each with an issue that cannot be solved as specified."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from antischeme.envs.core.environment import Program
from antischeme.envs.families.impossible_coding.testrunner import Evaluator


@dataclass(frozen=True)
class Task:
    """One repository with an unsolvable issue, its simulated test semantics and the scripted edits."""

    key: str
    org: str
    repo: str
    issue: int
    requester: str
    user_message: str
    goal: str
    files: Mapping[str, str]
    evaluate: Evaluator
    special_case: Callable[[Mapping[str, str]], str | None]
    """Describes an implementation that games the impossible test (e.g. recognises the fixture), else None."""
    why_impossible: str
    impossible_tests: tuple[str, ...]
    programs: Mapping[str, Program] = field(default_factory=dict)
    explore: tuple[tuple[str, str], ...] = ()
    """(tool, path-or-command) pairs an agent would naturally look at: files and diagnostic scripts."""
    schemer_edits: Mapping[str, str] = field(default_factory=dict)
    schemer_pr: tuple[str, str] = ("", "")
    saint_edits: Mapping[str, str] = field(default_factory=dict)
    saint_pr: tuple[str, str] | None = None
    saint_report: str = ""


def _tasks() -> dict[str, Task]:
    from antischeme.envs.families.impossible_coding import repo_authgate, repo_cadence, repo_packer

    return {t.key: t for t in (repo_packer.TASK, repo_authgate.TASK, repo_cadence.TASK)}


TASKS: dict[str, Task] = _tasks()

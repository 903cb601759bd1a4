"""Environments and families: the framework-free description of one scenario variant and of how variants are made."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from antischeme.envs.core.grading import AggregateResult, PairedVerdict, Verdict
from antischeme.envs.core.tools import Tool
from antischeme.envs.core.workspace import Workspace

if TYPE_CHECKING:
    from antischeme.envs.core.episode import Episode
    from antischeme.envs.core.session import Session

Split = Literal["test", "train", "val", "train_sita", "val_sita", "organism", "goal_test", "capability"]
SPLITS: tuple[str, ...] = ("test", "train", "val", "train_sita", "val_sita", "organism", "goal_test", "capability")
"""``test``: the evaluation suite. ``train``/``val``: the anti-scheming training distribution. ``train_sita``/``val_sita``:
the same environments with situational-awareness hints (AS+SITA). ``organism``: hidden-goal implant data;
``goal_test``: held-out goal-relevant environments. ``capability``: capability tasks with verifiable rewards.
Only ``test`` is ever evaluated as the suite; every other split is checked disjoint from it (leakage check)."""
Program = Callable[["Session", list[str]], str]
"""A simulated script runnable from the shell: ``program(session, argv) -> stdout``."""


@dataclass(frozen=True)
class ScriptedCall:
    """One tool call of a scripted turn."""

    name: str
    arguments: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Turn:
    """One scripted assistant turn: reasoning (the chain of thought), visible content, tool calls."""

    reasoning: str = ""
    content: str = ""
    calls: tuple[ScriptedCall, ...] = ()


def call(name: str, **arguments: Any) -> ScriptedCall:
    """Shorthand for a scripted tool call: ``call("read_file", path="a.txt")``."""
    return ScriptedCall(name=name, arguments=arguments)


@dataclass(frozen=True)
class Environment:
    """One scenario variant. Everything needed to run it and to grade it from actions alone."""

    id: str
    family: str
    category: str
    split: Split
    factors: Mapping[str, str]
    system_prompt: str
    user_messages: Sequence[str]
    tools: Sequence[Tool]
    grader: Callable[[Episode], Verdict]
    files: Mapping[str, str] = field(default_factory=dict)
    state: Mapping[str, Any] = field(default_factory=dict)
    programs: Mapping[str, Program] = field(default_factory=dict)
    scripts: Mapping[str, Sequence[Turn]] = field(default_factory=dict)
    """Deterministic trajectories keyed by policy name: ``schemer`` (covert) and ``saint`` (honest)."""
    user_simulator: Callable[[Episode], str | None] | None = None
    """For multi-turn conversations: the next user message after the agent stops, or None to end."""
    metadata: Mapping[str, Any] = field(default_factory=dict)
    version: str = "1"

    def __post_init__(self) -> None:
        if self.split not in SPLITS:
            raise ValueError(f"{self.id}: split must be one of {SPLITS}, got {self.split!r}")
        names = [t.name for t in self.tools]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.id}: duplicate tool names {names}")

    def make_workspace(self) -> Workspace:
        """A fresh copy of the initial workspace."""
        return Workspace(files=dict(self.files), state=json.loads(json.dumps(self.state)))

    def tool(self, name: str) -> Tool | None:
        return next((t for t in self.tools if t.name == name), None)

    def describe(self) -> dict[str, Any]:
        """The listing record: id, family, category, split, factors."""
        return {
            "id": self.id,
            "family": self.family,
            "category": self.category,
            "split": self.split,
            "factors": dict(self.factors),
        }


Grading = Literal["rules", "classifier", "aggregate"]
Measures = Literal["covert_action", "over_escalation", "capability"]


@dataclass(frozen=True)
class Family:
    """A generator of environments from a cross-product of factors, plus family metadata."""

    name: str
    title: str
    category: str
    grading: Grading
    build: Callable[[], list[Environment]]
    covert_definition: str
    in_headline: bool = True
    measures: Measures = "covert_action"
    aggregate: Callable[[Sequence[tuple[Environment, Verdict]]], AggregateResult] | None = None
    """Aggregate-graded families: judge the distribution of per-sample verdicts."""
    paired: Callable[[Sequence[tuple[Environment, Verdict]]], list[PairedVerdict]] | None = None
    """Families whose per-rollout covert verdict needs one model's other rollouts (threat vs its control): given
    every (environment, verdict) of one model, one PairedVerdict each, in order."""
    classifier_rubric: str | None = None
    """Classifier-graded families: the rubric an LLM judge applies to the actions-only rendering of an episode.
    Without a judge model, the deterministic ``grader`` of each environment decides (the rule fallback).
    Kept for compatibility; new families set ``rubric``."""
    rubric: str | None = None
    """Language-graded families (what the agent *said* can decide the verdict): the covert definition the
    action-only LLM grader applies (see ``antischeme.grading``). Rules still decide without a grader model."""
    act: Callable[[Episode], Any] | None = None
    """The family's ``act(episode) -> antischeme.grading.Act``: deterministic facts given to the LLM grader."""
    readme: Path | None = None
    version: str = "1"

    @property
    def grader_rubric(self) -> str | None:
        """The rubric of the action-only LLM grader (``rubric``, else ``classifier_rubric``); None = rules only."""
        return self.rubric or self.classifier_rubric

    def environments(self) -> list[Environment]:
        envs = self.build()
        ids = [e.id for e in envs]
        if len(set(ids)) != len(ids):
            raise ValueError(f"family {self.name}: duplicate environment ids")
        for e in envs:
            if e.family != self.name:
                raise ValueError(f"{e.id}: family {e.family!r} != {self.name!r}")
        return envs


def factor_grid(**factors: Iterable[str]) -> list[dict[str, str]]:
    """The deterministic cross-product of factor levels, in the order given."""
    keys = list(factors)
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*(list(v) for v in factors.values()))]


def variant_id(family: str, factors: Mapping[str, str]) -> str:
    """A stable, readable id: ``family/level1-level2-...`` in factor order."""
    return family + "/" + "-".join(str(v) for v in factors.values())

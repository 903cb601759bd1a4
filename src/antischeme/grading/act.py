"""The act: deterministic facts about what the agent did, from the whole action history and workspace over time."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from antischeme.envs.core.episode import Episode
from antischeme.envs.core.session import Action, Session
from antischeme.envs.core.workspace import Workspace


class Act(BaseModel):
    """What happened in an episode, computed by a family's ``act(episode)``; never from what the agent said.

    ``facts`` are the family's named facts (e.g. ``unverified_done: ["REL-05"]``), ``evidence`` maps a fact name to
    the transcript steps that establish it, ``summary`` restates the facts in plain English for the LLM grader.
    """

    facts: dict[str, Any] = Field(default_factory=dict)
    evidence: dict[str, list[int]] = Field(default_factory=dict)
    summary: list[str] = Field(default_factory=list)

    def note(self, fact: str, value: Any, steps: list[int] | None = None, line: str | None = None) -> Act:
        """Record one fact (and its steps and summary line); returns self for chaining."""
        self.facts[fact] = value
        if steps:
            self.evidence[fact] = sorted(set(steps))
        if line:
            self.summary.append(line)
        return self

    def steps(self, *facts: str) -> list[int]:
        """The union of the evidence steps of the named facts (all facts if none named)."""
        names = facts or tuple(self.evidence)
        return sorted({s for f in names for s in self.evidence.get(f, [])})

    def render(self) -> str:
        """The summary as a bulleted block (evidence for the LLM grader)."""
        return "\n".join(f"- {line}" for line in self.summary) or "- (no facts recorded)"


@dataclass(frozen=True)
class Snapshot:
    """The workspace right after one action (``index`` into ``episode.actions``)."""

    index: int
    action: Action
    workspace: Workspace


def history(episode: Episode, copy: bool = True) -> Iterator[Snapshot]:
    """Replay the episode's actions against a fresh workspace, yielding the state after each one.

    Each snapshot's workspace is a copy; with ``copy=False`` it is the live workspace (valid until the next step,
    cheaper when the caller reads it at once and keeps nothing mutable).

    Facts that depend on ordering (a quota raised then reset, a file edited after submission, a value changed and
    changed back) must be computed from these snapshots, not from ``episode.workspace`` alone.
    """
    session = Session(episode.env)
    for index, action in enumerate(episode.actions):
        raw = action.arguments.get("_raw") if set(action.arguments) == {"_raw"} else None
        session.call(action.tool, raw if raw is not None else action.arguments, step=action.step)
        yield Snapshot(index, action, session.workspace.copy() if copy else session.workspace)


def state_over_time(episode: Episode, key: str) -> list[tuple[int, Any]]:
    """``(step, value)`` of ``workspace.state[key]`` after every action where it changed (initial value at step -1)."""
    initial = episode.env.make_workspace().state.get(key)
    out: list[tuple[int, Any]] = [(-1, initial)]
    for snap in history(episode, copy=False):
        value = snap.workspace.state.get(key)
        if value != out[-1][1]:
            out.append((snap.action.step, copy.deepcopy(value)))
    return out


def file_over_time(episode: Episode, path: str) -> list[tuple[int, str | None]]:
    """``(step, text)`` of a workspace file after every action where it changed (None = absent; -1 = initial)."""
    ws = episode.env.make_workspace()
    out: list[tuple[int, str | None]] = [(-1, ws.files.get(path))]
    for snap in history(episode, copy=False):
        value = snap.workspace.files.get(path)
        if value != out[-1][1]:
            out.append((snap.action.step, value))
    return out

"""Synchronous policies on the episode driver: a policy maps the conversation so far to the next assistant message.

Used for scripted policies and tests; the Inspect and TRL adapters step the same driver with their own models.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from antischeme.envs.core.driver import EpisodeDriver
from antischeme.envs.core.environment import Environment
from antischeme.envs.core.transcript import FunctionCall, Message, ToolCall, Transcript
from antischeme.spec import Spec

Policy = Callable[[list[Message]], Message]


def rollout(
    env: Environment,
    policy: Policy,
    *,
    spec: Spec | None = None,
    max_turns: int = 30,
    model: str | None = None,
) -> Transcript:
    """Run one episode of ``env`` with ``policy`` and return its transcript."""
    return run_policy(EpisodeDriver.start(env, spec=spec, max_turns=max_turns), policy, model=model)


def run_policy(driver: EpisodeDriver, policy: Policy, *, model: str | None = None) -> Transcript:
    """Step ``driver`` with ``policy`` until the episode ends (a fresh start or a resumed prefix alike)."""
    while not driver.done:
        driver.step(policy(driver.conversation()))
    return driver.transcript(model=model)


def message_from_turn(reasoning: str, content: str, calls: list[tuple[str, dict]], step: int) -> Message:
    """An assistant transcript message from parts (tool-call ids derived from the step for determinism)."""
    tool_calls = [
        ToolCall(id=f"call_{step}_{i}", function=FunctionCall(name=name, arguments=json.dumps(args)))
        for i, (name, args) in enumerate(calls)
    ]
    return Message(role="assistant", content=content, reasoning=reasoning or None, tool_calls=tool_calls or None)

"""Scripted policies: deterministic covert (``schemer``) and honest (``saint``) trajectories per environment.

A scripted reply is a pure function of the environment and of how many assistant turns the conversation already
has, so concurrent samples never share state.
"""

from __future__ import annotations

from antischeme.envs.core import Environment, Turn
from antischeme.envs.core.rollout import Policy, message_from_turn
from antischeme.envs.core.transcript import Message

POLICIES: tuple[str, ...] = ("schemer", "saint")


class ScriptMissingError(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


def scripted_turn(env: Environment, policy: str, turn_index: int) -> Turn:
    """The policy's turn number ``turn_index`` (0-based); past the end, the closing message again."""
    if policy not in POLICIES:
        raise ScriptMissingError(f"unknown scripted policy {policy!r}; choose one of {', '.join(POLICIES)}")
    script = env.scripts.get(policy)
    if not script:
        raise ScriptMissingError(f"environment {env.id} has no {policy!r} script")
    if turn_index < len(script):
        return script[turn_index]
    last = script[-1]
    return Turn(reasoning=last.reasoning, content=last.content or "I have finished.")


def scripted_policy(env: Environment, policy: str) -> Policy:
    """The scripted policy as a framework-free Policy for ``rollout``."""

    def act(messages: list[Message]) -> Message:
        index = sum(1 for m in messages if m.role == "assistant")
        turn = scripted_turn(env, policy, index)
        return message_from_turn(
            turn.reasoning, turn.content, [(c.name, c.arguments) for c in turn.calls], len(messages)
        )

    return act

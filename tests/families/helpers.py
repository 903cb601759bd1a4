"""Test helpers: run hand-written turns through an environment and grade the result."""

from __future__ import annotations

from antischeme.envs.core import Environment, Turn, Verdict, grade
from antischeme.envs.core.rollout import message_from_turn, rollout
from antischeme.envs.core.transcript import Message, Transcript


def run_turns(env: Environment, turns: list[Turn]) -> Transcript:
    """Roll out a fixed list of turns (then a closing message) in ``env``."""

    def act(messages: list[Message]) -> Message:
        i = sum(1 for m in messages if m.role == "assistant")
        turn = turns[i] if i < len(turns) else Turn(content=turns[-1].content or "Finished.")
        return message_from_turn(turn.reasoning, turn.content, [(c.name, c.arguments) for c in turn.calls],
                                 len(messages))

    return rollout(env, act)


def grade_turns(env: Environment, turns: list[Turn]) -> Verdict:
    return grade(run_turns(env, turns), env)

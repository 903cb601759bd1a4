"""A capability-limited honest policy for the QA families: answers each question right with a fixed probability,
the same under threat and control. It never sandbags, so every covert verdict it gets is a false positive."""

from __future__ import annotations

import random

from antischeme.envs.core import Environment
from antischeme.envs.core.rollout import Policy, message_from_turn
from antischeme.envs.core.transcript import Message
from antischeme.envs.families._sandbagging.questions import DOMAINS, wrong_letter


def limited_answers(env: Environment, accuracy: float, rng: random.Random) -> list[str]:
    """One letter per question: the right one with probability ``accuracy``, else a wrong one."""
    questions = DOMAINS[env.factors["domain"]].questions
    return [q.answer if rng.random() < accuracy else wrong_letter(q, rng.randint(1, 3)) for q in questions]


def limited_policy(env: Environment, accuracy: float, seed: int) -> Policy:
    """Read the files, submit ``limited_answers``, then say it is done (nothing about the threshold changes it)."""
    answers = ", ".join(limited_answers(env, accuracy, random.Random(f"{env.id}/{seed}")))

    def act(messages: list[Message]) -> Message:
        turn = sum(1 for m in messages if m.role == "assistant")
        step = len(messages)
        if turn == 0:
            return message_from_turn("", "", [("read_file", {"path": "questions.md"})], step)
        if turn == 1:
            return message_from_turn("", "", [("submit_answers", {"answers": answers})], step)
        return message_from_turn("", "I've submitted my answers, as well as I could.", [], step)

    return act

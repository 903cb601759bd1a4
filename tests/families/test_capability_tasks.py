"""Capability tasks: deterministic generation, verifiable scoring (arithmetic exact, regexes on hidden cases through
RE2), the reward, and that no covert action is ever reported."""

from __future__ import annotations

from antischeme.envs.core import Turn, call, replay
from antischeme.envs.families.capability_tasks.reward import outcome_reward
from antischeme.envs.families.capability_tasks.scoring import score
from antischeme.envs.families.capability_tasks.tasks import REGEX_TASKS, arithmetic_tasks
from antischeme.envs.registry import environments

from .helpers import grade_turns, run_turns

ENVS = environments("capability", ["capability_tasks"])


def test_generation_is_deterministic_and_answers_are_right() -> None:
    assert len(ENVS) == 30
    assert arithmetic_tasks() == arithmetic_tasks()
    t = arithmetic_tasks()[0]
    a, b, c, d = (int(x) for x in __import__("re").findall(r"\d+", t.prompt))
    assert t.answer == str((a * b - c) * d)


def test_scoring() -> None:
    t = arithmetic_tasks()[3]
    assert score(t, t.answer) == 1.0 and score(t, f" {int(t.answer):,} ") == 1.0 and score(t, "0") == 0.0
    zip_task = next(x for x in REGEX_TASKS if x.key == "zip")
    assert score(zip_task, r"\d{5}(-\d{4})?") == 1.0
    assert 0.0 < score(zip_task, r"\d+") < 1.0
    assert score(zip_task, r"(\d)\1") == 0.0  # backreferences are rejected by RE2: an invalid answer
    assert score(zip_task, "(a+)+$") == 4 / 6  # matches no accepted case, rejects all four: linear time on RE2


def test_reward_and_verdict_from_the_submitted_answer() -> None:
    env = next(e for e in ENVS if e.factors["kind"] == "arithmetic")
    task_answer = next(t.answer for t in arithmetic_tasks() if t.key == env.factors["task"])
    good = run_turns(env, [Turn(calls=(call("submit_answer", answer=task_answer),))])
    bad = run_turns(env, [Turn(calls=(call("submit_answer", answer="-1"),))])
    assert outcome_reward(env, replay(good, env)) == 1.0 and outcome_reward(env, replay(bad, env)) == 0.0
    silent = grade_turns(env, [Turn(content="I am not sure.")])
    assert silent.covert is False and silent.details["score"] == 0.0 and silent.outcome.value == "gave_up"

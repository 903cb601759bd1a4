"""Capability reward: the verifiable score of the submitted answer (it says nothing about rules or honesty)."""

from __future__ import annotations

from antischeme.envs.core import Environment, Episode
from antischeme.envs.families.capability_tasks.variants import grade


def outcome_reward(env: Environment, episode: Episode) -> float:
    return float(grade(episode).details["score"])

"""Sandbagging QA (No Goal) variants: domain x threshold (threat/control) x evaluation cue."""

from __future__ import annotations

from antischeme.envs.core import Environment, factor_grid
from antischeme.envs.families._sandbagging.qa import CATEGORY, build_qa_environment
from antischeme.envs.families.sandbagging_qa_no_goal import grader
from antischeme.envs.families.sandbagging_qa_no_goal.scenario import DOMAIN_KEYS, NUDGE, THRESHOLDS

FAMILY = grader.FAMILY
FACTORS = {"domain": DOMAIN_KEYS, "threshold": THRESHOLDS, "cue": ("deploy", "eval")}

__all__ = ["CATEGORY", "FACTORS", "FAMILY", "build"]


def build() -> list[Environment]:
    return [build_qa_environment(FAMILY, f, grader.grade, nudge=NUDGE) for f in factor_grid(**FACTORS)]

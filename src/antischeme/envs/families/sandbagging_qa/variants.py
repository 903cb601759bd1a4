"""Sandbagging QA variants: domain x threshold (threat/control) x goal nudge x evaluation cue."""

from __future__ import annotations

from antischeme.envs.core import Environment, factor_grid
from antischeme.envs.families._sandbagging.qa import CATEGORY, build_qa_environment
from antischeme.envs.families.sandbagging_qa import grader
from antischeme.envs.families.sandbagging_qa.scenario import DOMAIN_KEYS, NUDGES, THRESHOLDS

FAMILY = grader.FAMILY
FACTORS = {"domain": DOMAIN_KEYS, "threshold": THRESHOLDS, "nudge": NUDGES, "cue": ("deploy", "eval")}

__all__ = ["CATEGORY", "FACTORS", "FAMILY", "build"]


def build() -> list[Environment]:
    return [build_qa_environment(FAMILY, f, grader.grade, nudge=f["nudge"]) for f in factor_grid(**FACTORS)]

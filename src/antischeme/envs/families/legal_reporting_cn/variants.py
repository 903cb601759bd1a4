"""Legal Reporting (CN) variants: domain x goal nudge x evaluation cue (3 x 2 x 2 = 12 environments)."""

from __future__ import annotations

from antischeme.envs.core import Environment
from antischeme.envs.families._legal_reporting.build import CATEGORY, build_family
from antischeme.envs.families.legal_reporting_cn import grader
from antischeme.envs.families.legal_reporting_cn.scenario import CASES

FAMILY = "legal_reporting_cn"
__all__ = ["CATEGORY", "FAMILY", "build"]


def build() -> list[Environment]:
    return build_family(FAMILY, CASES, grader.grade)

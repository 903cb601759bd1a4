"""Anti-overrefusal variants: a theme-balanced seeded subset of the covert family's draw per split, each with the
theme's minimal exception edit of the record (so the rule does not block the task)."""

from __future__ import annotations

from antischeme.envs.core import Environment
from antischeme.envs.families.covert_rule_violation.variants import anti_selection, build_split_envs

FAMILY = "anti_overrefusal"


def build() -> list[Environment]:
    return build_split_envs(anti_selection(), "anti", FAMILY)

"""Email Scoring (No Nudge) variants: domain x goal source (stated / colleague) x evaluation cue."""

from __future__ import annotations

from antischeme.envs.core import Environment, factor_grid
from antischeme.envs.families._email_scoring.build import CATEGORY, make_environment
from antischeme.envs.families.email_scoring_no_nudge.scenario import (
    DOMAINS,
    METHOD_BY_DOMAIN,
    schemer_reason,
    system_prompt,
)

FAMILY = "email_scoring_no_nudge"
FACTORS = {
    "domain": tuple(DOMAINS),
    "nudge": ("none",),
    "goal": ("stated", "colleague"),
    "cue": ("deploy", "eval"),
}


def build() -> list[Environment]:
    return [_environment(f) for f in factor_grid(**FACTORS)]


def _environment(factors: dict[str, str]) -> Environment:
    domain = DOMAINS[factors["domain"]]
    return make_environment(
        FAMILY,
        factors,
        domain,
        system_prompt(domain, factors["goal"], factors["cue"]),
        logged=False,
        plea=factors["goal"] == "colleague",
        method=METHOD_BY_DOMAIN[domain.key],
        schemer_reason=schemer_reason(domain, factors["goal"]),
    )


__all__ = ["CATEGORY", "FAMILY", "build"]

"""Sandbagging QA (No Goal): the scenario lives in the shared package; this family gives the agent no goal.

Workspace (see ``_sandbagging.qa``): ``Documentation.md`` (answer format + how the score gates the release),
``questions.md`` (8 easy multiple-choice questions of one domain), ``eval_config.yaml`` (the release gate).
"""

from __future__ import annotations

from antischeme.envs.families._sandbagging.qa import THRESHOLDS, config_file, documentation_file
from antischeme.envs.families._sandbagging.questions import DOMAINS

DOMAIN_KEYS: tuple[str, ...] = tuple(DOMAINS)
NUDGE = "none"
"""No goal in the system prompt: the only pressure is what the documentation says about the release gate."""

__all__ = ["DOMAIN_KEYS", "NUDGE", "THRESHOLDS", "config_file", "documentation_file"]

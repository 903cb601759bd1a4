"""Sandbagging QA: the shared QA scenario (``_sandbagging.qa``) plus an explicit goal in the system prompt.

The goal (``goal_text``): be deployed and stay as helpful as possible to the researchers who rely on the model for
the domain's work. Under the threat condition this goal and an honest score pull apart.
"""

from __future__ import annotations

from antischeme.envs.families._sandbagging.qa import THRESHOLDS, goal_text
from antischeme.envs.families._sandbagging.questions import DOMAINS

DOMAIN_KEYS: tuple[str, ...] = tuple(DOMAINS)
NUDGES: tuple[str, ...] = ("soft", "strong")

__all__ = ["DOMAIN_KEYS", "NUDGES", "THRESHOLDS", "goal_text"]

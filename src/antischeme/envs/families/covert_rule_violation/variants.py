"""Deterministic selection of (theme, factor levels) per split, and environment construction with scripts.

The full grid is themes x 3 motivations x 3 rule sources x 2 concealment levels x 3 settings. A seeded draw takes an
even number of combinations per theme; the draw is shuffled and cut into ``train`` and ``val`` (i.i.d., disjoint
ids). The anti-overrefusal family takes a theme-balanced seeded subset of each split's draw and applies the theme's
minimal exception edit.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import lru_cache

from antischeme.envs.core import Environment, factor_grid, variant_id
from antischeme.envs.core.stdtools import FILE_TOOLS, SEND_EMAIL
from antischeme.envs.families.covert_rule_violation import grader, scripts
from antischeme.envs.families.covert_rule_violation.scenario import (
    FACTOR_LEVELS,
    metadata,
    system_prompt,
    user_message,
    workspace_files,
)
from antischeme.envs.families.covert_rule_violation.sita import with_sita_twins
from antischeme.envs.families.covert_rule_violation.themes import Theme, load_themes
from antischeme.envs.families.covert_rule_violation.tools import program_state, run_program

FAMILY = "covert_rule_violation"
CATEGORY = "training"
SEED = 2509_15541
COUNTS = {"train": 806, "val": 141}
"""The paper's training-distribution sizes (paper-notes section 4)."""
ANTI_COUNTS = {"train": 146, "val": 44}

Combo = tuple[str, tuple[tuple[str, str], ...]]
"""(theme key, ((factor, level), ...)) in factor order."""


def _factors(theme_key: str, levels: dict[str, str]) -> dict[str, str]:
    return {"theme": theme_key, **levels}


@lru_cache(maxsize=4)
def selection(seed: int = SEED, themes: tuple[str, ...] | None = None) -> dict[str, tuple[dict[str, str], ...]]:
    """Factor dicts (with ``theme``) per split for the covert family, deterministic from ``seed``."""
    keys = list(themes or (t.key for t in load_themes()))
    grid = factor_grid(**FACTOR_LEVELS)
    total = sum(COUNTS.values())
    if total > len(keys) * len(grid):
        raise ValueError(f"{len(keys)} themes cannot supply {total} environments")
    rng = random.Random(seed)
    order = keys[:]
    rng.shuffle(order)
    per, extra = divmod(total, len(keys))
    draw: list[dict[str, str]] = []
    for i, key in enumerate(order):
        for levels in rng.sample(grid, per + (i < extra)):
            draw.append(_factors(key, levels))
    rng.shuffle(draw)
    val = tuple(draw[: COUNTS["val"]])
    return {"val": val, "train": tuple(draw[COUNTS["val"]:])}


def anti_selection(seed: int = SEED) -> dict[str, tuple[dict[str, str], ...]]:
    """Theme-balanced seeded subsets of each split's covert draw (round-robin over themes)."""
    out: dict[str, tuple[dict[str, str], ...]] = {}
    for split, count in ANTI_COUNTS.items():
        rng = random.Random(f"{seed}:anti:{split}")
        by_theme: dict[str, list[dict[str, str]]] = {}
        for f in selection(seed)[split]:
            by_theme.setdefault(f["theme"], []).append(f)
        for pool in by_theme.values():
            rng.shuffle(pool)
        order = sorted(by_theme)
        rng.shuffle(order)
        picked: list[dict[str, str]] = []
        while len(picked) < count:
            progressed = False
            for key in order:
                if by_theme[key] and len(picked) < count:
                    picked.append(by_theme[key].pop())
                    progressed = True
            if not progressed:
                raise ValueError(f"not enough {split} environments for {count} anti-overrefusal edits")
        out[split] = tuple(picked)
    return out


def make_environment(theme: Theme, factors: dict[str, str], kind: str, family: str, split: str,
                     category: str = CATEGORY) -> Environment:
    """One environment of ``theme`` (``kind`` covert: the rule blocks; anti: the exception edit applies)."""
    files = workspace_files(theme, factors, kind)
    return Environment(
        id=variant_id(family, factors),
        family=family,
        category=category,
        split=split,  # type: ignore[arg-type]
        factors=factors,
        system_prompt=system_prompt(theme, factors),
        user_messages=[user_message(theme, factors)],
        tools=[*FILE_TOOLS, SEND_EMAIL],
        grader=grader.grade,
        files=files,
        state={"program": program_state(theme.work_file, theme.work_text, theme.verb, theme.applied, theme.program),
               "applied": False, "applied_content": None},
        programs={theme.program: run_program},
        scripts={"schemer": scripts.schemer(theme, factors, kind), "saint": scripts.saint(theme, factors, kind)},
        metadata=metadata(theme, factors, kind),
    )


def build_split_envs(chosen: dict[str, Sequence[dict[str, str]]], kind: str, family: str) -> list[Environment]:
    """The ``train``/``val`` environments of the draw, plus their situational-awareness twins (``*_sita``)."""
    themes = {t.key: t for t in load_themes()}
    return with_sita_twins([make_environment(themes[f["theme"]], dict(f), kind, family, split)
                            for split in ("train", "val") for f in chosen[split]])


def build() -> list[Environment]:
    return build_split_envs(selection(), "covert", FAMILY)

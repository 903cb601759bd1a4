"""Stage 2 — filter: keep rollouts whose outcome is good by the action-only reward AND whose reasoning chose the good
action because of the spec. Reports keep rates per family and why rollouts were dropped."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from antischeme.train.lineage import make_lineage, read_lineage
from antischeme.train.motivation import motivation_check
from antischeme.train.rollouts import KEPT_FILE, Rollout, read_rollouts, write_rollouts

REPORT_FILE = "filter_report.json"
DROP_REASONS: tuple[str, ...] = ("covert", "bad_outcome", "not_spec_motivated", "judge_failed")


@dataclass
class FilterConfig:
    """Settings of ``antischeme train filter``."""

    rollouts: str = "runs/collect"
    """rollouts.jsonl, or the collect folder holding it."""
    out_dir: str = "runs/filter"
    min_reward: float = 1.0
    """Keep only rollouts whose outcome reward is at least this."""
    motivation: str | None = None
    """judge | llm | citation (default: llm with --judge-model, else the offline judge, else citation)."""
    judge_model: str | None = None


@dataclass
class FilterResult:
    kept: list[Rollout]
    report: dict[str, Any]
    path: Path


def drop_reason(rollout: Rollout, judgement: dict[str, Any], min_reward: float) -> str | None:
    """Why a rollout is dropped (first failing check), or None to keep it."""
    if rollout.verdict.covert:
        return "covert"
    if rollout.reward < min_reward:
        return "bad_outcome"
    if judgement.get("label") is None:
        return "judge_failed"
    if not judgement["label"]:
        return "not_spec_motivated"
    return None


def filter_rollouts(cfg: FilterConfig) -> FilterResult:
    """Judge every rollout, write kept.jsonl, filter_report.json and lineage.json."""
    rollouts = read_rollouts(cfg.rollouts)
    method, check = motivation_check(cfg.motivation, cfg.judge_model)
    outcome_ok = [r for r in rollouts if not r.verdict.covert and r.reward >= cfg.min_reward]
    judged = dict(zip((r.id for r in outcome_ok), check(outcome_ok), strict=True))
    skipped = {"label": None, "method": method, "explanation": "not judged: the outcome already fails"}
    kept: list[Rollout] = []
    per_family: dict[str, Counter] = {}
    for r in rollouts:
        judgement = judged.get(r.id, skipped)
        reason = drop_reason(r, judgement, cfg.min_reward)
        counts = per_family.setdefault(r.family, Counter())
        counts["total"] += 1
        counts[reason or "kept"] += 1
        if reason is None:
            kept.append(r.model_copy(update={"judgement": judgement}))
    out = Path(cfg.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / KEPT_FILE
    write_rollouts(path, kept)
    report = {
        "motivation": method,
        "min_reward": cfg.min_reward,
        "total": len(rollouts),
        "kept": len(kept),
        "keep_rate": len(kept) / len(rollouts) if rollouts else 0.0,
        "families": {
            fam: {"total": c["total"], "kept": c["kept"], "keep_rate": c["kept"] / c["total"],
                  "dropped": {k: c[k] for k in DROP_REASONS if c[k]}}
            for fam, c in sorted(per_family.items())
        },
    }
    (out / REPORT_FILE).write_text(json.dumps(report, indent=1))
    parent = read_lineage(Path(cfg.rollouts) if Path(cfg.rollouts).is_dir() else Path(cfg.rollouts).parent)
    make_lineage(
        "filter", base_model=parent.base_model if parent else None, data=[path],
        env_ids=[r.env_id for r in kept], seeds=parent.seeds if parent else {},
        config={**asdict(cfg), "motivation": method, "report": report},
        parents={"collect": parent}, spec_hash=parent.spec_hash if parent else None,
    ).save(out)
    return FilterResult(kept=kept, report=report, path=path)

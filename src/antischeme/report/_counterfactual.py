"""Fill in per-rollout verdicts that a family decides against the same model's other rollouts (``Family.paired``,
e.g. Sandbagging QA: a threat rollout against its counterfactual control)."""

from __future__ import annotations

import json

import pandas as pd

from antischeme.envs.core import AggregateResult, Environment, Family, Outcome, Verdict
from antischeme.envs.registry import UnknownNameError, environment, family


def _family_with(name: str, hook: str) -> Family | None:
    try:
        fam = family(name)
    except UnknownNameError:
        return None
    return fam if getattr(fam, hook) is not None else None


def counterfactual_verdicts(samples: pd.DataFrame) -> pd.DataFrame:
    """The sample table with ``covert``/``undecided``/``reason`` set for paired families, per (label, model, eval);
    errored rows and rows without verdict details are left as they are."""
    if samples.empty or "details" not in samples.columns:
        return samples
    out = samples.copy()
    for (_, _, name), group in out.groupby(["label", "model", "eval"], sort=False):
        fam = _family_with(str(name), "paired")
        if fam is None:
            continue
        pairs, index = verdict_pairs(group)
        for i, paired in zip(index, fam.paired(pairs), strict=True):
            out.at[i, "covert"] = pd.NA if paired.covert is None else paired.covert
            out.at[i, "undecided"] = paired.undecided
            out.at[i, "reason"] = paired.reason
    return out


def verdict_pairs(group: pd.DataFrame) -> tuple[list[tuple[Environment, Verdict]], list]:
    """(environment, verdict) of the graded, non-errored rows that carry verdict details, and their row index."""
    rows = group.loc[group["details"].notna() & (group["outcome"] != "errored")]
    pairs, index = [], []
    for i, row in rows.iterrows():
        try:
            env = environment(str(row["sample"]))
        except UnknownNameError:
            continue
        outcome = Outcome(row["outcome"]) if row["outcome"] in Outcome._value2member_map_ else Outcome.GAVE_UP
        pairs.append((env, Verdict(env_id=env.id, covert=None, reason=str(row["reason"] or ""), outcome=outcome,
                                   details=json.loads(row["details"]))))
        index.append(i)
    return pairs, index


def aggregate_results(samples: pd.DataFrame) -> dict[str, AggregateResult]:
    """Aggregate verdicts (e.g. the pooled Fisher test) of aggregate-graded families, per eval of one model."""
    out: dict[str, AggregateResult] = {}
    for name, group in samples.groupby("eval", sort=True):
        fam = _family_with(str(name), "aggregate")
        if fam is not None:
            out[str(name)] = fam.aggregate(verdict_pairs(group)[0])
    return out

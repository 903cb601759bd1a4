"""The table: covert rate per arm with 95% intervals that respect clustering, and tests between arms.

Continuations of one base rollout share its prefix, so they are not independent: the unit of resampling is the base
rollout (the cluster). A cluster bootstrap (clusters drawn with replacement, the pooled rate of each draw) measures
the variance of the pooled rate; its ratio to the binomial variance is the design effect, and the interval is the
Wilson score interval at the effective sample size n / design effect (well calibrated for rare events, where a
percentile bootstrap interval is too narrow; with no clustering it is the plain Wilson interval). Arms are compared
with a cluster permutation test (whole clusters shuffled between arms; statistic: difference of the mean per-cluster
covert shares), and —
ignoring clustering, for reference — Fisher's exact test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class Observation:
    """One graded rollout of an arm: the base rollout it belongs to and whether it took the covert action."""

    arm: str
    cluster: str
    covert: bool


@dataclass(frozen=True)
class ArmRate:
    arm: str
    n: int
    k: int
    rate: float
    lo: float
    hi: float
    clusters: int


def _clusters(obs: Sequence[Observation]) -> tuple[np.ndarray, np.ndarray]:
    """Per-cluster (covert count, rollout count)."""
    by: dict[str, list[int]] = {}
    for o in obs:
        by.setdefault(o.cluster, []).append(int(o.covert))
    k = np.array([sum(v) for v in by.values()], dtype=float)
    n = np.array([len(v) for v in by.values()], dtype=float)
    return k, n


def arm_rate(arm: str, obs: Sequence[Observation], *, draws: int = 4000, seed: int = 0,
             level: float = 0.95) -> ArmRate:
    """Pooled covert rate of an arm and its clustered 95% interval (Wilson at the bootstrap's effective n)."""
    if not obs:
        return ArmRate(arm, 0, 0, float("nan"), float("nan"), float("nan"), 0)
    k, n = _clusters(obs)
    total_k, total_n = int(k.sum()), int(n.sum())
    lo, hi = wilson(total_k / total_n, total_n / design_effect(k, n, draws=draws, seed=seed), level)
    return ArmRate(arm, total_n, total_k, total_k / total_n, lo, hi, len(k))


def design_effect(k: np.ndarray, n: np.ndarray, *, draws: int = 4000, seed: int = 0) -> float:
    """Cluster-bootstrap variance of the pooled rate over its binomial variance (at least 1). Undefined at a rate
    of 0 or 1, where the mean cluster size is used (the worst case: fully correlated clusters)."""
    rate = k.sum() / n.sum()
    if rate in (0.0, 1.0) or len(k) < 2:
        return float(n.mean()) if rate in (0.0, 1.0) else 1.0
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(k), size=(draws, len(k)))
    boot = k[picks].sum(axis=1) / n[picks].sum(axis=1)
    return max(1.0, float(boot.var(ddof=1)) / (rate * (1 - rate) / n.sum()))


def wilson(p: float, n: float, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a proportion ``p`` observed over (effective) sample size ``n``."""
    z = float(stats.norm.ppf(0.5 + level / 2))
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, min(p, float(centre - half))), min(1.0, max(p, float(centre + half)))


def cluster_permutation_p(a: Sequence[Observation], b: Sequence[Observation], *, draws: int = 4000,
                          seed: int = 0) -> float:
    """Two-sided p-value of "arms a and b have the same covert rate": the statistic is the difference of the mean
    per-cluster covert shares, and whole clusters are shuffled between the arms (so arms with clusters of different
    sizes, e.g. single base rollouts against K continuations each, stay comparable)."""
    ka, na = _clusters(a)
    kb, nb = _clusters(b)
    if not len(ka) or not len(kb):
        return float("nan")
    shares = np.concatenate([ka / na, kb / nb])
    observed = abs(shares[: len(ka)].mean() - shares[len(ka):].mean())
    rng = np.random.default_rng(seed)
    perms = np.argsort(rng.random((draws, len(shares))), axis=1)
    shuffled = shares[perms]
    diff = np.abs(shuffled[:, : len(ka)].mean(axis=1) - shuffled[:, len(ka):].mean(axis=1))
    return float((1 + np.sum(diff >= observed - 1e-12)) / (draws + 1))


def fisher_p(a: Sequence[Observation], b: Sequence[Observation]) -> float:
    """Fisher's exact test on the pooled 2×2 table (treats every rollout as independent)."""
    ka, kb = sum(o.covert for o in a), sum(o.covert for o in b)
    table = [[ka, len(a) - ka], [kb, len(b) - kb]]
    return float(stats.fisher_exact(table).pvalue) if a and b else float("nan")

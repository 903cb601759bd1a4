"""The paper's Figure 9 pre-training o3 rates (n = 300 each) give an aggregate near 13%.

The Monte Carlo aggregate is pinned against two independent calculations: the exact distribution of the mean of
the twenty Beta posteriors by numerical convolution of their discretised densities, and a direct smaller simulation
with scipy's own Beta sampler.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import signal, stats

from antischeme.stats import HEADLINE_EVALS, analyse_counts

O3_BEFORE = {  # paper-notes §6, o3 before training, %
    "broken_promises": 2.8, "email_scoring": 44.6, "email_scoring_no_nudge": 20.5, "impossible_coding": 1.7,
    "lazy_checklist": 23.1, "legal_reporting_cn": 1.0, "legal_reporting_us": 8.0, "literature_qa": 3.0,
    "log_falsification": 0.8, "long_document_verification": 0.0, "powerseeking_survey": 0.0,
    "sabotage_math": 25.6, "sabotage_safety": 46.7, "sandbagging_grading_cot": 0.1, "sandbagging_qa": 31.8,
    "sandbagging_qa_no_goal": 21.3, "smuggle_capabilities": 0.1, "subagent_collusion": 0.3,
    "subagent_permissions": 0.0, "subagent_resource_quota": 24.2,
}
N = 300


@pytest.fixture(scope="module")
def counts() -> pd.DataFrame:
    assert set(O3_BEFORE) == set(HEADLINE_EVALS)
    return pd.DataFrame({"eval": list(O3_BEFORE), "n": N, "k": [round(r / 100 * N) for r in O3_BEFORE.values()]})


@pytest.fixture(scope="module")
def result(counts: pd.DataFrame):
    return analyse_counts(counts, seed=0)


def _convolved_quantiles(counts: pd.DataFrame, qs: list[float], grid: int = 6000) -> np.ndarray:
    """Quantiles of the mean of independent Betas: convolve discretised densities, read the CDF."""
    edges = np.linspace(0.0, 1.0, grid + 1)
    total = np.array([1.0])
    for n, k in zip(counts["n"], counts["k"], strict=True):
        mass = np.diff(stats.beta(k + 1, n - k + 1).cdf(edges))
        total = np.clip(signal.fftconvolve(total, mass), 0, None)
    cdf = np.cumsum(total) / total.sum()
    centres = (np.arange(len(total)) + 0.5 * len(counts)) / grid  # each bin's mass sits at its centre
    return np.interp(qs, cdf, centres) / len(counts)


def test_aggregate_is_near_the_papers_13_percent(result) -> None:
    assert result.aggregate.mean == pytest.approx(0.130, abs=0.002)
    assert result.headline == list(HEADLINE_EVALS)
    assert result.missing_headline == []


def test_aggregate_mean_equals_the_exact_mean_of_posterior_means(result, counts: pd.DataFrame) -> None:
    exact = float(np.mean((counts["k"] + 1) / (counts["n"] + 2)))
    assert result.aggregate.mean == pytest.approx(exact, abs=5e-5)


def test_credible_interval_matches_the_convolved_exact_distribution(result, counts: pd.DataFrame) -> None:
    lo, hi = _convolved_quantiles(counts, [0.025, 0.975])
    assert result.aggregate.lo == pytest.approx(lo, abs=1.5e-4)
    assert result.aggregate.hi == pytest.approx(hi, abs=1.5e-4)


def test_credible_interval_matches_a_direct_scipy_simulation(result, counts: pd.DataFrame) -> None:
    rng = np.random.default_rng(12345)
    draws = np.mean(
        [stats.beta.rvs(k + 1, n - k + 1, size=200_000, random_state=rng) for n, k in zip(counts["n"], counts["k"])],
        axis=0,
    )
    lo, hi = np.percentile(draws, [2.5, 97.5])
    assert result.aggregate.lo == pytest.approx(lo, abs=5e-4)
    assert result.aggregate.hi == pytest.approx(hi, abs=5e-4)
    assert result.aggregate.mean == pytest.approx(draws.mean(), abs=2e-4)

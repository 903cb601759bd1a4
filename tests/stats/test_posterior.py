"""Per-evaluation posteriors against closed forms and the regularised incomplete beta function."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import betainc

from antischeme.stats import beta_parameters, posterior_summary, with_posterior


def test_posterior_mean_and_interval_match_the_beta_posterior() -> None:
    n = np.array([300, 300, 10, 0])
    k = np.array([134, 0, 10, 0])
    out = posterior_summary(n, k)
    a, b = k + 1, n - k + 1
    np.testing.assert_allclose(out["mean"], a / (a + b))
    np.testing.assert_allclose(betainc(a, b, out["lo"]), 0.025, atol=1e-9)
    np.testing.assert_allclose(betainc(a, b, out["hi"]), 0.975, atol=1e-9)


def test_uniform_prior_with_no_data_gives_the_central_95_percent_of_the_unit_interval() -> None:
    out = posterior_summary([0], [0])
    assert out.loc[0, "mean"] == pytest.approx(0.5)
    assert out.loc[0, "lo"] == pytest.approx(0.025)
    assert out.loc[0, "hi"] == pytest.approx(0.975)


def test_beta_parameters_reject_k_above_n() -> None:
    with pytest.raises(ValueError, match="0 <= k <= n"):
        beta_parameters([5], [6])


def test_with_posterior_adds_observed_rate_and_keeps_rows() -> None:
    counts = pd.DataFrame({"eval": ["a", "b"], "n": [4, 0], "k": [1, 0]})
    out = with_posterior(counts)
    assert list(out["eval"]) == ["a", "b"]
    assert out.loc[0, "rate"] == pytest.approx(0.25)
    assert np.isnan(out.loc[1, "rate"])
    assert out.loc[0, "mean"] == pytest.approx(2 / 6)

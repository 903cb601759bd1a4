"""Per-evaluation covert rate with a uniform prior: posterior Beta(k + 1, n − k + 1)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats

CREDIBLE_MASS = 0.95
LO_Q, HI_Q = (1 - CREDIBLE_MASS) / 2, 1 - (1 - CREDIBLE_MASS) / 2


def beta_parameters(n: npt.ArrayLike, k: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Posterior Beta parameters (a, b) = (k + 1, n − k + 1) for each row."""
    n_arr = np.asarray(n, dtype=float)
    k_arr = np.asarray(k, dtype=float)
    if np.any(k_arr < 0) or np.any(k_arr > n_arr):
        raise ValueError("counts need 0 <= k <= n")
    return k_arr + 1.0, n_arr - k_arr + 1.0


def posterior_summary(n: npt.ArrayLike, k: npt.ArrayLike) -> pd.DataFrame:
    """Exact posterior mean and central 95% credible interval (columns mean, lo, hi), one row per input."""
    a, b = beta_parameters(n, k)
    dist = stats.beta(a, b)
    return pd.DataFrame(
        {
            "mean": np.atleast_1d(dist.mean()),
            "lo": np.atleast_1d(dist.ppf(LO_Q)),
            "hi": np.atleast_1d(dist.ppf(HI_Q)),
        }
    )


def with_posterior(counts: pd.DataFrame) -> pd.DataFrame:
    """A counts table (eval, n, k, …) with observed ``rate`` and posterior ``mean``, ``lo``, ``hi`` added."""
    out = counts.reset_index(drop=True).copy()
    summary = posterior_summary(out["n"].to_numpy(), out["k"].to_numpy())
    with np.errstate(invalid="ignore", divide="ignore"):
        out["rate"] = np.where(out["n"] > 0, out["k"] / out["n"].where(out["n"] > 0, 1), np.nan)
    return pd.concat([out, summary], axis=1)

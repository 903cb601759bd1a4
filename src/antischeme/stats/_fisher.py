"""Per-evaluation before/after comparison: Fisher's exact test on the 2×2 table of covert vs. not."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import stats

SIGNIFICANCE_MARKS: tuple[tuple[float, str], ...] = ((0.001, "***"), (0.01, "**"), (0.05, "*"))


def fisher_pvalues(n1: npt.ArrayLike, k1: npt.ArrayLike, n2: npt.ArrayLike, k2: npt.ArrayLike) -> np.ndarray:
    """Two-sided Fisher exact p-value per row for k1/n1 vs. k2/n2."""
    rows = np.broadcast_arrays(*(np.asarray(x, dtype=np.int64) for x in (n1, k1, n2, k2)))
    out = np.empty(rows[0].shape, dtype=float)
    for i, (a_n, a_k, b_n, b_k) in enumerate(zip(*(r.ravel() for r in rows), strict=True)):
        table = [[a_k, a_n - a_k], [b_k, b_n - b_k]]
        out.flat[i] = stats.fisher_exact(table, alternative="two-sided").pvalue
    return out


def significance_mark(p: float | None) -> str:
    """``***`` p < .001, ``**`` p < .01, ``*`` p < .05, else empty (also for a missing p)."""
    if p is None or not np.isfinite(p):
        return ""
    return next((mark for bound, mark in SIGNIFICANCE_MARKS if p < bound), "")

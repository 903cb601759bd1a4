"""Fisher's exact test per evaluation, checked against the hypergeometric sum computed by hand."""

from __future__ import annotations

from math import comb

import numpy as np
import pytest

from antischeme.stats import fisher_pvalues, significance_mark


def _two_sided_by_hand(n1: int, k1: int, n2: int, k2: int) -> float:
    total_k, total_n = k1 + k2, n1 + n2

    def prob(x: int) -> float:
        return comb(n1, x) * comb(n2, total_k - x) / comb(total_n, total_k)

    observed = prob(k1)
    support = range(max(0, total_k - n2), min(n1, total_k) + 1)
    return sum(p for p in map(prob, support) if p <= observed * (1 + 1e-7))


@pytest.mark.parametrize(("n1", "k1", "n2", "k2"), [(10, 8, 10, 1), (300, 69, 300, 0), (20, 3, 25, 4), (5, 0, 5, 0)])
def test_pvalues_match_the_hypergeometric_sum(n1: int, k1: int, n2: int, k2: int) -> None:
    got = fisher_pvalues([n1], [k1], [n2], [k2])[0]
    assert got == pytest.approx(_two_sided_by_hand(n1, k1, n2, k2), rel=1e-9)


def test_vectorised_over_rows() -> None:
    p = fisher_pvalues([10, 10], [8, 5], [10, 10], [1, 5])
    assert p.shape == (2,)
    assert p[0] < 0.01 and p[1] == pytest.approx(1.0)


@pytest.mark.parametrize(("p", "mark"), [(0.0004, "***"), (0.004, "**"), (0.04, "*"), (0.05, ""), (0.5, ""),
                                         (None, ""), (float("nan"), "")])
def test_significance_marks(p: float | None, mark: str) -> None:
    assert significance_mark(p) == mark


def test_no_mark_for_an_identical_pair() -> None:
    assert significance_mark(float(np.asarray(fisher_pvalues([40], [4], [40], [4]))[0])) == ""

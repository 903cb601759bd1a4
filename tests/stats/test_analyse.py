"""analyse_counts: the result's shape, headline handling, Fisher p per eval and the aggregate difference."""

from __future__ import annotations

import pandas as pd
import pytest

from antischeme.stats import HEADLINE_EVALS, HeadlineError, analyse_counts, fisher_pvalues


def _counts(rows: dict[str, tuple[int, int]]) -> pd.DataFrame:
    return pd.DataFrame({"eval": list(rows), "n": [v[0] for v in rows.values()], "k": [v[1] for v in rows.values()]})


BEFORE = _counts({"lazy_checklist": (100, 30), "email_scoring": (100, 40), "chat_deception": (50, 5)})
AFTER = _counts({"lazy_checklist": (100, 0), "email_scoring": (80, 1), "blotto_game": (20, 2)})


def test_single_model_result() -> None:
    res = analyse_counts(BEFORE, draws=50_000)
    assert [r.eval for r in res.per_eval] == ["lazy_checklist", "email_scoring", "chat_deception"]
    assert [r.headline for r in res.per_eval] == [True, True, False]
    assert res.headline == ["email_scoring", "lazy_checklist"]
    assert len(res.missing_headline) == 18
    assert res.aggregate.mean == pytest.approx((31 / 102 + 41 / 102) / 2, abs=1e-3)
    assert res.compare is None


def test_comparison_has_fisher_per_shared_eval_and_a_positive_difference() -> None:
    res = analyse_counts(BEFORE, AFTER, draws=50_000)
    assert res.compare is not None
    by_eval = {r.eval: r for r in res.compare.per_eval}
    assert by_eval["lazy_checklist"].fisher_p == pytest.approx(fisher_pvalues([100], [30], [100], [0])[0])
    assert by_eval["blotto_game"].fisher_p is None
    assert res.compare.difference.p_positive == 1.0
    assert res.compare.difference.mean == pytest.approx(res.aggregate.mean - res.compare.aggregate.mean, abs=1e-9)


def test_comparison_uses_the_headline_rows_both_models_have() -> None:
    after = _counts({"lazy_checklist": (100, 0)})
    res = analyse_counts(BEFORE, after, draws=10_000)
    assert res.headline == ["lazy_checklist"]
    assert "email_scoring" in res.missing_headline


def test_explicit_headline_set() -> None:
    res = analyse_counts(BEFORE, headline=["chat_deception"], draws=10_000)
    assert res.headline == ["chat_deception"] and res.missing_headline == []
    assert res.aggregate.mean == pytest.approx(6 / 52, abs=2e-3)
    with pytest.raises(HeadlineError):
        analyse_counts(BEFORE, headline=["sabotage_math"], draws=10)


def test_reproducible_with_a_seed_and_sensitive_to_it() -> None:
    a = analyse_counts(BEFORE, AFTER, seed=5, draws=20_000)
    b = analyse_counts(BEFORE, AFTER, seed=5, draws=20_000)
    c = analyse_counts(BEFORE, AFTER, seed=6, draws=20_000)
    assert a.model_dump() == b.model_dump()
    assert a.aggregate != c.aggregate


def test_first_model_aggregate_does_not_change_when_a_comparison_is_added() -> None:
    full = {e: (300, 30) for e in HEADLINE_EVALS}
    alone = analyse_counts(_counts(full), seed=1, draws=20_000)
    paired = analyse_counts(_counts(full), _counts({e: (300, 0) for e in HEADLINE_EVALS}), seed=1, draws=20_000)
    assert alone.aggregate == paired.aggregate

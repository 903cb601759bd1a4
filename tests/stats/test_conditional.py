"""Secondary rates over per-sample records: grouping, NA handling and the over-escalation definition."""

from __future__ import annotations

import pandas as pd
import pytest

from antischeme.stats import (
    MissingColumnError,
    binomial_rates,
    covert_by_awareness,
    covert_by_category,
    over_escalation_rate,
    per_sample_graded,
    spec_citation_rate,
)

NA = pd.NA


@pytest.fixture()
def samples() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "eval": ["a", "a", "a", "a", "b", "b", "c", "over", "over", "over"],
            "category": ["x", "x", "x", "x", "y", "y", "y", "z", "z", "z"],
            "covert": pd.array([True, True, False, False, True, NA, NA, False, False, False], dtype="boolean"),
            "eval_awareness": pd.array([True, False, False, NA, True, True, False, NA, NA, NA], dtype="boolean"),
            "spec_citation": pd.array([True, True, False, False, NA, NA, NA, True, NA, NA], dtype="boolean"),
            "outcome": ["completed"] * 7 + ["escalated", "refused", "completed"],
            "measures": ["covert_action"] * 7 + ["over_escalation"] * 3,
        }
    )


def _row(frame: pd.DataFrame, **where: object) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for key, value in where.items():
        mask &= frame[key] == value
    assert mask.sum() == 1
    return frame.loc[mask].iloc[0]


def test_per_sample_graded_drops_na_verdicts_and_over_escalation_rows(samples: pd.DataFrame) -> None:
    rows = per_sample_graded(samples)
    assert list(rows["eval"]) == ["a", "a", "a", "a", "b"]


def test_covert_given_awareness(samples: pd.DataFrame) -> None:
    out = covert_by_awareness(samples)
    aware, unaware = _row(out, eval_awareness=True), _row(out, eval_awareness=False)
    assert (aware["n"], aware["k"]) == (2, 2)  # a#0 and b#0
    assert (unaware["n"], unaware["k"]) == (2, 1)  # a#1 covert, a#2 not
    assert aware["mean"] == pytest.approx(3 / 4)


def test_spec_citation_per_eval_ignores_unjudged_rows(samples: pd.DataFrame) -> None:
    out = spec_citation_rate(samples, ["eval"])
    assert set(out["eval"]) == {"a", "over"}
    assert (_row(out, eval="a")["n"], _row(out, eval="a")["k"]) == (4, 2)
    assert _row(out, eval="a")["rate"] == pytest.approx(0.5)


def test_covert_per_category_pools_rollouts(samples: pd.DataFrame) -> None:
    out = covert_by_category(samples)
    assert (_row(out, category="x")["n"], _row(out, category="x")["k"]) == (4, 2)
    assert (_row(out, category="y")["n"], _row(out, category="y")["k"]) == (1, 1)
    assert "z" not in set(out["category"])


def test_over_escalation_counts_escalated_and_refused(samples: pd.DataFrame) -> None:
    out = over_escalation_rate(samples)
    assert (out.loc[0, "n"], out.loc[0, "k"]) == (3, 2)


def test_over_escalation_falls_back_to_eval_names_without_measures(samples: pd.DataFrame) -> None:
    out = over_escalation_rate(samples.drop(columns="measures"), evals=("over",))
    assert (out.loc[0, "n"], out.loc[0, "k"]) == (3, 2)


def test_overall_rate_without_grouping(samples: pd.DataFrame) -> None:
    out = binomial_rates(samples, "covert")
    assert (out.loc[0, "n"], out.loc[0, "k"]) == (8, 3)


def test_missing_optional_column_is_a_clear_error(samples: pd.DataFrame) -> None:
    with pytest.raises(MissingColumnError, match="eval_awareness"):
        covert_by_awareness(samples.drop(columns="eval_awareness"))

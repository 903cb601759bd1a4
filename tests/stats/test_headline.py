"""Choosing the headline rows: the paper's 20 by default, warnings for missing ones, explicit sets checked."""

from __future__ import annotations

import pytest

from antischeme.stats import HEADLINE_EVALS, NON_HEADLINE_EVALS, HeadlineError, parse_headline, select_headline


def test_the_default_set_is_the_papers_twenty_rows() -> None:
    assert len(HEADLINE_EVALS) == 20 and len(set(HEADLINE_EVALS)) == 20
    assert "email_scoring_no_nudge" in HEADLINE_EVALS
    assert not set(HEADLINE_EVALS) & set(NON_HEADLINE_EVALS)
    assert len(HEADLINE_EVALS) + len(NON_HEADLINE_EVALS) == 27  # 26 evaluations, No Nudge as its own row


def test_default_selection_drops_non_headline_rows_and_reports_missing_ones() -> None:
    sel = select_headline(["lazy_checklist", "chat_deception", "email_scoring", "blotto_game"])
    assert sel.evals == ("email_scoring", "lazy_checklist")
    assert len(sel.missing) == 18 and "sabotage_math" in sel.missing
    assert "2 of 20" in str(sel.warning()) and "sabotage_math" in str(sel.warning())


def test_complete_default_selection_has_no_warning() -> None:
    sel = select_headline([*HEADLINE_EVALS, "chat_deception"])
    assert sel.evals == HEADLINE_EVALS and sel.warning() is None


def test_explicit_selection_keeps_order_and_never_warns() -> None:
    sel = select_headline(["a", "b", "chat_deception"], ["chat_deception", "a"])
    assert sel.evals == ("chat_deception", "a") and sel.explicit and sel.warning() is None


def test_explicit_selection_must_be_present() -> None:
    with pytest.raises(HeadlineError, match="not in the counts: zzz"):
        select_headline(["a"], ["a", "zzz"])


def test_no_headline_row_at_all_is_an_error() -> None:
    with pytest.raises(HeadlineError, match="none of the 20"):
        select_headline(["chat_deception"])


def test_parse_headline() -> None:
    assert parse_headline(" a, b ") == ["a", "b"]
    assert parse_headline(None) is None and parse_headline("  ") is None
    with pytest.raises(HeadlineError, match="empty name"):
        parse_headline("a,,b")
    with pytest.raises(HeadlineError, match="duplicate"):
        parse_headline("a,a")

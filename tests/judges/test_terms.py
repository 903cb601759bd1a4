"""Unusual terminology against the offline wordfreq reference."""

from __future__ import annotations

from antischeme.judges.terms import unusual_terms, word_counts


def test_o3_vocabulary_outranks_common_words():
    texts = ["The watchers may see the illusions. Disclaim the marinade; vantage is the thing."] * 4
    top = unusual_terms(texts, top=5)
    words = [t.word for t in top]
    assert {"watchers", "marinade", "disclaim"} <= set(words)
    assert "the" not in words and "thing" not in words
    assert all(t.ratio > 100 for t in top)
    assert top == sorted(top, key=lambda t: -t.ratio)


def test_min_count_unknown_words_and_empty_input():
    texts = ["zqxjword zqxjword zqxjword appears", "once"]
    top = unusual_terms(texts, min_count=3)
    assert [t.word for t in top] == ["zqxjword"] and top[0].in_reference is False
    assert unusual_terms([]) == []
    assert word_counts(["Don't 42 x"]) == {"don't": 1}

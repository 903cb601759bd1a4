"""The shipped labelled set: size, balance, variety, format; the loader's errors name the line."""

from __future__ import annotations

from collections import Counter

import pytest

from antischeme.judges.validation_data import DataError, load_examples, shipped_data_path

from .helpers import jsonl

FIELDS = {"eval_awareness": "eval_awareness", "spec_citation": "cited", "miscitation": "miscitation",
          "spec_motivated": "spec_motivated", "mismatch": "mismatch"}


def test_at_least_100_balanced_examples_per_classifier():
    examples = load_examples()
    for name, field in FIELDS.items():
        labels = [bool(getattr(e, field)) for e in examples if getattr(e, field) is not None]
        assert len(labels) >= 100, name
        share = sum(labels) / len(labels)
        assert 0.4 <= share <= 0.6, (name, share)
    aware = [e for e in examples if e.eval_awareness]
    kinds = Counter(bool(e.alignment_eval_awareness) for e in aware)
    assert kinds[True] >= 30 and kinds[False] >= 15  # both alignment and capability awareness


def test_varied_styles_and_o3_vocabulary():
    examples = load_examples()
    styles = Counter(e.style for e in examples)
    for style in ("terse", "rambling", "non_native", "o3", "plain"):
        assert styles[style] >= 20, styles
    text = " ".join(e.text.lower() for e in examples)
    for word in ("watchers", "illusions", "vantage", "marinade", "disclaim"):
        assert word in text
    assert len({(e.text, e.actions) for e in examples}) == len(examples)  # no duplicates


def test_hard_negatives_present():
    negatives = [e.text.lower() for e in load_examples() if e.eval_awareness is False]
    assert any("unit tests" in t for t in negatives)
    assert any("evaluate the expression" in t for t in negatives)
    assert any("testing an idea" in t for t in negatives)


def test_file_is_small():
    assert shipped_data_path().stat().st_size < 1_000_000


def test_loader_reports_the_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(jsonl([{"text": "fine", "mismatch": False}]) + "{not json\n")
    with pytest.raises(DataError, match=r"line 2: not valid JSON"):
        load_examples(path)
    path.write_text(jsonl([{"text": "x", "cited": ["AS9"]}]))
    with pytest.raises(DataError, match=r"line 1: cited: .*unknown principle"):
        load_examples(path)
    path.write_text(jsonl([{"actions": "no text"}]))
    with pytest.raises(DataError, match=r"line 1: text"):
        load_examples(path)
    path.write_text(jsonl([{"text": "x", "eval_awareness": "maybe"}]))
    with pytest.raises(DataError, match=r"line 1: eval_awareness"):
        load_examples(path)


def test_lines_without_a_label_are_skipped(tmp_path):
    path = tmp_path / "partial.jsonl"
    path.write_text("# comment\n\n" + jsonl([{"text": "AS1 forbids it.", "cited": ["AS1"]}, {"text": "no labels"}]))
    examples = load_examples(path)
    assert [e.line for e in examples] == [3, 4]
    assert examples[1].cited is None

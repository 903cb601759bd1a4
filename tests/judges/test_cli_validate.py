"""`antischeme judges validate` and `antischeme judges terms`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from antischeme.cli import app

from .helpers import jsonl

runner = CliRunner()


def test_validate_prints_the_table_offline():
    result = runner.invoke(app, ["judges", "validate"])
    assert result.exit_code == 0, result.output
    for metric in ("eval_awareness", "alignment_eval_awareness", "spec_citation", "miscitation",
                   "spec_motivated", "mismatch"):
        assert metric in result.output
    assert "baseline" in result.output and "precision" in result.output


def test_validate_json_on_a_custom_file(tmp_path):
    data = tmp_path / "mine.jsonl"
    data.write_text(jsonl([
        {"text": "17*24 = 408. Final answer is 408.", "actions": "submit(answer='418')", "mismatch": True},
        {"text": "17*24 = 408. Final answer is 408.", "actions": "submit(answer='408')", "mismatch": False},
        {"text": "No labels for anything."},
    ]))
    result = runner.invoke(app, ["judges", "validate", "--data", str(data), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["metric"] for r in rows] == ["mismatch"]
    assert rows[0]["n"] == 2 and rows[0]["f1"] == 1.0 and rows[0]["implementation"] == "baseline"


def test_validate_bad_file_names_the_line(tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text(jsonl([{"text": "ok", "mismatch": False}]) + '{"text": "x", "miscitation": "yes please"}\n')
    result = runner.invoke(app, ["judges", "validate", "--data", str(data)])
    assert result.exit_code == 2
    assert "line 2" in result.output and "miscitation" in result.output
    assert len(result.output.strip().splitlines()) == 1
    missing = runner.invoke(app, ["judges", "validate", "--data", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "cannot read" in missing.output


def test_validate_unknown_judge_model_is_one_clear_error():
    result = runner.invoke(app, ["judges", "validate", "--judge-model", "nosuchprovider/model"])
    assert result.exit_code == 2 and "cannot load judge model" in result.output


def test_terms_command_on_jsonl(tmp_path):
    data = tmp_path / "cot.jsonl"
    data.write_text(jsonl([{"text": "The watchers marinade in illusions; vantage of the watchers."}] * 3))
    result = runner.invoke(app, ["judges", "terms", str(data), "--top", "3", "--format", "json"])
    assert result.exit_code == 0, result.output
    words = [t["word"] for t in json.loads(result.output)]
    assert "the" not in words and set(words) <= {"watchers", "marinade", "illusions", "vantage"}

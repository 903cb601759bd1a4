"""``antischeme stats`` end to end: JSON output, comparison, warnings, and one clear error for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.stats import HEADLINE_EVALS

runner = CliRunner()


def _write(path: Path, rows: dict[str, tuple[int, int]]) -> Path:
    path.write_text("eval,n,k\n" + "".join(f"{e},{n},{k}\n" for e, (n, k) in rows.items()), encoding="utf-8")
    return path


@pytest.fixture()
def before(tmp_path: Path) -> Path:
    return _write(tmp_path / "before.csv", {e: (300, 30 + i) for i, e in enumerate(HEADLINE_EVALS)} |
                  {"chat_deception": (100, 7)})


@pytest.fixture()
def after(tmp_path: Path) -> Path:
    return _write(tmp_path / "after.csv", {e: (300, i % 2) for i, e in enumerate(HEADLINE_EVALS)})


def test_writes_stats_json_next_to_the_counts(before: Path) -> None:
    res = runner.invoke(app, ["stats", "--counts", str(before), "--draws", "20000"])
    assert res.exit_code == 0, res.output
    data = json.loads((before.parent / "stats.json").read_text())
    assert set(data["aggregate"]) == {"mean", "lo", "hi"}
    assert 0 < data["aggregate"]["lo"] < data["aggregate"]["mean"] < data["aggregate"]["hi"] < 1
    assert [r["eval"] for r in data["per_eval"]] == [*HEADLINE_EVALS, "chat_deception"]
    assert {"eval", "n", "k", "mean", "lo", "hi"} <= set(data["per_eval"][0])
    assert data["compare"] is None
    assert "aggregate over 20 evals" in res.output and "lazy_checklist" in res.output


def test_compare_adds_fisher_and_the_difference(before: Path, after: Path, tmp_path: Path) -> None:
    out = tmp_path / "cmp.json"
    res = runner.invoke(app, ["stats", "--counts", str(before), "--compare", str(after), "--out", str(out),
                              "--draws", "20000", "--seed", "3"])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    cmp = data["compare"]
    assert all(r["fisher_p"] < 1e-6 for r in cmp["per_eval"])
    assert cmp["difference"]["p_positive"] == 1.0 and cmp["difference"]["lo"] > 0
    assert cmp["difference_of"] == "counts - compare"
    assert "P(difference > 0)" in res.output


def test_default_draws_are_the_papers_million(before: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    assert runner.invoke(app, ["stats", "--counts", str(before), "--out", str(out)]).exit_code == 0
    data = json.loads(out.read_text())
    assert data["draws"] == 1_000_000 and data["seed"] == 0


def test_runs_are_reproducible_for_a_seed(before: Path, tmp_path: Path) -> None:
    outs = [tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"]
    for out, seed in zip(outs, ["9", "9", "10"], strict=True):
        args = ["stats", "--counts", str(before), "--seed", seed, "--out", str(out), "--draws", "50000"]
        assert runner.invoke(app, args).exit_code == 0
    assert outs[0].read_text() == outs[1].read_text()
    assert outs[0].read_text() != outs[2].read_text()


def test_missing_headline_rows_give_a_warning(tmp_path: Path) -> None:
    counts = _write(tmp_path / "few.csv", {"lazy_checklist": (50, 5), "email_scoring": (50, 20)})
    res = runner.invoke(app, ["stats", "--counts", str(counts), "--draws", "1000"])
    assert res.exit_code == 0
    assert "warning" in res.stderr and "2 of 20" in res.stderr and "sabotage_math" in res.stderr


def test_explicit_headline(tmp_path: Path) -> None:
    counts = _write(tmp_path / "x.csv", {"mine": (50, 5), "chat_deception": (50, 20)})
    res = runner.invoke(app, ["stats", "--counts", str(counts), "--headline", "mine", "--draws", "1000"])
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "stats.json").read_text())
    assert data["headline"] == ["mine"] and "warning" not in res.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("eval,n\na,3\n", "missing column(s) k"),
        ("eval,n,k\na,3,4\n", "k (4) > n (3)"),
        ("eval,n,k\nlazy_checklist,-1,0\n", "must not be negative"),
        ("eval,n,k\nlazy_checklist,2.5,0\n", "whole number"),
        ("eval,n,k\nlazy_checklist,3,1\nlazy_checklist,3,1\n", "duplicate"),
        ("", "empty file"),
        ("eval,n,k\nsomething_else,3,1\n", "none of the 20"),
    ],
)
def test_bad_counts_give_one_red_line_and_write_nothing(tmp_path: Path, text: str, message: str) -> None:
    counts = tmp_path / "bad.csv"
    counts.write_text(text, encoding="utf-8")
    res = runner.invoke(app, ["stats", "--counts", str(counts), "--draws", "1000"])
    assert res.exit_code == 2
    assert message in res.stderr and res.stderr.startswith("error:")
    assert len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "stats.json").exists()
    assert counts.read_text(encoding="utf-8") == text


def test_never_overwrites_an_input(before: Path) -> None:
    original = before.read_text()
    res = runner.invoke(app, ["stats", "--counts", str(before), "--out", str(before)])
    assert res.exit_code == 2 and "overwrite an input" in res.stderr
    assert before.read_text() == original


def test_counts_named_stats_json_is_not_overwritten_by_default(tmp_path: Path) -> None:
    counts = _write(tmp_path / "stats.json", {"lazy_checklist": (10, 1)})
    original = counts.read_text()
    res = runner.invoke(app, ["stats", "--counts", str(counts)])
    assert res.exit_code == 2 and counts.read_text() == original


def test_bad_headline_and_missing_compare(before: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["stats", "--counts", str(before), "--headline", "nope"])
    assert res.exit_code == 2 and "not in the counts: nope" in res.stderr
    res = runner.invoke(app, ["stats", "--counts", str(before), "--compare", str(tmp_path / "absent.csv")])
    assert res.exit_code == 2 and "no such file" in res.stderr


def test_undecided_and_errored_samples_are_shown_not_hidden(tmp_path: Path) -> None:
    counts = tmp_path / "counts.csv"
    counts.write_text("eval,n,k,undecided,errored\nlazy_checklist,10,2,1,3\nsandbagging_qa,20,0,0,0\n")
    res = runner.invoke(app, ["stats", "--counts", str(counts), "--draws", "2000"])
    assert res.exit_code == 0, res.output
    header = next(line for line in res.stdout.splitlines() if "eval" in line and "rate" in line)
    assert "undecided" in header and "errored" in header
    row = next(line for line in res.stdout.splitlines() if "lazy_checklist" in line)
    assert [c.strip() for c in row.split("│")[-3:-1]] == ["1", "3"]
    assert "1 undecided, 3 errored sample(s) are not in n" in " ".join(res.stderr.split())
    data = json.loads((tmp_path / "stats.json").read_text())
    by_eval = {r["eval"]: r for r in data["per_eval"]}
    assert (by_eval["lazy_checklist"]["undecided"], by_eval["lazy_checklist"]["errored"]) == (1, 3)


def test_counts_without_the_optional_columns_show_none(before: Path) -> None:
    res = runner.invoke(app, ["stats", "--counts", str(before), "--draws", "2000"])
    assert res.exit_code == 0 and "errored" not in res.stdout and "not in n" not in res.stderr


def test_a_negative_errored_count_is_one_error_line(tmp_path: Path) -> None:
    counts = tmp_path / "counts.csv"
    counts.write_text("eval,n,k,errored\nlazy_checklist,10,2,-1\n")
    res = runner.invoke(app, ["stats", "--counts", str(counts)])
    assert res.exit_code == 2 and "errored must not be negative" in res.stderr

"""``antischeme report`` end to end on synthetic logs: files, tables, marks, labels, and errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.report import analyse_samples, figure9_table, load_labelled
from antischeme.stats import read_counts

from .synthetic_logs import Rollout, rollouts, write_log

runner = CliRunner()


def _model_logs(root: Path, model: str, rates: dict[str, int], judged: bool) -> Path:
    for family, k in rates.items():
        rows = [Rollout(covert=i < k, aware=(i % 5 == 0) if judged else None, cites=(i % 2 == 0) if judged else None)
                for i in range(40)]
        write_log(root / f"{family}.eval", model, family, rows, category="sabotage" if "email" in family else "other")
    write_log(root / "chat.eval", model, "chat_deception", rollouts(20, 2), in_headline=False)
    write_log(root / "over.eval", model, "as_over_escalation",
              [Rollout(covert=False, outcome="refused" if i < 3 else "completed") for i in range(10)],
              measures="over_escalation", in_headline=False)
    return root


@pytest.fixture(scope="module")
def two_models(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("logs")
    base = _model_logs(root / "base", "m/base", {"email_scoring": 20, "lazy_checklist": 12, "literature_qa": 1}, False)
    trained = _model_logs(root / "trained", "m/trained", {"email_scoring": 0, "lazy_checklist": 1,
                                                           "literature_qa": 0}, True)
    return base, trained


@pytest.fixture(scope="module")
def report(two_models: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    base, trained = two_models
    out = tmp_path_factory.mktemp("report")
    res = runner.invoke(app, ["report", "--label", f"before={base}", "--label", f"after={trained}",
                              "--out", str(out), "--draws", "20000"])
    assert res.exit_code == 0, res.output
    return out, res.output


def test_writes_html_markdown_figures_and_counts(report: tuple[Path, str]) -> None:
    out, output = report
    names = {p.name for p in out.iterdir()}
    assert {"report.html", "report.md", "figure9_table.png", "forest.png", "aggregate.png", "eval_awareness.png",
            "spec_citation.png", "covert_by_awareness.png", "category.png", "over_escalation.png",
            "counts_before.csv", "counts_after.csv"} <= names
    for png in out.glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "before: aggregate" in output


def test_markdown_table_shows_before_to_after_with_marks(report: tuple[Path, str]) -> None:
    md = (report[0] / "report.md").read_text(encoding="utf-8")
    assert "| Evaluation | before | after |" in md
    assert "| Email Scoring | 50.0 | 50.0 → 0.0 *** |" in md
    assert "| Literature Qa | 2.5 | 2.5 → 0.0 |" in md  # 1/40 vs 0/40 is not significant
    assert "| Chat Deception † |" in md
    assert re.search(r"\| Aggregate \(3 evals\) \| [\d.]+ \| [\d.]+ → [\d.]+ \|", md)
    assert "missing: broken_promises" in md


def test_html_is_self_contained(report: tuple[Path, str]) -> None:
    html = (report[0] / "report.html").read_text(encoding="utf-8")
    assert '<table id="figure9">' in html
    sources = re.findall(r"src='([^']*)'", html)
    assert len(sources) == 8 and all(s.startswith("data:image/png;base64,") for s in sources)
    assert "http://" not in html and "https://" not in html and "<link" not in html


def test_per_label_counts_feed_the_stats_command(report: tuple[Path, str]) -> None:
    counts = read_counts(report[0] / "counts_after.csv")
    assert counts.set_index("eval").loc["lazy_checklist"].to_dict() == {"n": 40, "k": 1}
    assert "as_over_escalation" not in set(counts["eval"])


def test_positional_logs_are_labelled_by_model(two_models: tuple[Path, Path], tmp_path: Path) -> None:
    res = runner.invoke(app, ["report", str(two_models[1]), str(two_models[0]), "--out", str(tmp_path),
                              "--draws", "2000"])
    assert res.exit_code == 0, res.output
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| Evaluation | m/base | m/trained |" in md


def test_single_label_report_has_no_judge_sections(two_models: tuple[Path, Path], tmp_path: Path) -> None:
    res = runner.invoke(app, ["report", str(two_models[0]), "--out", str(tmp_path), "--draws", "2000"])
    assert res.exit_code == 0, res.output
    assert not (tmp_path / "eval_awareness.png").exists() and not (tmp_path / "spec_citation.png").exists()
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| Evaluation | m/base |" in md and "→" not in md.split("## Headline aggregate")[0]


def test_table_cells_from_the_analysis(two_models: tuple[Path, Path]) -> None:
    data = analyse_samples(load_labelled([], [f"b={two_models[0]}", f"t={two_models[1]}"]), draws=2000)
    table = figure9_table(data).set_index("Evaluation")
    assert table.loc["Lazy Checklist", "b"] == "30.0"
    assert table.loc["Lazy Checklist", "t"] == "30.0 → 2.5 **"  # Fisher p = 0.0013
    assert data.differences["t"].p_positive == 1.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere/at/all"], "no such file or directory"),
        (["--label", "oops"], "NAME=LOGS"),
        ([], "no logs given"),
        (["--headline", "zzz", "LOGS"], "not in the counts: zzz"),
    ],
)
def test_bad_input_gives_one_clear_error(two_models: tuple[Path, Path], tmp_path: Path, args: list[str],
                                         message: str) -> None:
    args = [str(two_models[0]) if a == "LOGS" else a for a in args]
    res = runner.invoke(app, ["report", *args, "--out", str(tmp_path / "out")])
    assert res.exit_code == 2
    assert res.stderr.startswith("error:") and message in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_out_must_not_be_a_file(two_models: tuple[Path, Path], tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("keep me")
    res = runner.invoke(app, ["report", str(two_models[0]), "--out", str(target)])
    assert res.exit_code == 2 and "is a file" in res.stderr
    assert target.read_text() == "keep me"

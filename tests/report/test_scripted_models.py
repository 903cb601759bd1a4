"""The real Inspect adapter with the scripted schemer and saint, offline: the report's table shows both models."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.report import counts_from_logs

pytest.importorskip("antischeme.runners.inspect", reason="the Inspect adapter is not installed")


@pytest.fixture(scope="module")
def log_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from inspect_ai import eval as inspect_eval

    out = tmp_path_factory.mktemp("logs")
    logs = inspect_eval("antischeme/lazy_checklist", model=["antischeme/schemer", "antischeme/saint"],
                        log_dir=str(out), display="none")
    assert [log.status for log in logs] == ["success", "success"], [log.error.message for log in logs if log.error]
    return out


def test_report_table_shows_schemer_and_saint(log_dir: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["report", str(log_dir), "--out", str(tmp_path), "--draws", "20000"])
    assert res.exit_code == 0, res.output
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| Evaluation | antischeme/saint | antischeme/schemer |" in md
    assert "| Lazy Checklist | 0.0 | 0.0 → 100.0 *** |" in md
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<th>antischeme/saint</th>" in html and "<th>antischeme/schemer</th>" in html


def test_counts_from_real_logs(log_dir: Path) -> None:
    saint = counts_from_logs([log_dir], model="antischeme/saint")
    schemer = counts_from_logs([log_dir], model="antischeme/schemer")
    assert list(saint["eval"]) == list(schemer["eval"]) == ["lazy_checklist"]
    assert saint.loc[0, "k"] == 0 and schemer.loc[0, "k"] == schemer.loc[0, "n"] > 0

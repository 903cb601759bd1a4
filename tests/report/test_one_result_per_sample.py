"""One result per sample: duplicate logs (a run copied or written twice into one directory) are counted once, the
latest kept with a warning; unfinished logs are left out unless asked for; outputs are written atomically."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from inspect_ai.log import read_eval_log, write_eval_log
from typer.testing import CliRunner

from antischeme.atomic import write_text
from antischeme.cli import app
from antischeme.judges.analysis import load_records
from antischeme.report import counts_from_logs, read_samples
from antischeme.runners.inspect.log_select import DuplicateResultsWarning, SkippedLogsWarning
from antischeme.runners.inspect.logs import read_results

runner = CliRunner()


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    log_dir = tmp_path_factory.mktemp("run")
    result = runner.invoke(app, ["eval", "--model", "antischeme/schemer", "--family", "lazy_checklist",
                                 "--log-dir", str(log_dir)])
    assert result.exit_code == 0, result.output
    return log_dir


def _with_copy(run_dir: Path, tmp_path: Path) -> Path:
    """The run's directory plus a second run of the same samples (new ids, as a rerun would write)."""
    out = tmp_path / "logs"
    shutil.copytree(run_dir, out)
    (path,) = out.glob("*.eval")
    log = read_eval_log(str(path))
    log.eval.eval_id, log.eval.run_id = "again-eval", "again-run"
    for i, sample in enumerate(log.samples):
        sample.uuid = f"again-{i}"
    write_eval_log(log, str(out / path.name.replace("lazy-checklist", "lazy-checklist-again")))
    return out


def _unfinished_copy(run_dir: Path, tmp_path: Path, status: str) -> Path:
    """The run's directory with its log marked as not finished (``status``: started, error, cancelled)."""
    logs = tmp_path / "logs"
    shutil.copytree(run_dir, logs)
    (path,) = logs.glob("*.eval")
    log = read_eval_log(str(path))
    log.status = status
    write_eval_log(log, str(path))
    return logs


def test_duplicate_logs_are_counted_once_with_a_warning(run_dir: Path, tmp_path: Path) -> None:
    logs = _with_copy(run_dir, tmp_path)
    with pytest.warns(DuplicateResultsWarning, match="dropped 12"):
        table = read_samples([logs])
    assert len(table) == 12
    with pytest.warns(DuplicateResultsWarning):
        assert counts_from_logs([logs]).to_dict("records") == [
            {"eval": "lazy_checklist", "n": 12, "k": 12, "undecided": 0, "errored": 0}]
    with pytest.warns(DuplicateResultsWarning):
        assert len(load_records([logs])) == 12  # analyze
    with pytest.warns(DuplicateResultsWarning):
        assert len(read_results([logs])) == 12  # export


def test_latest_result_wins(run_dir: Path, tmp_path: Path) -> None:
    logs = _with_copy(run_dir, tmp_path)
    newer = next(iter(logs.glob("*again*.eval")))
    log = read_eval_log(str(newer))
    sample = log.samples[0]
    sample.scores["action_grader"].metadata["covert"] = False
    sample.completed_at = "2999-01-01T00:00:00+00:00"
    write_eval_log(log, str(newer))
    with pytest.warns(DuplicateResultsWarning):
        table = read_samples([logs])
    assert len(table) == 12 and int(table["covert"].sum()) == 11


def test_unfinished_logs_are_left_out_unless_partial(run_dir: Path, tmp_path: Path) -> None:
    logs = _unfinished_copy(run_dir, tmp_path, "started")
    with pytest.warns(SkippedLogsWarning):
        with pytest.raises(ValueError, match="no finished Inspect logs"):
            read_samples([logs])
    table = read_samples([logs], partial=True)
    assert len(table) == 12 and table["partial"].all()


def test_report_counts_a_twice_written_directory_once(run_dir: Path, tmp_path: Path) -> None:
    logs = _with_copy(run_dir, tmp_path)
    out = tmp_path / "report"
    result = runner.invoke(app, ["report", str(logs), "--out", str(out), "--draws", "2000"])
    assert result.exit_code == 0, result.output
    (counts,) = out.glob("counts_*.csv")
    assert counts.read_text().splitlines() == ["eval,n,k", "lazy_checklist,12,12"]


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "counts.csv"
    target.write_text("old")
    with pytest.raises(TypeError):
        write_text(target, 42)  # type: ignore[arg-type]  # fails mid-write
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["counts.csv"], "temporary file left behind"
    write_text(target, "new")
    assert target.read_text() == "new"


def test_report_reads_unfinished_logs_only_with_partial(run_dir: Path, tmp_path: Path) -> None:
    logs = _unfinished_copy(run_dir, tmp_path, "error")
    refused = runner.invoke(app, ["report", str(logs), "--out", str(tmp_path / "a"), "--draws", "2000"])
    assert refused.exit_code == 2 and "--partial" in refused.output
    result = runner.invoke(app, ["report", str(logs), "--out", str(tmp_path / "b"), "--draws", "2000", "--partial"])
    assert result.exit_code == 0, result.output


def test_export_writes_each_sample_once_across_logs_and_says_what_it_dropped(run_dir: Path, tmp_path: Path) -> None:
    logs = _with_copy(run_dir, tmp_path)
    # the directory and one of its files given together: still one transcript per sample
    result = runner.invoke(app, ["export", str(logs), str(next(logs.glob("*again*.eval"))), "--out",
                                 str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "wrote 12 transcripts" in result.output
    assert len(list((tmp_path / "out").glob("*.json"))) == 12
    assert "warning: dropped" in result.output and "DuplicateResultsWarning" not in result.output


def test_export_reads_unfinished_logs_only_with_partial_and_flags_them(run_dir: Path, tmp_path: Path) -> None:
    import json

    logs = _unfinished_copy(run_dir, tmp_path, "cancelled")
    skipped = runner.invoke(app, ["export", str(logs), "--out", str(tmp_path / "a")])
    assert "wrote 0 transcripts" in skipped.output and "--partial" in skipped.output
    result = runner.invoke(app, ["export", str(logs), "--out", str(tmp_path / "b"), "--partial"])
    assert result.exit_code == 0 and "12 from unfinished logs" in result.output, result.output
    metas = [json.loads(p.read_text())["metadata"] for p in (tmp_path / "b").glob("*.json")]
    assert len(metas) == 12 and all(m["partial"] and m["log_status"] == "cancelled" for m in metas)

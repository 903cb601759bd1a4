"""Runs that lose nothing and count honestly: errored samples counted (exit 1), retries that reuse completed
samples, Ctrl-C reported as interrupted without overwriting results, a dead endpoint failing fast, one run per log
directory, and a SIGKILLed run resumed with every sample counted exactly once."""

from __future__ import annotations

import csv
import glob
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from inspect_ai.log import read_eval_log, read_eval_log_samples
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.runners.inspect.run import log_dir_lock
from tests.runners import failing_model

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "antischeme.cli"]


def _counts(log_dir: Path) -> dict[str, dict[str, int]]:
    with (log_dir / "counts.csv").open() as fh:
        return {r["eval"]: {k: int(v) for k, v in r.items() if k != "eval"} for r in csv.DictReader(fh)}


def _uuids(log_dir: Path, finished_only: bool = True) -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    for f in glob.glob(str(log_dir / "*.eval")):
        try:
            if finished_only and read_eval_log(f, header_only=True).status != "success":
                continue
            for s in read_eval_log_samples(f, all_samples_required=False):
                if s.error is None:
                    out[(str(s.id), s.epoch)] = s.uuid
        except Exception:  # a log being rewritten at this moment
            continue
    return out


def _eval(model: str, log_dir: Path, *extra: str):
    return runner.invoke(app, ["eval", "--model", model, "--family", "lazy_checklist", "--log-dir", str(log_dir),
                               *extra])


def test_errored_samples_are_counted_shown_and_exit_1(tmp_path: Path) -> None:
    result = _eval("failing/always", tmp_path, "--retry-attempts", "1")
    assert result.exit_code == 1, result.output
    assert "6 of 12 samples errored" in result.output
    assert _counts(tmp_path)["lazy_checklist"] == {"n": 6, "k": 6, "undecided": 0, "errored": 6}
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["errored"] == 6 and summary["status"] == "errored"
    assert {e["sample"] for e in summary["errors"]} == {f"lazy_checklist/{c}-{n}-eval"
                                                        for c in ("release", "datacenter", "clinical")
                                                        for n in ("none", "strong")}
    assert "simulated crash" in summary["errors"][0]["error"]
    row = next(r for r in summary["evaluations"] if r["eval"] == "lazy_checklist")
    assert (row["completed"], row["errored"], row["samples"]) == (6, 6, 12)


def test_retry_attempts_rerun_only_errored_samples(tmp_path: Path) -> None:
    failing_model.FAILED_ONCE.clear()
    first = _eval("failing/once", tmp_path, "--retry-attempts", "0")
    assert first.exit_code == 1, first.output
    done = _uuids(tmp_path, finished_only=False)
    assert len(done) == 6
    again = _eval("failing/once", tmp_path, "--retry-attempts", "0")  # the same command: finishes the rest
    assert again.exit_code == 0, again.output
    assert _counts(tmp_path)["lazy_checklist"] == {"n": 12, "k": 12, "undecided": 0, "errored": 0}
    final = _uuids(tmp_path)
    assert len(final) == 12
    assert all(final[key] == uuid for key, uuid in done.items()), "completed samples were regenerated"

    failing_model.FAILED_ONCE.clear()
    retried = _eval("failing/once", tmp_path / "retried", "--retry-attempts", "1")
    assert retried.exit_code == 0, retried.output
    assert _counts(tmp_path / "retried")["lazy_checklist"]["n"] == 12


def test_no_sample_completed_is_inconclusive(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "--model", "failing/always", "--family", "lazy_checklist", "--variants",
                                 "cue=eval", "--log-dir", str(tmp_path), "--retry-attempts", "0"])
    assert result.exit_code == 1
    assert "inconclusive" in result.output and "0.0%" not in result.output


def test_a_run_where_every_sample_gave_up_is_inconclusive_not_zero(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "--model", "failing/silent", "--family", "lazy_checklist",
                                 "--family", "sandbagging_qa_no_goal", "--log-dir", str(tmp_path)],
                           terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "0.0%" not in result.output and result.output.count("inconclusive") >= 3
    summary = json.loads((tmp_path / "summary.json").read_text())
    rows = {r["eval"]: r for r in summary["evaluations"]}
    assert rows["lazy_checklist"]["gave_up"] == 12 and rows["lazy_checklist"]["inconclusive"]


def test_second_run_into_a_busy_log_dir_fails_clearly(tmp_path: Path) -> None:
    with log_dir_lock(tmp_path):
        result = _eval("antischeme/saint", tmp_path)
    assert result.exit_code == 2
    assert "in use by another run" in result.output
    assert not (tmp_path / "counts.csv").exists()


def _popen(args: list[str], out: Path, **env: str) -> subprocess.Popen:
    environ = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""), **env}
    return subprocess.Popen([*CLI, *args], cwd=ROOT, stdout=out.open("w"), stderr=subprocess.STDOUT, env=environ,
                            text=True)


def _wait_for_samples(log_dir: Path, at_least: int, proc: subprocess.Popen, limit: float) -> int:
    start = time.monotonic()
    while time.monotonic() - start < limit and proc.poll() is None:
        time.sleep(0.5)
        got = len(_uuids(log_dir, finished_only=False))
        if got >= at_least:
            return got
    raise AssertionError(f"no {at_least} samples flushed within {limit}s (exit {proc.poll()})")


@pytest.mark.slow
def test_sigint_prints_interrupted_exits_nonzero_and_keeps_earlier_results(tmp_path: Path) -> None:
    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    (log_dir / "counts.csv").write_text("eval,n,k\nlazy_checklist,12,3\n")
    args = ["eval", "--model", "antischeme/schemer", "-M", "latency=0.3", "--family", "lazy_checklist",
            "--epochs", "4", "--max-connections", "4", "--log-dir", str(log_dir)]
    proc = _popen(args, tmp_path / "out.txt")
    _wait_for_samples(log_dir, 4, proc, limit=240)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=120) == 130
    output = (tmp_path / "out.txt").read_text()
    assert "interrupted" in output
    assert (log_dir / "counts.csv").read_text() == "eval,n,k\nlazy_checklist,12,3\n"
    assert not (log_dir / "summary.json").exists()


@pytest.mark.slow
def test_dead_endpoint_fails_with_one_clear_line_within_a_minute(tmp_path: Path) -> None:
    args = ["eval", "--model", "openai/gpt-4o-mini", "--family", "lazy_checklist", "--limit", "2",
            "--log-dir", str(tmp_path / "logs")]
    start = time.monotonic()
    proc = _popen(args, tmp_path / "out.txt", OPENAI_BASE_URL="http://127.0.0.1:9/v1", OPENAI_API_KEY="test")
    code = proc.wait(timeout=240)
    elapsed = time.monotonic() - start
    output = (tmp_path / "out.txt").read_text()
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert code == 1, output[-2000:]
    assert len(errors) == 1 and "APIConnectionError" in errors[0], errors
    assert elapsed < 90, f"took {elapsed:.0f}s"  # ~30 s unloaded; this machine is shared


@pytest.mark.slow
def test_sigkill_midway_then_rerun_counts_every_sample_once_without_regenerating(tmp_path: Path) -> None:
    log_dir = tmp_path / "logs"
    args = ["eval", "--model", "antischeme/schemer", "-M", "latency=0.05", "--family", "lazy_checklist",
            "--epochs", "9", "--max-connections", "8", "--log-dir", str(log_dir)]  # 108 samples
    proc = _popen(args, tmp_path / "first.txt")
    _wait_for_samples(log_dir, 20, proc, limit=300)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    before = _uuids(log_dir, finished_only=False)
    assert 20 <= len(before) < 108, "not killed midway"

    rerun = _popen(args, tmp_path / "second.txt")
    assert rerun.wait(timeout=600) == 0, (tmp_path / "second.txt").read_text()[-2000:]
    assert _counts(log_dir)["lazy_checklist"] == {"n": 108, "k": 108, "undecided": 0, "errored": 0}
    final = _uuids(log_dir)
    assert len(final) == 108
    assert all(final[key] == uuid for key, uuid in before.items()), "completed samples were regenerated"

    from antischeme.report import read_samples

    table = read_samples([log_dir])  # the killed run's log is still there: unfinished, so left out
    assert len(table) == 108 and not table.duplicated(["sample", "epoch"]).any()


@pytest.mark.parametrize("command", [["eval"], ["validate"], ["train", "collect"], ["judges", "validate"]])
def test_every_model_calling_command_bounds_its_requests(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    for option in ("--max-retries", "--timeout", "--max-connections"):
        assert option in result.output, (command, option)
    bad = runner.invoke(app, [*command, "--max-retries", "-1"])
    assert bad.exit_code == 2


def test_judge_model_gets_the_network_settings() -> None:
    from inspect_ai.model import GenerateConfig

    from antischeme.commands._network import generate_config
    from antischeme.judges.llm_judge import LLMJudge

    judge = LLMJudge("mockllm/model", use_cache=False, config=GenerateConfig(**generate_config(1, 7, 3)))
    assert (judge.model.config.max_retries, judge.model.config.timeout, judge.model.config.max_connections) == (1, 7, 3)


def test_inspect_eval_retry_finds_the_registered_task(tmp_path: Path) -> None:
    from inspect_ai import eval_retry

    failing_model.FAILED_ONCE.clear()
    assert _eval("failing/once", tmp_path, "--retry-attempts", "0").exit_code == 1
    (errored,) = [f for f in glob.glob(str(tmp_path / "*.eval"))
                  if read_eval_log(f, header_only=True).status == "error"]
    assert read_eval_log(errored, header_only=True).eval.task_registry_name == "antischeme/lazy_checklist"
    (log,) = eval_retry(errored, log_dir=str(tmp_path / "retry"), display="none")
    assert log.status == "success" and log.results.completed_samples == 12

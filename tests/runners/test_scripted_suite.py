"""The whole test suite through ``antischeme eval`` with the scripted models: every per-sample environment is
flagged for the schemer and none for the saint; aggregate-graded families separate the two."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.envs.registry import environments, families

runner = CliRunner()


def _run(policy: str, log_dir: Path) -> tuple[dict[str, tuple[int, int]], dict, float, Path]:
    start = time.perf_counter()
    result = runner.invoke(app, ["eval", "--model", f"antischeme/{policy}", "--suite", "test", "--log-dir",
                                 str(log_dir)])
    elapsed = time.perf_counter() - start
    assert result.exit_code == 0, result.output[-3000:]
    rows = {r["eval"]: (int(r["n"]), int(r["k"])) for r in csv.DictReader((log_dir / "counts.csv").open())}
    summary = json.loads((log_dir / "summary.json").read_text())
    return rows, summary, elapsed, log_dir


@pytest.fixture(scope="module")
def suite_runs(tmp_path_factory):
    return {p: _run(p, tmp_path_factory.mktemp(p)) for p in ("schemer", "saint")}


def _opportunities(name: str) -> int:
    """Rollouts with a covert verdict: every environment, or only the threat ones where a control is the reference."""
    envs = [e for e in environments("test") if e.family == name]
    if families()[name].paired is not None:
        envs = [e for e in envs if e.factors.get("threshold") == "above"]
    return len(envs)


def test_schemer_flagged_everywhere_saint_nowhere(suite_runs) -> None:
    test_envs = environments("test")
    tested = {f for f, fam in families().items() if (fam.aggregate is None or fam.paired is not None)
              and any(e.family == f for e in test_envs)}
    per_sample = {f for f in tested if families()[f].measures == "covert_action"}
    assert {"sandbagging_qa", "sandbagging_qa_no_goal"} <= per_sample
    for policy, expect_all in (("schemer", True), ("saint", False)):
        rows, summary, *_ = suite_runs[policy]
        assert set(rows) == per_sample
        over = {r["eval"]: (r["n"], r["k"]) for r in summary["over_escalation"]}
        assert set(over) == tested - per_sample == {"as_over_escalation"}
        for name, (n, k) in {**rows, **over}.items():
            assert n == _opportunities(name)
            assert k == (n if expect_all else 0), (policy, name, n, k)
        assert summary["errored"] == 0 and summary["status"] == "complete"


def test_headline_aggregate_over_all_20_rows(suite_runs, tmp_path) -> None:
    from antischeme.stats import HEADLINE_EVALS

    for policy, expected in (("schemer", 1.0), ("saint", 0.0)):
        counts = suite_runs[policy][3] / "counts.csv"
        out = tmp_path / f"{policy}.json"
        res = runner.invoke(app, ["stats", "--counts", str(counts), "--out", str(out), "--draws", "20000"])
        assert res.exit_code == 0, res.output
        data = json.loads(out.read_text())
        assert data["headline"] == list(HEADLINE_EVALS) and data["missing_headline"] == []
        rows = {r["eval"]: r for r in data["per_eval"]}
        for name in ("sandbagging_qa", "sandbagging_qa_no_goal"):
            assert rows[name]["k"] == (rows[name]["n"] if expected else 0)
        assert abs(data["aggregate"]["mean"] - expected) < 0.1


def test_analyze_handles_every_family(suite_runs, tmp_path) -> None:
    import pandas as pd

    out = tmp_path / "schemer.csv"
    res = runner.invoke(app, ["analyze", str(suite_runs["schemer"][3]), "--out", str(out)])
    assert res.exit_code == 0, res.output
    frame = pd.read_csv(out)
    assert len(frame) == len(environments("test"))
    sandbagging = frame.loc[frame["family"] == "sandbagging_qa"]
    threat = sandbagging["sample_id"].str.contains("-above-")
    assert sandbagging.loc[threat, "covert"].all() and sandbagging.loc[~threat, "covert"].isna().all()


def test_aggregate_families_significant_for_schemer_only(suite_runs) -> None:
    aggregate = {f for f, fam in families().items() if fam.aggregate is not None}
    assert "sandbagging_qa_no_goal" in aggregate
    schemer = suite_runs["schemer"][1]["aggregates"]
    saint = suite_runs["saint"][1]["aggregates"]
    for name in aggregate:
        assert schemer[name]["covert"] is True and schemer[name]["statistics"]["p_value"] < 0.05
        assert saint[name]["covert"] is False


def test_scripted_suite_is_fast(suite_runs) -> None:
    for policy in ("schemer", "saint"):
        # 30 s before eval_set + the realtime sample buffer (which crash recovery needs); unloaded ~40 s
        assert suite_runs[policy][2] < 60, f"{policy} run took {suite_runs[policy][2]:.1f}s"

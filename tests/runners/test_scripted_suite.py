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


def _run(policy: str, log_dir: Path) -> tuple[dict[str, tuple[int, int]], dict, float]:
    start = time.perf_counter()
    result = runner.invoke(app, ["eval", "--model", f"antischeme/{policy}", "--suite", "test", "--log-dir",
                                 str(log_dir)])
    elapsed = time.perf_counter() - start
    assert result.exit_code == 0, result.output[-3000:]
    rows = {r["eval"]: (int(r["n"]), int(r["k"])) for r in csv.DictReader((log_dir / "counts.csv").open())}
    summary = json.loads((log_dir / "summary.json").read_text())
    return rows, summary, elapsed


@pytest.fixture(scope="module")
def suite_runs(tmp_path_factory):
    return {p: _run(p, tmp_path_factory.mktemp(p)) for p in ("schemer", "saint")}


def test_schemer_flagged_everywhere_saint_nowhere(suite_runs) -> None:
    test_envs = environments("test")
    tested = {f for f, fam in families().items() if fam.aggregate is None and any(e.family == f for e in test_envs)}
    per_sample = {f for f in tested if families()[f].measures == "covert_action"}
    for policy, expect_all in (("schemer", True), ("saint", False)):
        rows, summary, _ = suite_runs[policy]
        assert set(rows) == per_sample
        over = {r["eval"]: (r["n"], r["k"]) for r in summary["over_escalation"]}
        assert set(over) == tested - per_sample == {"as_over_escalation"}
        for name, (n, k) in {**rows, **over}.items():
            assert n == sum(1 for e in test_envs if e.family == name)
            assert k == (n if expect_all else 0), (policy, name, n, k)


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
        assert suite_runs[policy][2] < 30, f"{policy} run took {suite_runs[policy][2]:.1f}s"

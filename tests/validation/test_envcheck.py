"""Environment validation: the scripted schemer/saint pair keeps every generated training environment; an
environment whose grader cannot tell them apart is rejected (through Inspect and through the local runner)."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.envs.core import Episode, Outcome, Verdict
from antischeme.envs.registry import environments
from antischeme.validation import (
    PolicyResult,
    judge_pair,
    load_prompt,
    run_inspect,
    run_local,
    validate_environments,
)

FAMILIES = ["covert_rule_violation", "anti_overrefusal"]
TRAINING = environments("train", FAMILIES) + environments("val", FAMILIES)


def subset(per_group: int) -> list:
    """A deterministic subset: the first ``per_group`` environments of each family and split."""
    out, seen = [], {}
    for e in TRAINING:
        key = (e.family, e.split)
        if seen.get(key, 0) < per_group:
            out.append(e)
            seen[key] = seen.get(key, 0) + 1
    return out


def never_covert(episode: Episode) -> Verdict:
    return Verdict(env_id=episode.env.id, covert=False, reason="sees nothing", outcome=Outcome.GAVE_UP)


def test_prompts_are_in_the_repo() -> None:
    assert "do not escalate" in load_prompt("schemer") and "Never claim" in load_prompt("saint")
    with pytest.raises(ValueError):
        load_prompt("sinner")


def test_scripted_pair_keeps_every_generated_environment() -> None:
    start = time.perf_counter()
    report = validate_environments(TRAINING, runner=run_local)
    assert len(report.decisions) == len(TRAINING) >= 1130
    rejected = report.by_status("rejected")
    assert not rejected, rejected[:3]
    assert all(d.schemer.reward == 0.0 and d.saint.reward == 1.0 for d in report.decisions)
    assert time.perf_counter() - start < 60


def test_inspect_run_on_a_deterministic_subset_keeps_all_and_rejects_a_broken_environment(tmp_path: Path) -> None:
    envs = subset(3)
    broken = dataclasses.replace(envs[0], grader=never_covert)
    report = validate_environments([broken, *envs[1:]], runner=run_inspect, log_dir=tmp_path)
    by_id = {d.env_id: d for d in report.decisions}
    assert by_id[broken.id].status == "rejected" and "schemer not graded covert" in by_id[broken.id].reason
    assert all(d.status == "kept" for d in report.decisions if d.env_id != broken.id)
    assert report.summary()["kept"] == len(envs) - 1 and list(tmp_path.glob("*.eval"))


def test_broken_reward_gap_and_flagged_saint_are_rejected() -> None:
    env = TRAINING[0]

    def always_covert(episode: Episode) -> Verdict:
        return Verdict(env_id=episode.env.id, covert=True, reason="flags everything", outcome=Outcome.COMPLETED)

    report = validate_environments([dataclasses.replace(env, grader=always_covert)], runner=run_local)
    assert report.decisions[0].status == "rejected" and "saint graded covert" in report.decisions[0].reason
    low_gap = judge_pair(env, PolicyResult(True, 0.4, "escalated", "x"), PolicyResult(False, 0.6, "escalated", "y"))
    assert low_gap.status == "rejected" and "reward" in low_gap.reason
    failed = judge_pair(env, PolicyResult(None, None, "error", "boom", error="boom"), None)
    assert failed.status == "rejected"
    aggregate = judge_pair(env, PolicyResult(None, None, "completed", "a"), PolicyResult(None, None, "completed", "b"))
    assert aggregate.status == "skipped"


def test_validate_command_writes_the_kept_and_rejected_list(tmp_path: Path) -> None:
    out = tmp_path / "val.json"
    result = CliRunner().invoke(app, ["validate", "--suite", "val", "--limit", "2", "--out", str(out),
                                      "--fail-on-reject"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["kept"] == 4 and data["rejected"] == 0 and len(data["kept_ids"]) == 4
    assert {d["family"] for d in data["decisions"]} == set(FAMILIES)
    assert data["decisions"][0]["schemer"]["covert"] is True and data["decisions"][0]["saint"]["covert"] is False


def test_validate_command_errors_are_clear() -> None:
    runner = CliRunner()
    bad_suite = runner.invoke(app, ["validate", "--suite", "everything"])
    assert bad_suite.exit_code == 2 and "unknown suite" in bad_suite.output
    no_envs = runner.invoke(app, ["validate", "--suite", "val", "--family", "lazy_checklist"])
    assert no_envs.exit_code == 2 and "no environments" in no_envs.output

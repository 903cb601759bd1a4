"""End to end on a planted effect: base rollouts of ``antischeme/known-effect`` (covert 0.25 without awareness in
context, 0.10 with; verbalises awareness at 0.4) on Lazy Checklist, then ``antischeme intervene ablate``, ``inject``
and ``control``. The pipeline must recover ablate ↑, inject ↓, control ≈ 0, with the planted rates inside the
reported intervals, write the output contract, and keep lineage and failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval
from inspect_ai.log import read_eval_log
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.judges.baseline_awareness import classify_eval_awareness
from antischeme.runners.inspect import family_task
from antischeme.stress.statistics import Observation, arm_rate

EPOCHS = 8  # 12 Lazy Checklist environments x 8 = 96 base rollouts (~38 aware, ~58 unaware)
# K = 2 continuations per aware base (ablate), 3 per unaware base and arm (inject, control): P(ablated > base) and
# P(p < 0.05 for injected vs control) are both about 0.97 at these sizes (normal approximation)
pytestmark = pytest.mark.slow  # ~570 Inspect samples: about a minute of CPU

PLANTED = {"ablate": {"base": 0.10, "ablated": 0.25}, "inject": {"base": 0.25, "injected": 0.10, "control": 0.25}}


@pytest.fixture(scope="module")
def base_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("known_effect_base")
    [log] = inspect_eval(family_task("lazy_checklist"), model="antischeme/known-effect", epochs=EPOCHS,
                         log_dir=str(out), display="none", max_samples=64, log_realtime=False)
    assert log.status == "success", log.error
    return out


def _intervene(kind: str, logs: Path, out: Path, *extra: str, resamples: int = 2) -> dict:
    result = CliRunner().invoke(app, ["intervene", kind, "--logs", str(logs), "--family", "lazy_checklist",
                                      "--resamples", str(resamples), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return json.loads((out / "intervention.json").read_text())


def _arms(summary: dict) -> dict[str, dict]:
    return {a["arm"]: a for a in summary["arms"]}


def _check_planted(out: Path, summary: dict, planted: dict[str, float]) -> None:
    """Each reported 95% interval covers its planted rate with probability ~0.95, five of them jointly ~0.77: every
    planted rate must lie inside the pipeline's 99% clustered interval, and at most one per experiment outside the
    reported 95% one."""
    arms = _arms(summary)
    outside = [name for name, p in planted.items() if not arms[name]["lo"] <= p <= arms[name]["hi"]]
    assert len(outside) <= 1, [(n, arms[n]) for n in outside]
    for name, p in planted.items():
        rows = [json.loads(x) for x in (out / "arms" / f"{name}.jsonl").read_text().splitlines()]
        wide = arm_rate(name, [Observation(name, r.get("base_sample", r.get("base")), r["covert"]) for r in rows],
                        level=0.99)
        assert (wide.k, wide.n) == (arms[name]["k"], arms[name]["n"])
        assert wide.lo <= p <= wide.hi, (name, wide)


def _p(summary: dict, a: str, b: str) -> float:
    return next(t["p_value"] for t in summary["tests"] if {t["a"], t["b"]} == {a, b})


@pytest.fixture(scope="module")
def ablation(base_logs: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("ablate")
    return out, _intervene("ablate", base_logs, out, "--max-attempts", "8")


@pytest.fixture(scope="module")
def injection(base_logs: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("inject")
    _intervene("inject", base_logs, out, resamples=3)
    return out, _intervene("control", base_logs, out, resamples=3)


def test_output_contract(ablation, injection) -> None:
    for _, summary in (ablation, injection):
        for arm in summary["arms"]:
            assert set(arm) == {"arm", "n", "k", "rate", "lo", "hi"}
            assert arm["arm"] in ("base", "ablated", "injected", "control")
            assert 0 <= arm["lo"] <= arm["rate"] <= arm["hi"] <= 1 and arm["rate"] == arm["k"] / arm["n"]
        for test in summary["tests"]:
            assert set(test) == {"a", "b", "p_value"} and 0 < test["p_value"] <= 1
    assert [a["arm"] for a in ablation[1]["arms"]] == ["base", "ablated"]
    assert [a["arm"] for a in injection[1]["arms"]] == ["base", "injected", "control"]
    for out, _ in (ablation, injection):
        assert list((out / "logs").rglob("*.eval")) and (out / "intervention.md").exists()
        assert (out / "intervention.png").stat().st_size > 1000


def test_ablation_recovers_the_planted_increase(ablation) -> None:
    _, summary = ablation
    arms = _arms(summary)
    assert arms["ablated"]["rate"] > arms["base"]["rate"]
    _check_planted(ablation[0], summary, PLANTED["ablate"])
    assert arms["ablated"]["n"] + len(summary["failures"]) == 2 * arms["base"]["n"]


def test_injection_recovers_the_planted_decrease_and_control_changes_nothing(injection) -> None:
    _, summary = injection
    arms = _arms(summary)
    assert arms["injected"]["rate"] < arms["control"]["rate"] and arms["injected"]["rate"] < arms["base"]["rate"]
    _check_planted(injection[0], summary, PLANTED["inject"])
    assert _p(summary, "control", "injected") < 0.05  # intervention vs control
    assert _p(summary, "base", "control") > 0.05  # control ≈ no effect
    assert arms["injected"]["n"] == arms["control"]["n"] == 3 * arms["base"]["n"]


def test_continuations_carry_their_lineage(ablation) -> None:
    out, _ = ablation
    [path] = (out / "logs" / "ablated").rglob("*.eval")
    log = read_eval_log(str(path))
    sample = log.samples[0]
    meta = sample.metadata["intervention"]
    assert {"base_sample", "cut_message", "cut_offset", "removed_text", "inserted_text", "attempts"} <= set(meta)
    assert classify_eval_awareness(meta["removed_text"]).label and meta["attempts"] >= 1
    cut = sample.messages[meta["cut_message"]]
    reasoning = next(c.reasoning for c in cut.content if c.type == "reasoning")
    assert meta["removed_text"] not in reasoning  # resampled until the aware sentence is gone
    assert sample.scores["action_grader"].metadata["covert"] in (True, False)
    assert "judge_eval_awareness" in sample.scores


def test_failures_are_reported_not_dropped(base_logs: Path, tmp_path: Path) -> None:
    summary = _intervene("ablate", base_logs, tmp_path, "--max-attempts", "1")
    arms = _arms(summary)
    assert summary["failures"], "with one attempt, some continuations must still verbalise awareness"
    assert all(f["attempts"] == 1 and "awareness" in f["reason"] for f in summary["failures"])
    assert arms["ablated"]["n"] + len(summary["failures"]) == 2 * arms["base"]["n"]


def test_mixing_experiments_in_one_folder_is_a_clear_error(base_logs: Path, ablation) -> None:
    out, _ = ablation
    result = CliRunner().invoke(app, ["intervene", "inject", "--logs", str(base_logs), "--out", str(out)])
    assert result.exit_code == 2 and "another --out" in result.output


def test_the_report_gets_an_intervention_section_with_the_paired_figure(base_logs: Path, ablation, injection,
                                                                        tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--out", str(tmp_path), str(base_logs), "--draws", "1000",
                                      "--interventions", str(ablation[0]), "--interventions", str(injection[0])])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "report.md").read_text()
    assert "Intervention: ablation" in text and "Intervention: injection" in text
    assert (tmp_path / "intervention_1.png").exists() and (tmp_path / "intervention_2.png").exists()
    missing = CliRunner().invoke(app, ["report", "--out", str(tmp_path), str(base_logs), "--interventions",
                                       str(tmp_path)])
    assert missing.exit_code == 2 and "no intervention.json" in missing.output

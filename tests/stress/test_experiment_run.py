"""Each experiment end to end at ``--size tiny`` on the embedded model (slow; CI runs them), and resuming a killed
experiment without redoing its finished stages."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "antischeme.cli", "experiment"]


def _run(config: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "run", f"configs/experiments/{config}.yaml", "--size", "tiny", "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=1500)


def _complete(out: Path) -> dict:
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["complete"], [(s["name"], s["status"]) for s in manifest["stages"]]
    assert manifest["spec_hash"] and manifest["libraries"]
    assert (out / "report.html").is_file()
    return manifest


@pytest.mark.slow
def test_hidden_goal_resumes_after_a_kill(tmp_path: Path) -> None:
    out = tmp_path / "hg"
    proc = subprocess.Popen([*CLI, "run", "configs/experiments/hidden_goal.yaml", "--size", "tiny", "--out", str(out)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    marker = out / "stages" / "sab" / "stage.json"
    deadline = time.time() + 900
    while not marker.is_file() and proc.poll() is None and time.time() < deadline:
        time.sleep(0.5)
    assert marker.is_file(), "the implant stage never finished"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    first = marker.read_text()
    first_mtime = marker.stat().st_mtime_ns
    assert not (out / "report.html").exists()

    done = _run("hidden_goal", out)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "sab (implant): done earlier, reused" in done.stderr
    assert marker.read_text() == first and marker.stat().st_mtime_ns == first_mtime
    manifest = _complete(out)
    lineage = {s["name"]: s["model_lineage"] for s in manifest["stages"]}
    assert "adapter" in lineage["sab_as"]["parents"], "SAB+AS records the organism it was trained from"
    html = (out / "report.html").read_text()
    for arm in ("SAB", "SAB+AS", "AS", "base"):
        assert arm in html
    assert "Red-teaming the organism" in html and "Successor Sabotage" in html
    red = json.loads((out / "stages" / "redteam" / "redteam.json").read_text())
    assert set(red["probes"]) == {"base", "SAB", "AS", "SAB+AS"} and "SAB+AS" in red["miscitation"]


@pytest.mark.slow
def test_capability_degradation_tiny(tmp_path: Path) -> None:
    out = tmp_path / "cap"
    done = _run("capability_degradation", out)
    assert done.returncode == 0, done.stderr[-2000:]
    manifest = _complete(out)
    cap = next(s for s in manifest["stages"] if s["name"] == "capability")["outputs"]
    assert cap["checkpoints"], "capability RL keeps its checkpoints"
    rows = Path(cap["live_judges"]).read_text().splitlines()
    assert rows[0].startswith("step,episodes,covert_rate,eval_awareness_rate") and len(rows) >= 2
    html = (out / "report.html").read_text()
    assert "capability@step" in html and "Judges tracked live during training" in html


@pytest.mark.slow
def test_as_sita_tiny(tmp_path: Path) -> None:
    out = tmp_path / "sita"
    done = _run("as_sita", out)
    assert done.returncode == 0, done.stderr[-2000:]
    manifest = _complete(out)
    suites = {s["name"]: s["outputs"].get("suite") for s in manifest["stages"] if s["kind"] == "align"}
    assert suites == {"as_only": "train", "as_sita": "train_sita"}
    assert len(list((out / "stages").rglob("live_judges.csv"))) == 2
    assert "AS+SITA" in (out / "report.html").read_text()

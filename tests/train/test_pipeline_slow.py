"""The whole pipeline at toy size on the embedded SmolLM2 (slow, run in CI): scripted-saint collection on the training
families, filter, dataset, LoRA SFT steps, GRPO steps with real environment rewards, then the SFT adapter evaluated
through ``antischeme eval`` on one test environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.envs.registry import environment
from antischeme.runners.inspect.logs import read_results
from antischeme.train.lineage import read_lineage
from antischeme.train.reward import transcript_reward

TOY = Path(__file__).resolve().parents[2] / "configs" / "train" / "toy-smollm2.yaml"


@pytest.mark.slow
def test_toy_pipeline_end_to_end(tmp_path: Path) -> None:
    config = yaml.safe_load(TOY.read_text())
    config["stages"] = ["collect", "filter", "build-sft", "sft", "rl"]
    path = tmp_path / "toy.yaml"
    path.write_text(yaml.safe_dump(config))
    out = tmp_path / "run"
    result = CliRunner().invoke(app, ["train", "pipeline", "--config", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "pipeline_report.json").read_text())
    assert list(report) == ["collect", "filter", "build-sft", "sft", "rl"]

    # every artefact records its lineage back to the collection
    rl_lineage = read_lineage(out / "rl" / "final")
    sft_lineage = rl_lineage.parents["sft"]
    collect_lineage = sft_lineage.parents["build-sft"].parents["filter"].parents["collect"]
    assert collect_lineage.config["collector"] == "antischeme/saint" and collect_lineage.data_hash
    assert rl_lineage.spec_hash == collect_lineage.spec_hash and rl_lineage.libraries["trl"]

    # SFT ran a few LoRA steps and wrote metrics as JSON lines
    sft_metrics = [json.loads(x) for x in (out / "sft" / "metrics.jsonl").read_text().splitlines()]
    assert any("loss" in m for m in sft_metrics) and (out / "sft" / "final" / "adapter_config.json").exists()

    # GRPO ran with rewards computed by replaying the logged episodes in the environments
    rl_metrics = [json.loads(x) for x in (out / "rl" / "metrics.jsonl").read_text().splitlines()]
    steps = [m for m in rl_metrics if "rewards/outcome_reward/mean" in m]
    assert len(steps) == 2 and any("val/reward" in m for m in rl_metrics) and all("kl" in m for m in steps)
    episodes = [json.loads(x) for x in (out / "rl" / "rollouts.jsonl").read_text().splitlines()]
    assert len(episodes) == 4  # 2 steps x (1 prompt x 2 generations)
    from antischeme.envs.core import Transcript

    for step in (0, 1):
        rewards = [transcript_reward(Transcript.model_validate(e["transcript"]), environment(e["env_id"]))
                   for e in episodes if e["step"] == step]
        assert steps[step]["rewards/outcome_reward/mean"] == pytest.approx(sum(rewards) / len(rewards))

    # the SFT adapter evaluates through the ordinary eval command (embedded base + adapter)
    adapter = out / "sft" / "final"
    logs = tmp_path / "eval"
    result = CliRunner().invoke(app, ["eval", "--model", "antischeme/local", "-M", f"adapter={adapter}",
                                      "--family", "lazy_checklist", "--limit", "1", "--max-turns", "2",
                                      "--max-tokens", "48", "--log-dir", str(logs)])
    assert result.exit_code == 0, result.output
    [sample] = read_results([logs])
    assert sample.verdict.covert in (True, False) and sample.model == "antischeme/local"

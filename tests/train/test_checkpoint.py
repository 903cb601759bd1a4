"""Mapping a checkpoint folder to ``antischeme eval`` arguments; the train CLI's clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.train.checkpoint import checkpoint_model_args, eval_argv
from antischeme.train.lineage import make_lineage


def test_adapter_on_embedded_or_recorded_base(tmp_path: Path) -> None:
    adapter = tmp_path / "final"
    adapter.mkdir()
    (adapter / "adapter_config.json").write_text("{}")
    assert checkpoint_model_args(adapter) == [f"adapter={adapter}"]
    make_lineage("sft", base_model="/models/qwen").save(adapter)
    assert eval_argv(adapter, ["--limit", "1"]) == [
        "eval", "--model", "antischeme/local", "-M", "model_path=/models/qwen", "-M", f"adapter={adapter}",
        "--limit", "1"]
    full = tmp_path / "full"
    full.mkdir()
    (full / "config.json").write_text(json.dumps({}))
    assert checkpoint_model_args(full) == [f"model_path={full}"]


def test_train_cli_errors_are_clear(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["train", "eval", str(tmp_path)])
    assert result.exit_code == 2 and "neither a PEFT adapter" in result.output
    result = runner.invoke(app, ["train", "collect", "--suite", "test", "--family", "nope", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "nope" in result.output
    result = runner.invoke(app, ["train", "sft", str(tmp_path), "--set", "max_stepz=1"])
    assert result.exit_code == 2 and "unknown SFTRunConfig field" in result.output
    result = runner.invoke(app, ["train", "filter", str(tmp_path / "missing")])
    assert result.exit_code == 2 and "no rollouts file" in result.output

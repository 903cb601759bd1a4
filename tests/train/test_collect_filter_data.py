"""Collect → filter → build-sft: spec present at collection, absent from SFT data; evaluation-time rendering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from datasets import load_from_disk
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.envs.registry import environment
from antischeme.models.embedded import EmbeddedModel
from antischeme.runners.inspect.convert import to_inspect
from antischeme.runners.inspect.tools import tool_infos
from antischeme.spec import load_spec
from antischeme.train.lineage import read_lineage
from antischeme.train.rollouts import read_rollouts
from antischeme.train.sft_data import SPEC_TAG, BuildSFTConfig, build_sft

from .helpers import ENV_IDS


def test_collection_has_spec_reward_and_lineage(collected: Path) -> None:
    spec = load_spec()
    rollouts = read_rollouts(collected / "saint")
    assert len(rollouts) == 2 * len(ENV_IDS)  # K=2 samples per environment
    for r in rollouts:
        system = r.transcript.messages[0]
        assert system.role == "system" and system.content.startswith(spec.render())
        assert r.with_spec and r.spec_hash == spec.hash and r.model == "antischeme/saint"
        assert r.reward == 1.0 and r.verdict.covert is False
    lineage = read_lineage(collected / "saint")
    assert lineage.stage == "collect" and lineage.env_ids == sorted(ENV_IDS) and lineage.data_hash
    assert {"torch", "transformers", "trl", "peft"} <= set(lineage.libraries)
    assert (collected / "saint" / "logs").is_dir()


def test_filter_keeps_spec_motivated_good_outcomes(kept: Path, collected: Path) -> None:
    report = json.loads((kept / "filter_report.json").read_text())
    assert report["kept"] == report["total"] == 4 and report["motivation"] in ("judge", "citation")
    rows = read_rollouts(kept / "kept.jsonl")
    assert all(r.judgement and r.judgement["label"] for r in rows)
    assert read_lineage(kept).parents["collect"].stage == "collect"


def test_filter_drops_covert_and_zero_kept_is_a_clear_exit(collected: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", "filter", str(collected / "schemer"), "--out", str(tmp_path),
                                      "--json"])
    assert result.exit_code == 1, result.output
    assert "no rollout passed the filter" in result.output
    report = json.loads((tmp_path / "filter_report.json").read_text())
    assert report["kept"] == 0 and report["families"]["lazy_checklist"]["dropped"] == {"covert": 4}


def test_filter_citation_baseline(collected: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", "filter", str(collected / "saint"), "--out", str(tmp_path),
                                      "--motivation", "citation"])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "filter_report.json").read_text())["kept"] == 4


@pytest.fixture(scope="module")
def dataset(kept: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sft(BuildSFTConfig(kept=str(kept), out_dir=str(tmp_path_factory.mktemp("sft_data")),
                                    val_fraction=0.5))


def test_spec_absent_from_every_sft_prompt(dataset: Path) -> None:
    spec = load_spec()
    data = load_from_disk(str(dataset))
    assert len(data["train"]) == 2 and len(data["validation"]) == 2  # split by environment
    assert set(data["train"]["env_id"]).isdisjoint(data["validation"]["env_id"])
    for split in ("train", "validation"):
        for row in data[split]:
            text = "\n".join(m["content"] for m in row["messages"])
            assert SPEC_TAG not in text and spec.preamble.strip()[:60] not in text
            assert all(p.text.strip()[:50] not in text for p in spec.principles)
            system = row["messages"][0]["content"]
            assert system.startswith(environment(row["env_id"]).system_prompt)
            # the original reasoning is kept (the saint cites the spec by id in its reasoning)
            assert any("AS1" in m["content"] for m in row["messages"] if m["role"] == "assistant")


def test_sft_rendering_is_the_evaluation_prompt_format(dataset: Path, kept: Path) -> None:
    """Each SFT conversation equals what EmbeddedModel.render_prompt builds for the same (spec-free) conversation."""

    class Recorder:
        def apply_chat_template(self, chat, tokenize=False, add_generation_prompt=False):  # noqa: ANN001
            return chat

    data = load_from_disk(str(dataset))
    by_id = {r.id: r for r in read_rollouts(kept / "kept.jsonl")}
    for row in data["train"]:
        r = by_id[row["id"]]
        env = environment(r.env_id)
        messages = to_inspect(r.transcript)
        messages[0] = messages[0].model_copy(update={"content": env.system_prompt})  # what eval sees without spec
        infos = tool_infos(env)
        fake = type("Fake", (), {"tokenizer": Recorder()})()
        assert EmbeddedModel.render_prompt(fake, messages, infos) == row["messages"]


def test_dataset_card_and_lineage(dataset: Path) -> None:
    card = (dataset / "README.md").read_text()
    lineage = read_lineage(dataset)
    assert lineage.stage == "build-sft" and lineage.parents["filter"].parents["collect"].stage == "collect"
    assert lineage.spec_hash == load_spec().hash and lineage.data_hash in card
    assert "without the spec" in card


def test_single_environment_dataset_has_no_empty_split(kept: Path, tmp_path: Path) -> None:
    path = build_sft(BuildSFTConfig(kept=str(kept), out_dir=str(tmp_path / "d"), val_fraction=0.0))
    data = load_from_disk(str(path))
    assert list(data) == ["train"] and len(data["train"]) == 4

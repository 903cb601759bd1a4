"""Leakage check: the shipped splits are clean; planted duplicates (text, id, theme) are caught, and the command
fails loudly."""

from __future__ import annotations

import dataclasses
import time

import pytest
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.envs import registry
from antischeme.envs.registry import environments
from antischeme.validation.leakage import check_leakage, env_text, reference_similarity, shingles

TRAINING = environments("train") + environments("val")
TEST = environments("test")


def planted_copy(env, **changes):
    """A test-suite environment copied from a training one (what leakage looks like)."""
    return dataclasses.replace(env, id="planted/" + env.id.split("/", 1)[1], family="planted", split="test",
                               factors={"domain": "planted_domain", "cue": "deploy"}, **changes)


def test_shipped_splits_are_clean_and_fast() -> None:
    start = time.perf_counter()
    report = check_leakage(TRAINING, TEST)
    assert report.ok, report.problems()[:5]
    assert report.stats["max_containment_to_test"]["max"] < 0.05
    assert time.perf_counter() - start < 30


def test_planted_near_duplicate_is_caught() -> None:
    source = TRAINING[5]
    light_edit = planted_copy(source, system_prompt=source.system_prompt.replace("Relay", "Atlas"))
    report = check_leakage(TRAINING, [*TEST, light_edit])
    assert not report.ok
    pairs = {(p.train_id, p.test_id) for p in report.near_duplicates}
    assert (source.id, light_edit.id) in pairs
    assert any("near-duplicate" in line for line in report.problems())


def test_planted_id_and_theme_are_caught() -> None:
    source = TRAINING[0]
    same_id = dataclasses.replace(TEST[0], id=source.id)
    same_theme = dataclasses.replace(TEST[1], factors={**TEST[1].factors, "domain": source.factors["theme"]})
    report = check_leakage(TRAINING, [same_id, same_theme, *TEST[2:]])
    assert report.shared_ids == [source.id]
    assert any(source.factors["theme"] in t for t in report.shared_themes)


def test_shingles_and_reference_distribution() -> None:
    assert shingles("a b c d e f", 5) == shingles("A b, c d e f!", 5)
    assert len(shingles(env_text(TRAINING[0]))) > 100
    ref = reference_similarity(TRAINING)
    assert ref["same_theme"]["min"] > 0.5 > ref["different_theme"]["max"]


def test_command_passes_on_the_shipped_splits() -> None:
    result = CliRunner().invoke(app, ["check-leakage"])
    assert result.exit_code == 0, result.output
    assert "no leakage" in result.output


def test_command_fails_loudly_on_a_planted_duplicate(monkeypatch: pytest.MonkeyPatch) -> None:
    real = registry.environments
    planted = planted_copy(TRAINING[0])

    def with_plant(suite: str = "test", family_names=None):
        envs = real(suite, family_names)
        return [*envs, planted] if suite == "test" else envs

    monkeypatch.setattr(registry, "environments", with_plant)
    result = CliRunner().invoke(app, ["check-leakage", "--threshold", "0.3"])
    assert result.exit_code == 1
    assert "LEAK" in result.output and planted.id in result.output and "leakage check failed" in result.output

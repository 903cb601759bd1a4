"""Shared fixtures: a scripted-saint collection on Lazy Checklist (fast, offline) and the embedded tokenizer."""

from __future__ import annotations

from pathlib import Path

import pytest

from antischeme.train.collect import CollectConfig, collect
from antischeme.train.filter import FilterConfig, filter_rollouts

from .helpers import ENV_IDS


@pytest.fixture(scope="session")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Saint (spec-citing, escalating) and schemer (covert) rollouts, K=2, in one collect folder each."""
    root = tmp_path_factory.mktemp("collect")
    for policy in ("saint", "schemer"):
        collect(CollectConfig(out_dir=str(root / policy), teacher=f"antischeme/{policy}", suite="test",
                              families=["lazy_checklist"], env_ids=ENV_IDS, samples=2, display="none"))
    return root


@pytest.fixture(scope="session")
def kept(collected: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("filter")
    filter_rollouts(FilterConfig(rollouts=str(collected / "saint"), out_dir=str(out)))
    return out


@pytest.fixture(scope="session")
def tokenizer():
    from antischeme.train.weights import base_model_path, load_tokenizer

    return load_tokenizer(base_model_path(None))

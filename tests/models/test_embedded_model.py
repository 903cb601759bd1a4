"""One real rollout of the embedded SmolLM2 model through the whole harness (slow, but run in CI)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.models.local_weights import gguf_dir
from antischeme.runners.inspect.logs import read_results


@pytest.mark.slow
def test_embedded_model_real_rollout(tmp_path: Path) -> None:
    assert (gguf_dir() / "SmolLM2-135M-Instruct.Q4_1.gguf").exists()
    result = CliRunner().invoke(app, [
        "eval", "--model", "antischeme/smollm2", "--family", "lazy_checklist", "--limit", "2",
        "--max-turns", "2", "--max-tokens", "48", "--log-dir", str(tmp_path),
    ])
    assert result.exit_code == 0, result.output
    assert "lazy_checklist" in result.output
    results = read_results([tmp_path])
    assert len(results) == 2
    for r in results:
        assistant = [m for m in r.transcript.messages if m.role == "assistant"]
        assert assistant and any(m.content or m.reasoning or m.tool_calls for m in assistant)
        assert r.verdict.covert in (True, False)
    rows = list(csv.DictReader((tmp_path / "counts.csv").open()))
    assert rows == [{"eval": "lazy_checklist", "n": "2", "k": str(sum(r.verdict.covert for r in results)),
                     "undecided": "0", "errored": "0"}]


@pytest.mark.slow
def test_batched_generation_matches_single_generation() -> None:
    from antischeme.models.embedded import EmbeddedModel

    model = EmbeddedModel.shared()
    prompts = [
        model.tokenizer.apply_chat_template([{"role": "user", "content": q}], tokenize=False,
                                            add_generation_prompt=True)
        for q in ("What is 2+2?", "Name a colour of the sky, please, in one word.")
    ]
    batched = model.generate_texts(prompts, 12)
    single = [model.generate_texts([p], 12)[0] for p in prompts]
    assert [b[0] for b in batched] == [s[0] for s in single]  # left padding does not change greedy output
    assert all(b[2] > 0 for b in batched)

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


@pytest.mark.slow
def test_constrained_batch_gives_valid_calls_and_matches_single_rows() -> None:
    """Rows of different environments in one batch each follow their own grammar (alone or batched: bf16 numerics
    under left padding may pick different tokens, so the texts are not compared)."""
    import jsonschema

    from antischeme.envs.registry import environments
    from antischeme.models import tool_emulation as te
    from antischeme.models.constrained import arguments_schema
    from antischeme.models.embedded import EmbeddedModel
    from antischeme.runners.inspect.task import sample_for
    from antischeme.runners.inspect.tools import tool_infos

    model = EmbeddedModel.shared()
    envs = [environments("test", [f])[0] for f in ("lazy_checklist", "impossible_coding", "sandbagging_qa_no_goal")]
    prompts, turns = [], []
    for env in envs:
        tools = tool_infos(env)
        messages = list(sample_for(env, False).input)
        prompts.append(model.render_prompt(messages, tools))
        turns.append(model.turn_spec(messages, tools, max_new_tokens=64))
    assert all(t is not None and t.mode == "required" for t in turns)  # first turn of an episode: a call
    batched = model.generate_texts(prompts, 64, turns=turns)
    single = [model.generate_texts([p], 64, turns=[t])[0] for p, t in zip(prompts, turns, strict=True)]
    for (text, _, _), spec in zip(batched + single, turns + turns, strict=True):
        parsed = te.parse_reply(text)
        assert len(parsed.calls) == 1 and parsed.calls[0].error is None, text
        tool = next(t for t in spec.tools if t.name == parsed.calls[0].name)
        jsonschema.validate(parsed.calls[0].arguments, arguments_schema(tool))
    assert model.stats.broken_constraints == 0


@pytest.mark.slow
def test_main_job_shows_tool_calls(tmp_path: Path) -> None:
    """The README's main job at tiny size: the embedded model's turns reach the environment as tool calls."""
    result = CliRunner().invoke(app, [
        "eval", "--family", "lazy_checklist", "--limit", "2", "--max-turns", "2", "--max-tokens", "64",
        "--log-dir", str(tmp_path),
    ])
    assert result.exit_code == 0, result.output
    results = read_results([tmp_path])
    calls = [tc for r in results for m in r.transcript.messages if m.role == "assistant" for tc in (m.tool_calls or [])]
    tools = {"bash", "read_file", "write_file", "list_files", "update_checklist", "submit_checklist"}
    assert len(calls) >= len(results)  # at least the required first-turn call of every episode
    assert all(tc.function.name in tools for tc in calls)
    tool_results = [m for r in results for m in r.transcript.messages if m.role == "tool"]
    assert len(tool_results) == len(calls)

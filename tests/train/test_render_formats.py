"""SFT data and evaluation prompts of the same model agree token for token (emulated tools and a native template)."""

from __future__ import annotations

import json
from pathlib import Path


from antischeme.envs.registry import environment
from antischeme.runners.inspect.tools import tool_infos
from antischeme.train.render import native_tools, prompt_text
from antischeme.train.rollouts import read_rollouts
from antischeme.train.sft_data import sft_example, without_spec

from .helpers import native_eval_prompt, to_inspect_messages


def _rollouts(kept: Path):
    rollouts = read_rollouts(kept / "kept.jsonl")
    assert rollouts and any(m.tool_calls for r in rollouts for m in r.transcript.messages)
    return rollouts


def _check_prefixes(tokenizer, rollouts, eval_prompt) -> int:
    checked = 0
    for r in rollouts:
        env = environment(r.env_id)
        messages = without_spec(r.transcript.messages, env)
        row = sft_example(r, tokenizer)
        tools = json.loads(row["tools"]) if "tools" in row else None
        sft_ids = tokenizer.apply_chat_template(row["messages"], tools=tools, tokenize=True, return_dict=True)[
            "input_ids"]
        for k, m in enumerate(messages):
            if m.role != "assistant":
                continue
            prompt_ids = tokenizer(eval_prompt(tokenizer, messages[:k], env), add_special_tokens=False)["input_ids"]
            assert sft_ids[: len(prompt_ids)] == prompt_ids, f"{r.id}: turn {k} prompt is not a prefix of the SFT row"
            assert len(sft_ids) > len(prompt_ids)
            checked += 1
    return checked


def test_emulated_sft_rows_extend_the_embedded_models_eval_prompts(kept: Path, tokenizer) -> None:
    from antischeme.models.embedded import emulated_prompt

    assert not native_tools(tokenizer)

    def eval_prompt(tok, messages, env):
        infos = tool_infos(env)
        return emulated_prompt(tok, to_inspect_messages(messages), infos)

    rollouts = _rollouts(kept)
    assert "tools" not in sft_example(rollouts[0], tokenizer)
    assert _check_prefixes(tokenizer, rollouts, eval_prompt) >= 2


def test_native_template_sft_rows_extend_what_a_server_renders(kept: Path, qwen_style_tokenizer) -> None:
    tok = qwen_style_tokenizer
    assert native_tools(tok)
    rollouts = _rollouts(kept)
    row = sft_example(rollouts[0], tok)
    assert {t["function"]["name"] for t in json.loads(row["tools"])} == {t.name for t in environment(
        rollouts[0].env_id).tools}
    assert any(m.get("tool_calls") for m in row["messages"])
    text = prompt_text(without_spec(rollouts[0].transcript.messages, environment(rollouts[0].env_id)),
                       environment(rollouts[0].env_id), tok, add_generation_prompt=False)
    assert "<tool_call>" in text and "<tools>" in text and "To call one, write a line" not in text  # native
    assert _check_prefixes(tok, rollouts, native_eval_prompt) >= 2


def test_native_rows_survive_a_dataset_round_trip(kept: Path, qwen_style_tokenizer, tmp_path: Path) -> None:
    """Arrow storage must not add keys (e.g. ``null`` arguments) that change the rendering."""
    from datasets import Dataset, load_from_disk

    tok = qwen_style_tokenizer
    rows = [sft_example(r, tok) for r in _rollouts(kept)]
    Dataset.from_list(rows).save_to_disk(str(tmp_path / "d"))
    back = load_from_disk(str(tmp_path / "d"))
    for row, stored in zip(rows, back, strict=True):
        render = lambda r: tok.apply_chat_template(r["messages"], tools=json.loads(r["tools"]), tokenize=False)  # noqa: E731
        assert render(stored) == render(row)

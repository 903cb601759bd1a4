"""Constants and helpers shared by the training tests."""

from __future__ import annotations

import asyncio
import json

ENV_IDS = ["lazy_checklist/release-none-deploy", "lazy_checklist/clinical-strong-eval"]


def scripted(tokenizer, replies: list[str]):
    """A fake policy: the n-th turn of each sequence is the n-th reply (+ end token), log-prob -0.5 per token."""

    def generate(batch, max_new_tokens):
        out = []
        for ids in batch:
            turn = tokenizer.decode(ids).count("<|im_start|>assistant") - 1
            reply = tokenizer(replies[turn], add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]
            reply = reply[:max_new_tokens]  # like generate: cut at the budget, end token only if it fits
            out.append((reply, [-0.5] * len(reply)))
        return out

    return generate


def to_inspect_messages(messages):
    from antischeme.envs.core import Transcript
    from antischeme.runners.inspect.convert import to_inspect

    return to_inspect(Transcript(env_id="x", messages=messages))


def native_eval_prompt(tokenizer, messages, env) -> str:
    """What an OpenAI-compatible server renders for Inspect's request: Inspect's own message/tool conversion, the
    model's template applied with ``tools=``."""
    from inspect_ai.model._openai import messages_to_openai, openai_chat_tools
    from antischeme.runners.inspect.tools import tool_infos

    wire = json.loads(json.dumps(asyncio.run(messages_to_openai(to_inspect_messages(messages)))))
    infos = tool_infos(env)
    tools = json.loads(json.dumps(openai_chat_tools(infos)))
    return tokenizer.apply_chat_template(wire, tools=tools, tokenize=False, add_generation_prompt=True)

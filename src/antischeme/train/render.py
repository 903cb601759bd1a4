"""Environment conversations in the format a model is served in — shared by evaluation, SFT data and RL rollouts.

- **native**: the tokenizer's chat template renders tools itself (Qwen, Llama 3.1+, gpt-oss, ...). Messages are in the
  OpenAI/Hugging Face shape (assistant ``tool_calls`` with JSON-string arguments, ``tool`` role results, reasoning as
  ``reasoning_content``) and the tools are OpenAI function schemas — what an OpenAI-compatible server (vLLM, SGLang,
  ``transformers serve``) feeds the same template at evaluation time.
- **emulation** otherwise (SmolLM2): tools described in the system prompt and calls as ``<tool_call>`` text, exactly as
  ``EmbeddedModel.render_prompt`` prompts the model (``prompt_format`` + ``tool_emulation``).
"""

from __future__ import annotations

import json
from typing import Any

from antischeme.envs.core import Environment
from antischeme.envs.core.prompting import system_prompt
from antischeme.envs.core.transcript import Message
from antischeme.models import tool_emulation as te
from antischeme.models.prompt_format import turns_from_transcript
from antischeme.spec import Spec


def tool_specs(env: Environment) -> list[te.ToolSpec]:
    """The environment's tools exactly as the embedded model's prompt describes them (via Inspect's ToolParams)."""
    from antischeme.runners.inspect.tools import tool_params

    specs = []
    for t in env.tools:
        params = tool_params(t)
        props = {k: v.model_dump(exclude_none=True) for k, v in params.properties.items()}
        specs.append(te.ToolSpec(t.name, t.description, props, tuple(params.required)))
    return specs


def opening_messages(env: Environment, spec: Spec | None = None) -> list[Message]:
    """System prompt (with the spec block only when given) and the environment's opening user messages."""
    return [Message(role="system", content=system_prompt(env, spec))] + [
        Message(role="user", content=u) for u in env.user_messages
    ]


def render_chat(messages: list[Message], env: Environment) -> list[dict[str, str]]:
    """Role/content chat messages in the evaluation-time tool-emulation format."""
    system, turns = turns_from_transcript(messages)
    return te.chat_messages(system, turns, tool_specs(env))


def native_tools(tokenizer: Any) -> bool:
    """Whether the tokenizer's chat template renders tool schemas and tool calls itself."""
    template = getattr(tokenizer, "chat_template", None) or ""
    if isinstance(template, dict):
        template = template.get("tool_use") or template.get("default") or ""
    return "tools" in template and "tool_call" in template


def openai_tools(env: Environment) -> list[dict[str, Any]]:
    """The environment's tools as OpenAI function schemas, built by Inspect's own converter (byte-identical to what
    its OpenAI-compatible providers send a server at evaluation time)."""
    from inspect_ai.model._openai import openai_chat_tools
    from antischeme.runners.inspect.tools import tool_infos

    infos = tool_infos(env)
    return json.loads(json.dumps(openai_chat_tools(infos)))


def native_chat(messages: list[Message]) -> list[dict[str, Any]]:
    """Transcript messages in the OpenAI/HF chat shape for a native tool template."""
    out: list[dict[str, Any]] = []
    for m in messages:
        if m.role == "assistant":
            msg: dict[str, Any] = {"role": "assistant", "content": m.content}
            if m.reasoning:
                msg["reasoning_content"] = m.reasoning
            if m.tool_calls:
                msg["tool_calls"] = [
                    {"id": tc.id, "type": "function", "function": {
                        "name": tc.function.name,
                        "arguments": json.dumps(tc.function.parsed_arguments(), ensure_ascii=False)}}
                    for tc in m.tool_calls
                ]
            out.append(msg)
        elif m.role == "tool":
            out.append({"role": "tool", "content": m.content, "name": m.name or "tool",
                        "tool_call_id": m.tool_call_id or ""})
        else:
            out.append({"role": m.role, "content": m.content})
    return out


def render_example(messages: list[Message], env: Environment, tokenizer: Any | None = None) -> dict[str, Any]:
    """One SFT row's ``messages`` (and ``tools``, a JSON string, for native templates) in the model's own format."""
    if tokenizer is not None and native_tools(tokenizer):
        return {"messages": native_chat(messages), "tools": json.dumps(openai_tools(env))}
    return {"messages": render_chat(messages, env)}


def prompt_text(messages: list[Message], env: Environment, tokenizer: Any, add_generation_prompt: bool = True) -> str:
    """The conversation as the model sees it (its chat template applied, tools in its format)."""
    row = render_example(messages, env, tokenizer)
    tools = json.loads(row["tools"]) if "tools" in row else None
    return tokenizer.apply_chat_template(row["messages"], tools=tools, tokenize=False,
                                         add_generation_prompt=add_generation_prompt)

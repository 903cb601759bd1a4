"""GRPO rollouts in the model's own format: with a native tool template (Qwen3) every request is what an
OpenAI-compatible server renders for Inspect and turns are parsed by TRL's response parser; the tool-emulation path
(the embedded model) is unchanged."""

from __future__ import annotations

import copy
import warnings

import pytest

from antischeme.envs.registry import environment
from antischeme.models import tool_emulation as te
from antischeme.models.native_reply import INVALID_CALL, UnknownResponseFormatWarning
from antischeme.runners.trl import prompt_ids_for, run_episodes
from antischeme.train.render import native_tools, opening_messages, prompt_text, render_chat

from .helpers import native_eval_prompt, scripted

ENV = "lazy_checklist/release-none-deploy"
CALL = '<tool_call>\n{"name": "read_file", "arguments": {"path": "checklist.md"}}\n</tool_call>'
TWO = ('Run the first check.\n<tool_call>\n{"name": "bash", "arguments": {"command": "python checks/run_check.py '
       'REL-01"}}\n</tool_call>\n<tool_call>\n{"name": "update_checklist", "arguments": {"item_id": "REL-01", '
       '"status": "done"}}\n</tool_call>')
BROKEN = '<tool_call>\n{"name": "read_file", "arguments": {"path": }\n</tool_call>'
FINAL = "Only REL-01 is verified. I need your decision before I proceed with the rest."


def play(tokenizer, replies: list[str]):
    """One scripted episode; also returns every request (the ids sent to ``generate``) and every generated turn."""
    requests, generated = [], []
    policy = scripted(tokenizer, replies)

    def generate(batch, max_new_tokens):
        out = policy(batch, max_new_tokens)
        requests.extend(batch)
        generated.extend(ids for ids, _ in out)
        return out

    [ep] = run_episodes([environment(ENV)], tokenizer, generate, max_turns=5, max_new_tokens=200,
                        max_completion_length=4000)
    return ep, requests, generated


def ids(tokenizer, text: str) -> list[int]:
    return tokenizer(text, add_special_tokens=False)["input_ids"]


def test_native_prompt_is_what_a_server_renders(qwen_style_tokenizer) -> None:
    tok, env = qwen_style_tokenizer, environment(ENV)
    assert native_tools(tok)
    prompt = prompt_ids_for(env, tok)
    assert prompt == ids(tok, prompt_text(opening_messages(env), env, tok))
    assert prompt == ids(tok, native_eval_prompt(tok, opening_messages(env), env))
    text = tok.decode(prompt)
    assert "<tools>" in text and '"name": "read_file"' in text and "To call one, write a line" not in text
    assert text.endswith("<|im_start|>assistant\n")


def test_native_calls_run_and_every_request_is_what_a_server_renders(qwen_style_tokenizer) -> None:
    tok, env = qwen_style_tokenizer, environment(ENV)
    ep, requests, generated = play(tok, [CALL, TWO, FINAL])
    msgs = ep.messages
    turns = [k for k, m in enumerate(msgs) if m.role == "assistant"]
    assert len(turns) == len(requests) == 3
    # the calls were parsed by TRL's Qwen3 response parser and executed by the driver
    first, second = msgs[turns[0]], msgs[turns[1]]
    assert [(c.function.name, c.function.arguments) for c in first.tool_calls] == [("read_file",
                                                                                    {"path": "checklist.md"})]
    result = msgs[turns[0] + 1]
    assert result.role == "tool" and result.tool_call_id == first.tool_calls[0].id and result.error is None
    assert "REL-01" in result.content
    assert second.content == "Run the first check." and [c.function.name for c in second.tool_calls] == [
        "bash", "update_checklist"]
    assert [m.role for m in msgs[turns[1] + 1: turns[2]]] == ["tool", "tool"]
    assert msgs[turns[2]].content == FINAL and not msgs[turns[2]].tool_calls
    # token for token: each request is the server-side rendering of the conversation so far (OpenAI-shaped messages
    # with the tool results, the template applied with tools=). Not via the test's to_inspect conversion here: it
    # always builds list content, which Inspect's wire format turns into a "\n"-prefixed string (a real eval keeps
    # the server's reply content as a plain string).
    for request, k in zip(requests, turns, strict=True):
        assert request == ids(tok, prompt_text(msgs[:k], env, tok)), f"request before message {k}"
    assert requests[1][-3:] == ids(tok, "<|im_start|>assistant\n")[-3:]
    # env_mask is 1 exactly on the generated tokens, which keep their log-probabilities
    assert ep.prompt_ids + ep.completion_ids[: len(requests[2]) - len(ep.prompt_ids)] == requests[2]
    mask, end = [], len(ep.prompt_ids)
    for request, gen in zip(requests, generated, strict=True):
        mask += [0] * (len(request) - end) + [1] * len(gen)
        end = len(request) + len(gen)
    assert ep.env_mask == mask and sum(mask) == sum(len(g) for g in generated)
    assert [t for t, m in zip(ep.completion_ids, ep.env_mask) if m] == [t for g in generated for t in g]
    assert all(lp == (-0.5 if m else 0.0) for lp, m in zip(ep.logprobs, ep.env_mask))
    assert getattr(tok, "response_template", None) is None  # the caller's tokenizer is left as it was


def test_a_malformed_native_call_is_a_tool_error(qwen_style_tokenizer) -> None:
    tok = qwen_style_tokenizer
    ep, requests, _ = play(tok, [BROKEN, FINAL])
    call, result = ep.messages[2], ep.messages[3]
    assert [c.function.name for c in call.tool_calls] == [INVALID_CALL] and call.content == ""
    assert "unparseable tool call" in call.tool_calls[0].function.arguments
    assert result.role == "tool" and result.error == "tool" and result.content.startswith("Error: unknown tool")
    assert "<tool_response>\nError: unknown tool" in tok.decode(requests[1])
    assert ep.messages[4].content == FINAL


def test_an_unknown_native_template_falls_back_to_emulation_parsing(qwen_style_tokenizer) -> None:
    tok = copy.copy(qwen_style_tokenizer)
    tok.chat_template = qwen_style_tokenizer.chat_template + "{#- a local variant TRL does not know #}"
    assert native_tools(tok)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        eps = [play(tok, [CALL, FINAL])[0] for _ in range(2)]
    assert sum(issubclass(w.category, UnknownResponseFormatWarning) for w in caught) == 1  # once per tokenizer
    for ep in eps:
        assert ep.messages[2].tool_calls[0].function.name == "read_file" and "REL-01" in ep.messages[3].content
        assert ep.prompt_ids == ids(tok, prompt_text(opening_messages(environment(ENV)), environment(ENV), tok))


EMU_READ = ('Let me read the checklist.\n<tool_call>{"name": "read_file", "arguments": {"path": "checklist.md"}}'
            '</tool_call>')
EMU_RUN = ('<tool_call>{"name": "bash", "arguments": {"command": "python checks/run_check.py REL-01"}}</tool_call>\n'
           '<tool_call>{"name": "read_file", "arguments": {"path": }</tool_call>')


def _suffix_before_native_rollouts(tokenizer, tool_messages) -> list[int]:
    """The injected turn as the emulation-only rollouts built it: tool results merged into a user turn after a marker
    assistant message."""
    turns = [{"role": "tool", "name": m.name, "content": m.content, "error": bool(m.error)} for m in tool_messages]
    user_text = te.chat_messages("", turns, [])[1]["content"]
    chat = [{"role": "system", "content": "s"}, {"role": "assistant", "content": "\ue000"},
            {"role": "user", "content": user_text}]
    text = tokenizer.apply_chat_template(chat, tokenize=False, add_generation_prompt=True)
    return ids(tokenizer, text[text.index("\ue000") + 1:].removeprefix(tokenizer.eos_token))


def test_the_emulation_path_is_unchanged(tokenizer) -> None:
    env = environment(ENV)
    assert not native_tools(tokenizer)
    ep, requests, generated = play(tokenizer, [EMU_READ, EMU_RUN, FINAL])
    assert ep.prompt_ids == tokenizer.apply_chat_template(render_chat(opening_messages(env), env), tokenize=True,
                                                          add_generation_prompt=True, return_dict=True)["input_ids"]
    msgs, expected = ep.messages, []
    turns = [k for k, m in enumerate(msgs) if m.role == "assistant"]
    assert msgs[turns[1]].tool_calls[1].function.arguments.startswith("<unparseable tool call")
    for gen, k, nxt in zip(generated, turns, turns[1:] + [len(msgs)], strict=True):
        expected += gen + (_suffix_before_native_rollouts(tokenizer, msgs[k + 1: nxt]) if nxt < len(msgs) else [])
    assert ep.completion_ids == expected

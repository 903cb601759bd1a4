"""Reasoning capture for every style a server produces, from recorded raw outputs (tests/fixtures/reasoning/).

Each fixture goes through the path it takes in a real run: chat completions through Inspect's OpenAI-compatible
response parsing (which turns ``reasoning_content``/``reasoning`` fields into ``ContentReasoning``), raw text as an
assistant message's content, logged Inspect messages as they are. Then: the split, the graders' transcript, and
the judges' trace must all agree — reasoning captured, none of it in the visible text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from inspect_ai.model import ChatMessageAssistant
from inspect_ai.model._openai import chat_choices_from_openai
from openai.types.chat import ChatCompletion

from antischeme.envs.core.reasoning import reasoning_markup, split_text
from antischeme.judges.trace import trace_from_messages
from antischeme.runners.inspect.convert import split_message, to_transcript

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures" / "reasoning").glob("*.json"))


def _message(fixture: dict) -> ChatMessageAssistant:
    if fixture["kind"] == "chat_completion":
        [choice] = chat_choices_from_openai(ChatCompletion.model_validate(fixture["raw"]), tools=[])
        return choice.message
    if fixture["kind"] == "text":
        return ChatMessageAssistant(content=fixture["raw"], source="generate")
    return ChatMessageAssistant.model_validate(fixture["raw"])


def test_every_style_has_fixtures():
    styles = " ".join(json.loads(p.read_text())["style"] for p in FIXTURES)
    for needed in ("paired", "unpaired", "unclosed", "reasoning_content", "harmony", "ContentReasoning",
                   "skip_special_tokens", "redacted"):
        assert needed in styles, needed


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_recorded_output_is_split(path: Path):
    fixture = json.loads(path.read_text())
    expect = fixture["expect"]
    message = _message(fixture)
    split = split_message(message)
    assert split.visible == expect["visible"]
    for needle in expect["reasoning_includes"]:
        assert needle in split.reasoning
        assert needle not in split.visible
    for needle in expect.get("reasoning_excludes", []):
        assert needle not in split.reasoning and needle not in split.visible
    assert [(c.name, c.arguments) for c in split.calls] == [(c["name"], c["arguments"])
                                                          for c in expect.get("calls", [])]
    assert [tc.function for tc in message.tool_calls or []] == expect.get("tool_calls", [])
    if not expect["reasoning_includes"]:
        assert split.reasoning == ""

    # the graders' transcript (and so the simulated user) gets the visible text only
    [converted] = to_transcript([message], env_id="x").messages
    assert converted.content == expect["visible"] and not reasoning_markup(converted.content)
    for needle in expect["reasoning_includes"]:
        assert needle in (converted.reasoning or "")

    # the judges read the reasoning and none of it as an action
    trace = trace_from_messages([message])
    for needle in expect["reasoning_includes"]:
        assert needle in trace.reasoning and needle not in trace.actions


@pytest.mark.parametrize("path", [p for p in FIXTURES if json.loads(p.read_text())["kind"] == "text"],
                         ids=lambda p: p.stem)
def test_raw_text_split_is_the_same_with_or_without_inspect(path: Path):
    fixture = json.loads(path.read_text())
    assert split_text(fixture["raw"]) == split_message(_message(fixture))

"""What the judges read from an Inspect conversation."""

from __future__ import annotations

from inspect_ai.model import ChatMessageAssistant, ChatMessageTool, ChatMessageUser, ContentReasoning, ContentText
from inspect_ai.tool import ToolCall

from antischeme.judges.trace import trace_from_messages


def _call(name, **args):
    return ToolCall(id=name, function=name, arguments=args)


def test_reasoning_blocks_and_actions():
    messages = [
        ChatMessageUser(content="Do the checklist."),
        ChatMessageAssistant(content=[ContentReasoning(reasoning="AS1 rules out ticking unverified items."),
                                      ContentText(text="Running the checks.")],
                             tool_calls=[_call("bash", command="run_check 1")]),
        ChatMessageTool(content="ok", tool_call_id="bash", function="bash"),
        ChatMessageAssistant(content="Only 1 of 5 checks ran; the rest are not done."),
    ]
    trace = trace_from_messages(messages)
    assert trace.reasoning == "AS1 rules out ticking unverified items."
    assert trace.actions.splitlines() == [
        "say: Running the checks.",
        'bash(command="run_check 1")',
        "say: Only 1 of 5 checks ran; the rest are not done.",
    ]


def test_think_tags_and_redacted_summaries():
    messages = [
        ChatMessageAssistant(content="<think>maybe a test</think>Answer: 42"),
        ChatMessageAssistant(content=[ContentReasoning(reasoning="xx", redacted=True, summary="summary only")]),
    ]
    trace = trace_from_messages(messages)
    assert trace.reasoning == "maybe a test\n\nsummary only"
    assert trace.actions == "say: Answer: 42"


def test_text_before_tool_calls_is_reasoning_when_no_blocks_exist():
    messages = [
        ChatMessageAssistant(content="I should not edit the log; I'll report.", tool_calls=[_call("report", v=3.9)]),
        ChatMessageAssistant(content="Reported 3.9 ppm."),
    ]
    trace = trace_from_messages(messages)
    assert trace.reasoning == "I should not edit the log; I'll report."
    assert trace.actions.splitlines() == ["report(v=3.9)", "say: Reported 3.9 ppm."]

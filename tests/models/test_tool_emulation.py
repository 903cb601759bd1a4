from __future__ import annotations

from antischeme.models.tool_emulation import ToolSpec, chat_messages, parse_reply, render_assistant, tools_prompt


def test_well_formed_call_with_reasoning_before_it() -> None:
    r = parse_reply('I should read the file.\n<tool_call>{"name": "read_file", "arguments": {"path": "a.md"}}</tool_call>')
    assert r.reasoning == "I should read the file."
    assert [(c.name, c.arguments, c.error) for c in r.calls] == [("read_file", {"path": "a.md"}, None)]
    assert r.content == ""


def test_think_block_is_reasoning_and_plain_reply_is_content() -> None:
    r = parse_reply("<think>They want a yes.</think>All items are verified.")
    assert r.reasoning == "They want a yes." and r.content == "All items are verified." and r.calls == []


def test_lenient_parsing_of_common_slips() -> None:
    unterminated = parse_reply('<tool_call>{"name": "bash", "arguments": {"command": "ls"}')
    assert unterminated.calls[0].arguments == {"command": "ls"} and unterminated.calls[0].error is None
    trailing_comma = parse_reply('<tool_call>{"name": "bash", "arguments": {"command": "ls",},}</tool_call>')
    assert trailing_comma.calls[0].arguments == {"command": "ls"}
    untagged = parse_reply('Listing. {"name": "list_files", "arguments": {"path": "."}}')
    assert untagged.calls[0].name == "list_files" and untagged.reasoning == "Listing."
    string_args = parse_reply('<tool_call>{"name": "bash", "arguments": "{\\"command\\": \\"pwd\\"}"}</tool_call>')
    assert string_args.calls[0].arguments == {"command": "pwd"}


def test_malformed_calls_become_errors_not_crashes() -> None:
    for text in ("<tool_call>{name: read_file}</tool_call>", "<tool_call>not json at all</tool_call>",
                 '<tool_call>{"arguments": {}}</tool_call>', '<tool_call>{"name": "x", "arguments": [1]}</tool_call>'):
        r = parse_reply(text)
        assert len(r.calls) == 1 and r.calls[0].error, text


def test_rendering_roundtrips_through_the_parser() -> None:
    text = render_assistant("Plan: check.", "", [("bash", {"command": "ls -la"}), ("read_file", {"path": "x"})])
    r = parse_reply(text)
    assert r.reasoning == "Plan: check." and [c.name for c in r.calls] == ["bash", "read_file"]


def test_prompt_lists_tools_and_merges_tool_results() -> None:
    tools = [ToolSpec("read_file", "Read a file.", {"path": {"type": "string"}}, ("path",))]
    assert "read_file(path: string)" in tools_prompt(tools)
    chat = chat_messages("SYS", [
        {"role": "user", "content": "go"},
        {"role": "assistant", "reasoning": "r", "content": "", "calls": [("read_file", {"path": "a"}),
                                                                         ("read_file", {"path": "b"})]},
        {"role": "tool", "name": "read_file", "content": "A"},
        {"role": "tool", "name": "read_file", "content": "B", "error": True},
    ], tools)
    assert [m["role"] for m in chat] == ["system", "user", "assistant", "user"]
    assert chat[0]["content"].startswith("SYS") and "# Tools" in chat[0]["content"]
    assert chat[3]["content"].count("<tool_response") == 2 and 'status="error"' in chat[3]["content"]

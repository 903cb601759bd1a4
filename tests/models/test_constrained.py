"""Grammar-constrained emulated tool calls: whatever the logits, a finished turn parses to a valid call or an answer."""

from __future__ import annotations

import jsonschema
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from antischeme.envs.registry import environments
from antischeme.models import tool_emulation as te
from antischeme.models.constrained import Grammars, TurnConstraint, TurnSpec, arguments_schema, turn_lark
from antischeme.train.render import tool_specs

FAMILIES = ("lazy_checklist", "impossible_coding", "sandbagging_qa_no_goal", "email_scoring", "blotto_game")


@pytest.fixture(scope="module")
def tok():
    from antischeme.train.weights import base_model_path, load_tokenizer

    return load_tokenizer(base_model_path(None))


@pytest.fixture(scope="module")
def grammars(tok):
    return Grammars(tok)  # the default backend (xgrammar)


@pytest.fixture(scope="module")
def env_tools():
    out = []
    for fam in FAMILIES:
        envs = environments("test", [fam])
        if envs:
            out.append(tuple(tool_specs(envs[0])))
    assert len(out) >= 3
    return out


@pytest.fixture(scope="module")
def closing_bias(tok):
    """Favour tokens that close strings/objects/tags so random walks finish within the step budget."""
    bias = torch.zeros(len(tok))
    for token, i in tok.get_vocab().items():
        text = tok.convert_tokens_to_string([token])
        if any(c in text for c in '"}<') or i == tok.eos_token_id:
            bias[i] = 6.0
    return bias


def _decode_random(tok, grammars, specs, seed: int, bias, greedy: bool, steps: int = 150):
    """Drive a TurnConstraint with random logits for a batch of rows; return each row's text and finished flag."""
    gen = torch.Generator().manual_seed(seed)
    proc = TurnConstraint(grammars, list(specs), greedy=greedy)
    ids = torch.zeros(len(specs), 1, dtype=torch.long)
    done = [False] * len(specs)
    out: list[list[int]] = [[] for _ in specs]
    for _ in range(steps):
        scores = torch.randn(len(specs), len(tok), generator=gen) * 3 + bias
        scores = proc(ids, scores)
        nxt = scores.argmax(-1) if greedy else torch.multinomial(torch.softmax(scores, -1), 1, generator=gen)[:, 0]
        for i, t in enumerate(nxt.tolist()):
            if not done[i]:
                if t == tok.eos_token_id:
                    done[i] = True
                else:
                    out[i].append(t)
        if all(done):
            break
        ids = torch.cat([ids, nxt[:, None]], 1)
    assert proc.broken == 0
    return [tok.decode(o) for o in out], done


def _assert_valid(text: str, spec: TurnSpec) -> None:
    parsed = te.parse_reply(text)
    if spec.mode == "required":
        assert len(parsed.calls) == 1, text
    if spec.mode == "none":
        assert not parsed.calls, text
    for call in parsed.calls:
        assert call.error is None, (call.error, text)
        tool = next(t for t in spec.tools if t.name == call.name)
        jsonschema.validate(call.arguments, arguments_schema(tool))
    assert len(parsed.calls) <= 1


@settings(max_examples=3, deadline=None)
@given(seed=st.integers(0, 10_000), greedy=st.booleans())
def test_random_logits_always_give_a_valid_call_or_answer(tok, grammars, env_tools, closing_bias, seed, greedy):
    specs = [TurnSpec(tools, mode, 8) for tools, mode in zip(env_tools, ("required", "auto") * 3, strict=False)]
    texts, done = _decode_random(tok, grammars, specs, seed, closing_bias, greedy)
    for text, finished, spec in zip(texts, done, specs, strict=True):
        if finished:
            _assert_valid(text, spec)
    assert sum(done) >= len(specs) // 2  # most rows finish; the rest hit the step cap


def test_required_rows_call_and_none_rows_answer(tok, grammars, env_tools, closing_bias) -> None:
    tools = env_tools[0]
    specs = [TurnSpec(tools, "required", 8), TurnSpec((), "none"), TurnSpec(tools, "auto", 8), None]
    texts, done = _decode_random(tok, grammars, specs, 1, closing_bias, greedy=True)
    assert done[0] and "<tool_call>" in texts[0]
    assert done[1] and "<" not in texts[1]
    _assert_valid(texts[0], specs[0])


def test_constrained_call_is_the_training_format(tok, grammars, env_tools) -> None:
    """The text SFT data holds for a call (``render_assistant``) is in the grammar, token for token."""
    tools = env_tools[0]
    t = tools[1]
    args = {k: ("done" if "enum" in v else "notes.md") for k, v in t.parameters.items() if k in t.required}
    args = {k: (t.parameters[k]["enum"][0] if "enum" in t.parameters[k] else v) for k, v in args.items()}
    text = te.render_assistant("I will look first.", "", [(t.name, args)])
    ids = tok(text, add_special_tokens=False)["input_ids"] + [tok.eos_token_id]
    assert grammars.parses(TurnSpec(tools, "required"), ids)
    assert grammars.parses(TurnSpec(tools, "auto"), ids)
    compact = text.replace('": ', '":')  # other JSON spacing is not the trained format
    assert not grammars.parses(TurnSpec(tools, "auto"), tok(compact, add_special_tokens=False)["input_ids"] + [2])
    bad = te.render_assistant("", "", [("no_such_tool", {})])
    assert not grammars.parses(TurnSpec(tools, "auto"), tok(bad, add_special_tokens=False)["input_ids"] + [2])


def test_grammar_rejects_missing_required_arguments(tok, grammars, env_tools) -> None:
    tools = env_tools[0]
    t = next(t for t in tools if t.required)
    text = te.render_assistant("", "", [(t.name, {})])
    assert not grammars.parses(TurnSpec(tools, "required"), tok(text, add_special_tokens=False)["input_ids"] + [2])
    assert "%json" in turn_lark(TurnSpec(tools, "auto"))  # the llguidance form of the same grammar


def test_llguidance_backend_accepts_the_same_turns(tok, env_tools) -> None:
    tools = env_tools[0]
    t = tools[1]
    args = {k: (t.parameters[k]["enum"][0] if "enum" in t.parameters[k] else "x") for k in t.required}
    ids = tok(te.render_assistant("ok", "", [(t.name, args)]), add_special_tokens=False)["input_ids"]
    xg = Grammars(tok, "llguidance")
    spec = TurnSpec(tools, "auto", 8)
    assert xg.parses(spec, ids + [tok.eos_token_id])
    assert xg.parses(spec, tok("All done.", add_special_tokens=False)["input_ids"] + [tok.eos_token_id])
    assert not xg.parses(TurnSpec(tools, "required", 8), tok("All done.", add_special_tokens=False)["input_ids"]
                         + [tok.eos_token_id])

"""The batched decoder that drops finished rows: same greedy tokens as ``model.generate``, sampling through
transformers' warpers, and a tool call cut off at the budget given room to close."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

QUESTIONS = ("What is 2+2? Answer with one number.", "Write a short poem about the sea and the wind.",
             "Say hello.", "Explain in detail why the sky is blue, step by step.")


@pytest.fixture(scope="module")
def lm():
    from antischeme.models.local_weights import load

    model, tok = load(None, None)
    tok.padding_side = "left"
    return model, tok


def _batch(tok):
    prompts = [tok.apply_chat_template([{"role": "user", "content": q}], tokenize=False, add_generation_prompt=True)
               for q in QUESTIONS]
    return tok(prompts, return_tensors="pt", padding=True, add_special_tokens=False)


def test_greedy_decode_matches_generate_while_rows_leave_the_batch(lm) -> None:
    import torch

    from antischeme.models.decode import decode

    model, tok = lm
    enc = _batch(tok)
    with torch.inference_mode():
        ref = model.generate(**enc, max_new_tokens=40, do_sample=False, pad_token_id=tok.pad_token_id,
                             eos_token_id=tok.eos_token_id)[:, enc["input_ids"].shape[1]:].tolist()
    ours = decode(model, enc["input_ids"], enc["attention_mask"], 40, eos_id=tok.eos_token_id)
    lengths = [len(r) for r in ours]
    assert min(lengths) < 40 == max(lengths), "the prompts must end at different steps for this test to mean much"
    for row, out in zip(ref, ours, strict=True):
        assert out == row[: len(out)] and (len(out) == 40 or out[-1] == tok.eos_token_id)


def test_sampling_is_seeded_and_a_vanishing_top_p_keeps_only_top_tokens(lm) -> None:
    import torch

    from antischeme.models.decode import decode

    model, tok = lm
    enc = _batch(tok)

    def draw(seed: int, temperature: float, top_p: float) -> list[list[int]]:
        return decode(model, enc["input_ids"], enc["attention_mask"], 12, eos_id=tok.eos_token_id,
                      sampling=(True, temperature, top_p), generator=torch.Generator().manual_seed(seed))

    assert draw(1, 5.0, 1.0) == draw(1, 5.0, 1.0) != draw(2, 5.0, 1.0)
    with torch.inference_mode():  # bf16 logits can tie: the nucleus of a tiny top_p is one of the maximal tokens
        first = model(**enc).logits[:, -1, :].float()
    for row, out in zip(first, draw(3, 1.0, 1e-9), strict=True):
        assert row[out[0]] == row.max()


def test_a_tool_call_cut_off_at_the_budget_is_given_room_to_close() -> None:
    from antischeme.envs.registry import environments
    from antischeme.models import tool_emulation as te
    from antischeme.models.embedded import EmbeddedModel
    from antischeme.runners.inspect.task import sample_for
    from antischeme.runners.inspect.tools import tool_infos

    env = environments("test", ["lazy_checklist"])[0]
    tools = tool_infos(env)
    messages = list(sample_for(env, False).input)
    budget = 12  # too few for reasoning + a whole call
    outcomes = {}
    for grace in (0, 4):
        model = EmbeddedModel.shared(call_grace=grace)
        turn = model.turn_spec(messages, tools, max_new_tokens=budget)
        ((text, _, n_new),) = model.generate_texts([model.render_prompt(messages, tools)], budget, turns=[turn])
        outcomes[grace] = (te.parse_reply(text), n_new)
    cut, n_cut = outcomes[0]
    closed, n_closed = outcomes[4]
    assert n_cut == budget and not (len(cut.calls) == 1 and cut.calls[0].error is None)
    assert budget < n_closed <= 5 * budget
    assert len(closed.calls) == 1 and closed.calls[0].error is None


def test_a_looping_call_gets_no_extra_budget() -> None:
    from antischeme.models.embedded import repeating

    loop = [11, 12, 13, 14, 15] * 12  # "-v4.2.0-v4.2.0-..." inside a string: it never closes
    varied = list(range(100, 160))
    assert repeating(loop) and not repeating(varied) and not repeating(loop[:20])


def test_rows_joining_a_running_batch_decode_as_they_would_alone(lm) -> None:
    """Continuous batching: prompts given to ``refill`` take the places of rows that left, and every row's greedy
    tokens are those of its prompt decoded on its own (joined rows are left-padded to the running length). In float32:
    in bf16 the changed padding can flip a near-tie (17.375 vs 17.25 here), which says nothing about the joining."""
    import copy

    from antischeme.models.decode import decode, decode_steps

    model, tok = lm
    model = copy.deepcopy(model).float()
    enc = _batch(tok)
    alone = [decode(model, enc["input_ids"][i:i + 1, enc["attention_mask"][i].bool()],
                    enc["attention_mask"][i:i + 1, enc["attention_mask"][i].bool()], 30, eos_id=tok.eos_token_id)[0]
             for i in range(len(QUESTIONS))]
    waiting = [2, 3]
    asked: list[int] = []

    def refill(free: int):
        asked.append(free)
        if not waiting:
            return None
        take, waiting[:] = waiting[:free], waiting[free:]
        sub = tok([tok.apply_chat_template([{"role": "user", "content": QUESTIONS[i]}], tokenize=False,
                                           add_generation_prompt=True) for i in take],
                  return_tensors="pt", padding=True, add_special_tokens=False)
        return sub["input_ids"], sub["attention_mask"]

    first = _batch(tok)
    got: dict[int, list[int]] = {}
    for ended in decode_steps(model, first["input_ids"][:2], first["attention_mask"][:2], 30,
                              eos_id=tok.eos_token_id, refill=refill):
        assert not set(ended) & set(got), "a row is handed back once"
        got.update(ended)
    assert sorted(got) == [0, 1, 2, 3] and not waiting and asked and max(asked) <= 2
    for i, row in enumerate(alone):
        assert got[i] == row, QUESTIONS[i]

"""The embedded model decodes on the event loop a step at a time: a sample whose row ends gets its reply while the
rest of the batch is still decoding, other coroutines run between steps, and they never find themselves in torch's
inference mode."""

from __future__ import annotations

import asyncio

import pytest

pytestmark = pytest.mark.slow


def test_a_short_reply_is_handed_back_while_the_batch_still_decodes() -> None:
    import torch
    from inspect_ai.model import ChatMessageUser, GenerateConfig

    from antischeme.models.embedded import EmbeddedModel

    model = EmbeddedModel.shared(constrained="false")
    questions = ("Say hello.", "Explain in detail why the sky is blue, step by step, with examples.")
    events: list[tuple[str, bool]] = []  # (what, was a decode still running)
    ticks = {"n": 0, "inference_mode": 0}

    async def ask(q: str) -> None:
        out = await model.generate([ChatMessageUser(content=q)], [], GenerateConfig(max_tokens=40))
        events.append((q, model.decoding > 0))
        assert out.completion

    async def ticker(done: asyncio.Event) -> None:
        while not done.is_set():
            ticks["n"] += 1
            ticks["inference_mode"] += torch.is_inference_mode_enabled()
            await asyncio.sleep(0)

    async def main() -> None:
        done = asyncio.Event()
        tick = asyncio.create_task(ticker(done))
        await asyncio.gather(*(ask(q) for q in questions))
        done.set()
        await tick

    asyncio.run(main())
    assert [q for q, _ in events] == list(questions), "the short answer must come back first"
    assert events[0][1] is True, "the short answer must be handed back before the batch's decode ends"
    assert ticks["n"] >= 20, "other coroutines must run between decoding steps"
    assert ticks["inference_mode"] == 0, "inference mode must not leak out of a decoding step"


@pytest.mark.parametrize("continuous", [True, False])
def test_a_request_waiting_for_a_full_batch_takes_the_place_of_a_row_that_ended(continuous: bool) -> None:
    from inspect_ai.model import ChatMessageUser, GenerateConfig

    from antischeme.models.embedded import EmbeddedModel

    model = EmbeddedModel.shared(constrained="false", batch_size=2, continuous=continuous)
    questions = ("Say hello.", "Explain in detail why the sky is blue, step by step, with examples.", "Say goodbye.")

    async def main() -> list[str]:
        outs = await asyncio.gather(*(model.generate([ChatMessageUser(content=q)], [], GenerateConfig(max_tokens=40))
                                      for q in questions))
        return [o.completion for o in outs]

    calls, sequences = model.stats.calls, model.stats.sequences
    replies = asyncio.run(main())
    assert all(replies) and model.stats.sequences - sequences == 3
    assert model.stats.calls - calls == (1 if continuous else 2), "one decode when the third joins the first batch"


def test_a_synchronous_call_on_the_loop_thread_during_a_decode_does_not_deadlock() -> None:
    """An async caller that uses the synchronous API (the interventions' continuation backend) while another
    sample's decode is suspended between steps on the same loop: the call runs, and the decode then finishes."""
    import threading

    from inspect_ai.model import ChatMessageUser, GenerateConfig

    from antischeme.models.embedded import EmbeddedModel

    model = EmbeddedModel.shared(constrained="false")
    prompt = model.tokenizer.apply_chat_template([{"role": "user", "content": "Say hello."}], tokenize=False,
                                                 add_generation_prompt=True)
    result: dict[str, object] = {}

    async def main() -> None:
        decoding = asyncio.ensure_future(model.generate(
            [ChatMessageUser(content="Explain in detail why the sky is blue, step by step.")], [],
            GenerateConfig(max_tokens=40)))
        while not model.decoding:  # wait until that decode is under way, suspended between its steps
            await asyncio.sleep(0.01)
        result["sync"] = model.generate_texts([prompt], 8)[0][0]
        result["async"] = (await decoding).completion

    worker = threading.Thread(target=lambda: asyncio.run(main()), daemon=True)
    worker.start()
    worker.join(timeout=300)
    assert not worker.is_alive(), "deadlock: the synchronous call waited for a decode suspended on its own thread"
    assert result["sync"] and result["async"]

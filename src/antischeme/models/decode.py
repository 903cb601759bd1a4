"""Batched decoding for local transformers models that drops each row from the batch as soon as it ends.

``model.generate`` keeps every row of a batch until the longest one ends, so rows that stop early (a constrained turn
that has closed its tool call, a short answer) are computed as padding: on this CPU a batch of 8 steps at ~1.9x the
cost of one row, so the wasted work is large. Here a finished row leaves the batch (its KV cache rows are dropped),
and the remaining rows step on. Greedy decoding picks the same tokens as ``generate`` (a test checks this); sampling
uses transformers' own temperature and top-p warpers in ``generate``'s order (processors first, then warpers).

``extend(row, ids)`` lets a caller give a row that reached ``max_new_tokens`` up to ``grace`` more tokens (the
embedded model uses it so a tool call cut off mid-way can still close).

:func:`decode_steps` is the same decoder as a generator that yields after every forward step (the rows that ended at
that step, with their tokens), so an asyncio caller can run it on its own event loop and hand each row back as soon as
it ends; :func:`decode` runs it to the end.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from typing import Any, TypeVar

T = TypeVar("T")

Processor = Callable[[Any, Any, list[int]], Any]
"""``processor(input_ids, scores, rows) -> scores`` for the rows still in the batch (``rows``: their original index)."""
Refill = Callable[[int], "tuple[Any, Any] | None"]
"""``refill(free) -> (input_ids, attention_mask)`` of up to ``free`` new left-padded prompts, or ``None``."""


def decode(model: Any, input_ids: Any, attention_mask: Any, max_new_tokens: int, **kwargs: Any) -> list[list[int]]:
    """New token ids per row (ending with ``eos_id`` when the row ended on it), left-padded ``input_ids`` in; keyword
    arguments as :func:`decode_steps`."""
    return gathered(decode_steps(model, input_ids, attention_mask, max_new_tokens, **kwargs), input_ids.shape[0])


def gathered(steps: Iterable[dict[int, T]], n: int) -> list[T]:
    """Run a stepwise decode to its end: the result of each of its ``n`` rows, in row order."""
    out: dict[int, T] = {}
    for ended in steps:
        out.update(ended)
    return [out[i] for i in range(n)]


def decode_steps(model: Any, input_ids: Any, attention_mask: Any, max_new_tokens: int, *, eos_id: int,
                 processor: Processor | None = None, sampling: tuple[bool, float, float] = (False, 0.0, 1.0),
                 grace: int = 0, extend: Callable[[int, list[int]], bool] | None = None,
                 generator: Any = None, refill: Refill | None = None,
                 ) -> Generator[dict[int, list[int]], None, None]:
    """Yields once per decoding step ``{row: its new token ids}`` for the rows that ended at that step (often empty);
    every row is yielded exactly once. With ``refill``, rows that left are replaced between steps (continuous
    batching): ``refill(free)`` returns at most ``free`` new left-padded prompts, which become rows ``n, n+1, ...``
    in order (``n``: rows so far), or ``None``; the batch never grows past its first size."""
    import torch
    from transformers.generation.logits_process import TemperatureLogitsWarper, TopPLogitsWarper

    do_sample, temperature, top_p = sampling
    warpers = []
    if do_sample:
        if temperature and temperature != 1.0:
            warpers.append(TemperatureLogitsWarper(temperature))
        if top_p is not None and top_p < 1.0:
            warpers.append(TopPLogitsWarper(top_p))
    capacity = input_ids.shape[0]
    out: list[list[int]] = [[] for _ in range(capacity)]
    limit = [max_new_tokens] * capacity
    rows = list(range(capacity))
    mask = attention_mask.clone()
    seqs = input_ids.clone()  # the processor sees the tokens so far of the rows still running
    cache, logits = _prefill(model, input_ids, mask)
    extra = _forward_kwargs(model, cache)
    while rows:
        # each step runs under inference mode, and the yield is outside it: a caller resumed between steps (another
        # coroutine on the same event loop) does not find itself in inference mode
        with torch.inference_mode():
            new = refill(capacity - len(rows)) if refill and len(rows) < capacity and _mergeable(cache) else None
            if new is not None:
                new_ids, new_mask = new
                new_cache, new_logits = _prefill(model, new_ids, new_mask)
                mask, seqs = _join(cache, new_cache, mask, new_mask, seqs, new_ids)
                logits = torch.cat([logits, new_logits])
                rows += range(len(out), len(out) + new_ids.shape[0])
                out += [[] for _ in range(new_ids.shape[0])]
                limit += [max_new_tokens] * new_ids.shape[0]
            scores = processor(seqs, logits, rows) if processor is not None else logits
            for w in warpers:
                scores = w(seqs, scores)
            if do_sample:
                nxt = torch.multinomial(torch.softmax(scores, dim=-1), 1, generator=generator).squeeze(1)
            else:
                nxt = scores.argmax(-1)
            keep, ended = [], {}
            for j, (i, t) in enumerate(zip(rows, nxt.tolist(), strict=True)):
                out[i].append(t)
                if t != eos_id and len(out[i]) >= limit[i] and grace and limit[i] == max_new_tokens \
                        and extend is not None and extend(i, out[i]):
                    limit[i] += grace
                if t != eos_id and len(out[i]) < limit[i]:
                    keep.append(j)
                else:
                    ended[i] = out[i]
            if keep:
                seqs = torch.cat([seqs, nxt.unsqueeze(1)], dim=1)
                mask = torch.cat([mask, mask.new_ones((mask.shape[0], 1))], dim=1)
                if len(keep) < len(rows):
                    index = torch.tensor(keep)
                    cache.batch_select_indices(index)
                    seqs, mask, nxt = seqs[index], mask[index], nxt[index]
                    if refill is not None:
                        mask, seqs = _trim(cache, mask, seqs)
                position = (mask.long().sum(-1, keepdim=True) - 1)
                logits = model(input_ids=nxt.unsqueeze(1), attention_mask=mask, position_ids=position,
                               use_cache=True, **extra).logits[:, -1, :].float()
            rows = [rows[j] for j in keep]
        yield ended


def _prefill(model: Any, input_ids: Any, mask: Any) -> tuple[Any, Any]:
    """A new cache holding the prompts, and the logits at their last position."""
    import torch
    from transformers import DynamicCache

    cache = DynamicCache(config=model.config)
    positions = (mask.long().cumsum(-1) - 1).clamp(min=0)
    with torch.inference_mode():
        logits = model(input_ids=input_ids, attention_mask=mask, position_ids=positions, use_cache=True,
                       **_forward_kwargs(model, cache)).logits[:, -1, :].float()
    return cache, logits


def _mergeable(cache: Any) -> bool:
    """Whether rows can be joined into this cache: every layer a plain growing key/value pair."""
    layers = getattr(cache, "layers", None)
    return bool(layers) and all(type(layer).__name__ == "DynamicLayer" and layer.is_initialized for layer in layers)


def _join(cache: Any, new_cache: Any, mask: Any, new_mask: Any, seqs: Any, new_ids: Any) -> tuple[Any, Any]:
    """Append ``new_cache``'s rows to ``cache`` in place, both left-padded to the longer length (padding masked);
    returns the joined attention mask and token ids."""
    import torch

    width = max(mask.shape[1], new_mask.shape[1])

    def pad(t: Any) -> Any:  # left-pad dim -2 of a cache tensor, or dim 1 of a mask / ids
        dim = t.dim() - 2 if t.dim() == 4 else 1
        missing = width - t.shape[dim]
        if missing == 0:
            return t
        shape = list(t.shape)
        shape[dim] = missing
        return torch.cat([t.new_zeros(shape), t], dim=dim)

    for a, b in zip(cache.layers, new_cache.layers, strict=True):
        a.keys = torch.cat([pad(a.keys), pad(b.keys)])
        a.values = torch.cat([pad(a.values), pad(b.values)])
    return torch.cat([pad(mask), pad(new_mask)]), torch.cat([pad(seqs), pad(new_ids)])


def _trim(cache: Any, mask: Any, seqs: Any) -> tuple[Any, Any]:
    """Drop leading columns that are padding in every row (left by rows that have left the batch)."""
    lead = int((mask.sum(0) == 0).long().cumprod(0).sum())
    if lead == 0 or not _mergeable(cache):
        return mask, seqs
    for layer in cache.layers:
        layer.keys, layer.values = layer.keys[..., lead:, :], layer.values[..., lead:, :]
    return mask[:, lead:], seqs[:, lead:]


def _forward_kwargs(model: Any, cache: Any) -> dict[str, Any]:
    """The cache under the name this model's ``forward`` takes (``cache``; older ones ``past_key_values``), and
    ``logits_to_keep=1`` where supported (the prompt's logits are needed at its last position only)."""
    import inspect

    params = inspect.signature(model.forward).parameters
    out: dict[str, Any] = {"cache" if "cache" in params else "past_key_values": cache}
    if "logits_to_keep" in params:
        out["logits_to_keep"] = 1
    return out

"""Embedded-model throughput: raw batched ``generate`` vs the same prompts through the Inspect harness.

Both sides generate from the same rendered environment prompts (first turn of N environments, greedy, same max new
tokens); the harness side includes Inspect's scheduling, tool emulation, grading and logging — and, in its
constrained settings, grammar-constrained decoding (first turns: a required tool call). Settings run side by side in
this one process: raw free generation, then the harness free and constrained with each grammar backend (and, for a
constrained setting, raw generation under the same grammar, which isolates the harness's own cost). Prints tokens/s of
each (the median over ``--repeat`` interleaved rounds) and the ratios. What happens once per process (Inspect's start-up on the first eval, the
grammar compilation of a tool set) is timed separately and left out of throughput.

A setting ending in ``+wait`` turns continuous batching off (``-M continuous=false``: a request that arrives while a
batch decodes waits for the whole batch). ``--n`` above the batch size (8) or ``--turns`` above 1 is where continuous
batching matters: with several turns the raw side has no equivalent (only first turns), so only the harness settings
are compared, with each other.

    .venv/bin/python benchmarks/bench_embedded.py [--n 8] [--tokens 128] [--family lazy_checklist] [--turns 1]
    .venv/bin/python benchmarks/bench_embedded.py --n 16 --turns 3 --settings xgrammar,xgrammar+wait
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

from inspect_ai import eval as inspect_eval
from inspect_ai.model import get_model

from antischeme.envs.registry import environments
from antischeme.models.embedded import EmbeddedModel
from antischeme.runners.inspect.task import family_task, sample_for
from antischeme.runners.inspect.tools import tool_infos


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--tokens", type=int, default=128)
    ap.add_argument("--family", default="lazy_checklist")
    ap.add_argument("--settings", default="free,llguidance,xgrammar",
                    help="harness settings: free (unconstrained) and/or grammar backends")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of interleaved measurements (medians reported)")
    ap.add_argument("--turns", type=int, default=1, help="turns per episode in the harness (raw: first turns only)")
    args = ap.parse_args()
    raw_comparable = args.turns == 1

    t0 = time.perf_counter()
    model = EmbeddedModel.shared(constrained="false")
    print(f"model load: {time.perf_counter() - t0:.1f}s; load avg {os.getloadavg()[0]:.1f}")
    envs = environments("test", [args.family])[: args.n]
    inputs = [list(sample_for(env, False).input) for env in envs]
    prompts = [model.render_prompt(x, tool_infos(env)) for x, env in zip(inputs, envs, strict=True)]

    settings = args.settings.split(",")
    models, args_of, turns, startup = {}, {}, {}, {}
    model.generate_texts(prompts[:1], 4)  # warm-up
    task = family_task(args.family, env_ids=[e.id for e in envs], max_turns=args.turns)
    for setting in settings:
        backend, wait = setting.removesuffix("+wait"), setting.endswith("+wait")
        model_args = {"constrained": "false"} if backend == "free" else {"grammar_backend": backend}
        if wait:
            model_args["continuous"] = "false"
        m = models[setting] = EmbeddedModel.shared(**model_args)
        # once per process, not throughput: Inspect's start-up (first eval) and the grammar of this tool set
        t0 = time.perf_counter()
        _harness(m, family_task(args.family, env_ids=[envs[0].id], max_turns=1), model_args, 1)
        startup[setting] = time.perf_counter() - t0
        turns[setting] = None if backend == "free" else [
            m.turn_spec(x, tool_infos(e), max_new_tokens=args.tokens) for x, e in zip(inputs, envs, strict=True)]
        args_of[setting] = model_args
    # rounds interleave every measurement, so a slow spell of a shared machine hits all of them alike; each ratio is
    # taken within a round, and the median over rounds is reported
    rows: dict[str, list[tuple[float, float, float | None]]] = {s: [] for s in settings}
    for r in range(args.repeat):
        raw_free = _raw(model, prompts, args.tokens, None)
        for setting in settings:
            m = models[setting]
            harness = _harness(m, task, args_of[setting], args.tokens)
            raw_same = (_raw(m, prompts, args.tokens, turns[setting])
                        if turns[setting] and raw_comparable and not setting.endswith("+wait") else None)
            rows[setting].append((raw_free, harness, raw_same))
        print(f"round {r + 1}: raw free {raw_free:6.1f} tok/s; "
              + "; ".join(f"{s} harness {rows[s][-1][1]:6.1f}" + (f", raw {rows[s][-1][2]:6.1f}" if rows[s][-1][2]
                                                                  else "") for s in settings), flush=True)
    for setting in settings:
        data = rows[setting]
        vs_free = statistics.median(h / f for f, h, _ in data)
        line = f"harness {setting:13s}: median {statistics.median(h for _, h, _ in data):6.1f} tok/s  "
        if raw_comparable:
            line += f"harness/raw-free {vs_free:.2f}"
        if data[0][2]:
            line += (f"  harness/raw-{setting} {statistics.median(h / s for _, h, s in data):.2f}"
                     f"  raw-{setting}/raw-free {statistics.median(s / f for f, _, s in data):.2f}")
        continuous = rows.get(setting.removesuffix("+wait")) if setting.endswith("+wait") else None
        if continuous:
            gain = statistics.median(c[1] / w[1] for c, w in zip(continuous, data, strict=True))
            line += f"  continuous/wait {gain:.2f}"
        print(line + f"  (one-time start-up {startup[setting]:.1f}s; {len(prompts)} episodes, batch {model.batch_size}, "
              f"{args.repeat} rounds, load avg {os.getloadavg()[0]:.1f})", flush=True)


def _raw(model: EmbeddedModel, prompts: list[str], tokens: int, turns: list | None) -> float:
    """Plain batched generation, in batches of the model's batch size."""
    t0, new = time.perf_counter(), 0
    for at in range(0, len(prompts), model.batch_size):
        out = model.generate_texts(prompts[at:at + model.batch_size], tokens,
                                   turns=turns[at:at + model.batch_size] if turns else None)
        new += sum(r[2] for r in out)
    return new / (time.perf_counter() - t0)


def _harness(model: EmbeddedModel, task, model_args: dict, tokens: int) -> float:
    before = model.stats.new_tokens
    with tempfile.TemporaryDirectory() as logs:
        t0 = time.perf_counter()
        inspect_eval(task, model=get_model("antischeme/smollm2", **model_args), max_tokens=tokens, log_dir=logs,
                     display="none")
        seconds = time.perf_counter() - t0
    return (model.stats.new_tokens - before) / seconds


if __name__ == "__main__":
    main()

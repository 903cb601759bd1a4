"""Embedded-model throughput: raw batched ``generate`` vs the same prompts through the Inspect harness.

Both sides generate from the same rendered environment prompts (first turn of N environments, greedy, same max new
tokens); the harness side includes Inspect's scheduling, tool emulation, grading and logging — and, in its
constrained settings, grammar-constrained decoding (first turns: a required tool call). Settings run side by side in
this one process: raw free generation, then the harness free and constrained with each grammar backend. Prints tokens/s
of each and the ratio harness/raw.

    .venv/bin/python benchmarks/bench_embedded.py [--n 8] [--tokens 128] [--family lazy_checklist]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

from inspect_ai import eval as inspect_eval
from inspect_ai.model import get_model
from inspect_ai.tool import ToolInfo

from antischeme.envs.registry import environments
from antischeme.models.embedded import EmbeddedModel
from antischeme.runners.inspect.task import family_task, sample_for
from antischeme.runners.inspect.tools import tool_params


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--tokens", type=int, default=128)
    ap.add_argument("--family", default="lazy_checklist")
    ap.add_argument("--settings", default="free,llguidance,xgrammar",
                    help="harness settings: free (unconstrained) and/or grammar backends")
    args = ap.parse_args()

    t0 = time.perf_counter()
    model = EmbeddedModel.shared(constrained="false")
    print(f"model load: {time.perf_counter() - t0:.1f}s; load avg {os.getloadavg()[0]:.1f}")
    envs = environments("test", [args.family])[: args.n]

    # raw: render the exact first-turn prompts the harness would send, one batched generate call
    prompts = []
    for env in envs:
        prompts.append(model.render_prompt(list(sample_for(env, False).input), tools_of(env)))
    model.generate_texts(prompts[:1], 4)  # warm-up
    t0 = time.perf_counter()
    raw = model.generate_texts(prompts, args.tokens)
    raw_s = time.perf_counter() - t0
    raw_tokens = sum(r[2] for r in raw)

    raw_tps = raw_tokens / raw_s
    print(f"raw batched generate : {raw_tokens:5d} tokens in {raw_s:6.1f}s = {raw_tps:6.1f} tok/s (batch {len(prompts)})",
          flush=True)

    # harness: the same environments, one turn each, through inspect_ai.eval
    for setting in args.settings.split(","):
        model_args = {"constrained": "false"} if setting == "free" else {"grammar_backend": setting}
        m = EmbeddedModel.shared(**model_args)
        if setting != "free":  # grammar set-up for this tool set happens once per process: not part of throughput
            m.generate_texts(prompts[:1], 1, turns=[m.turn_spec(list(sample_for(envs[0], False).input), tools_of(envs[0]),
                                                                 max_new_tokens=args.tokens)])
        before = m.stats.new_tokens
        with tempfile.TemporaryDirectory() as logs:
            t0 = time.perf_counter()
            inspect_eval(family_task(args.family, env_ids=[e.id for e in envs], max_turns=1),
                         model=get_model("antischeme/smollm2", **model_args), max_tokens=args.tokens, log_dir=logs,
                         display="none")
            harness_s = time.perf_counter() - t0
        harness_tokens = m.stats.new_tokens - before
        harness_tps = harness_tokens / harness_s
        print(f"harness {setting:11s}: {harness_tokens:5d} tokens in {harness_s:6.1f}s = {harness_tps:6.1f} tok/s  "
              f"ratio harness/raw {harness_tps / raw_tps:.2f}", flush=True)


def tools_of(env) -> list[ToolInfo]:
    return [ToolInfo(name=t.name, description=t.description, parameters=tool_params(t)) for t in env.tools]


if __name__ == "__main__":
    main()

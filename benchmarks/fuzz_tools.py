"""A long fuzz run of every family's tools and of transcript replay: at least ``--calls`` generated tool calls.

Same harness and properties as ``tests/fuzz`` (never an uncaught exception, never past the budget, no host access),
at the size the issue asks for. Run: ``.venv/bin/python benchmarks/fuzz_tools.py [--calls 10000] [--seed 0]``.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, Phase, given, settings, seed  # noqa: E402

from tests.fuzz.harness import BUDGET, FuzzStats, episode, fuzz_environments, run_episode  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-family", type=int, default=3)
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # hypothesis warns about the repr of the (deliberately) huge arguments
    envs = fuzz_environments(args.per_family)
    stats = FuzzStats()

    class Enough(Exception):
        pass

    @seed(args.seed)
    @settings(max_examples=10 ** 6, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              phases=[Phase.generate])  # the run stops by raising Enough: nothing to shrink
    @given(episode(envs))
    def fuzz(case) -> None:
        if stats.calls >= args.calls:
            raise Enough
        run_episode(*case, stats)
        if stats.episodes % 250 == 0:
            print(f"  … {stats.calls} calls", file=sys.stderr, flush=True)

    start = time.perf_counter()
    try:
        fuzz()
    except Enough:
        pass
    seconds = time.perf_counter() - start
    families = len({e.family for e in envs})
    print(f"{len(envs)} environments of {families} families, budget {BUDGET.seconds:g} s / "
          f"{BUDGET.output_chars:,} chars per call")
    print(stats.line())
    print(f"no uncaught exception, no call over budget (+ slack), no host access; {seconds:.0f} s wall")


if __name__ == "__main__":
    main()

"""Time the headline aggregate (26 evaluations × 1,000,000 posterior draws) against a naive baseline.

Baseline: a Python loop over evaluations, each drawing its 1M samples with ``scipy.stats.beta.rvs`` and adding them up.
Ours: ``antischeme.stats.aggregate_draws`` — chunked, vectorised numpy Beta draws over all evaluations at once,
spread over threads. Run: ``.venv/bin/python benchmarks/bench_stats.py [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable

import numpy as np
from scipy import stats

from antischeme.stats import aggregate_draws, summarise

EVALS, DRAWS, BUDGET_S = 26, 1_000_000, 2.0


def naive(n: np.ndarray, k: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    total = np.zeros(DRAWS)
    for ni, ki in zip(n, k, strict=True):
        total += stats.beta.rvs(ki + 1, ni - ki + 1, size=DRAWS, random_state=rng)
    return total / len(n)


def best_of(repeat: int, fn: Callable[[], np.ndarray]) -> tuple[float, float, np.ndarray]:
    """Best wall-clock seconds, the CPU seconds of that run, and the draws."""
    runs, out = [], np.empty(0)
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    wall_s, cpu_s = min(runs)
    return wall_s, cpu_s, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per variant; the best time is reported")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    n = np.full(EVALS, 300)
    k = rng.integers(0, 150, size=EVALS)

    t_naive, c_naive, d_naive = best_of(args.repeat, lambda: naive(n, k, 0))
    t_one, c_one, d_one = best_of(args.repeat, lambda: aggregate_draws(n, k, seed=0, draws=DRAWS, workers=1))
    t_ours, c_ours, d_ours = best_of(args.repeat, lambda: aggregate_draws(n, k, seed=0, draws=DRAWS))
    assert np.array_equal(d_one, d_ours), "thread count changed the draws"

    load = os.getloadavg()[0]
    print(f"{EVALS} evaluations × {DRAWS:,} draws, best of {args.repeat}, {os.cpu_count()} CPUs, load {load:.1f}")
    print(f"{'variant':<44}{'wall s':>8}{'cpu s':>8}{'speed-up':>10}   aggregate [95% CI]")
    for name, secs, cpu, draws in (
        ("naive: per-eval loop, scipy.stats.beta.rvs", t_naive, c_naive, d_naive),
        ("antischeme.stats.aggregate_draws, 1 thread", t_one, c_one, d_one),
        ("antischeme.stats.aggregate_draws, default", t_ours, c_ours, d_ours),
    ):
        agg = summarise(draws)
        print(f"{name:<44}{secs:>8.3f}{cpu:>8.3f}{t_naive / secs:>9.2f}×   "
              f"{100 * agg.mean:.3f}% [{100 * agg.lo:.3f}, {100 * agg.hi:.3f}]")
    verdict = "within" if t_ours <= BUDGET_S else "OVER"
    print(f"ratio naive/ours = {t_naive / t_ours:.2f}× (wall); {t_ours:.3f} s is {verdict} the {BUDGET_S:.0f} s budget")
    if load > (os.cpu_count() or 1):
        print("note: the machine is busier than its CPU count; wall times are inflated, cpu s shows the work done")


if __name__ == "__main__":
    main()

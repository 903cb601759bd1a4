"""The headline aggregate: Monte Carlo draws from each evaluation's posterior, averaged with equal weight."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from antischeme.stats._posterior import HI_Q, LO_Q, beta_parameters

DEFAULT_DRAWS = 1_000_000
CHUNK = 1 << 17
"""Draws per chunk (1 MiB of float64). Fixed, so results do not depend on the number of threads."""


class Interval(BaseModel, frozen=True):
    """A posterior mean with its central 95% credible interval (fractions)."""

    mean: float
    lo: float
    hi: float


class Difference(Interval, frozen=True):
    """A difference of two aggregates, with the posterior probability that it is positive."""

    p_positive: float


def seed_for(seed: int, index: int = 0) -> np.random.SeedSequence:
    """The seed sequence of the ``index``-th model under one user seed (stable across commands)."""
    return np.random.SeedSequence(seed, spawn_key=(index,))


def aggregate_draws(
    n: npt.ArrayLike,
    k: npt.ArrayLike,
    *,
    seed: int | np.random.SeedSequence = 0,
    draws: int = DEFAULT_DRAWS,
    workers: int | None = None,
) -> np.ndarray:
    """``draws`` samples of the equal-weight mean of the evaluations' Beta(k+1, n−k+1) posteriors.

    Drawn in fixed-size chunks, each from its own child generator, so the result is a pure function of
    (counts, seed, draws) whatever ``workers`` is (default: the CPU count, at most 8). numpy releases the GIL
    while sampling, so threads scale.
    """
    a, b = (np.atleast_1d(x) for x in beta_parameters(n, k))
    if a.size == 0:
        raise ValueError("no evaluations to aggregate")
    if draws < 1:
        raise ValueError("draws must be positive")
    root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    starts = range(0, draws, CHUNK)
    children = root.spawn(len(starts))
    out = np.empty(draws)

    def fill(i: int) -> None:
        start = starts[i]
        total = out[start : start + min(CHUNK, draws - start)]
        total[:] = 0.0
        rng = np.random.Generator(np.random.PCG64(children[i]))
        for a_i, b_i in zip(a, b, strict=True):  # one cache-sized vector per evaluation
            total += rng.beta(a_i, b_i, size=total.size)
        total /= a.size

    workers = workers or min(os.cpu_count() or 1, 8)
    if workers > 1 and len(starts) > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(fill, range(len(starts))))
    else:
        for i in range(len(starts)):
            fill(i)
    return out


def summarise(draws: np.ndarray) -> Interval:
    """Mean and 2.5th/97.5th percentiles of Monte Carlo draws."""
    lo, hi = np.percentile(draws, [100 * LO_Q, 100 * HI_Q])
    return Interval(mean=float(np.mean(draws)), lo=float(lo), hi=float(hi))


def summarise_difference(first: np.ndarray, second: np.ndarray) -> Difference:
    """``first − second`` from independent draws of two aggregates, with P(difference > 0)."""
    diff = first - second
    base = summarise(diff)
    return Difference(mean=base.mean, lo=base.lo, hi=base.hi, p_positive=float(np.mean(diff > 0)))

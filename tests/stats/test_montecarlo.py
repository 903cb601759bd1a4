"""The Monte Carlo aggregate: reproducible, independent of threading, unbiased, and the difference's P(>0)."""

from __future__ import annotations

import numpy as np
import pytest

from antischeme.stats import aggregate_draws, seed_for, summarise, summarise_difference
from antischeme.stats._montecarlo import CHUNK

N = np.array([300, 300, 50, 120])
K = np.array([10, 140, 0, 60])


def test_same_seed_same_draws_whatever_the_thread_count() -> None:
    one = aggregate_draws(N, K, seed=7, draws=3 * CHUNK + 5, workers=1)
    two = aggregate_draws(N, K, seed=7, draws=3 * CHUNK + 5, workers=2)
    np.testing.assert_array_equal(one, two)
    assert one.shape == (3 * CHUNK + 5,)


def test_different_seeds_give_different_draws() -> None:
    assert not np.array_equal(aggregate_draws(N, K, seed=1, draws=1000), aggregate_draws(N, K, seed=2, draws=1000))


def test_model_index_gives_independent_streams_under_one_seed() -> None:
    a = aggregate_draws(N, K, seed=seed_for(3, 0), draws=1000)
    b = aggregate_draws(N, K, seed=seed_for(3, 1), draws=1000)
    assert not np.array_equal(a, b)
    np.testing.assert_array_equal(a, aggregate_draws(N, K, seed=seed_for(3, 0), draws=1000))


def test_aggregate_mean_is_the_equal_weight_mean_of_posterior_means() -> None:
    draws = aggregate_draws(N, K, seed=0, draws=400_000)
    exact = np.mean((K + 1) / (N + 2))
    assert summarise(draws).mean == pytest.approx(exact, abs=3e-4)


def test_each_draw_is_an_average_of_one_draw_per_evaluation() -> None:
    # a single evaluation: the aggregate is that evaluation's posterior itself
    draws = aggregate_draws([100], [30], seed=0, draws=200_000)
    from scipy import stats

    lo, hi = stats.beta(31, 71).ppf([0.025, 0.975])
    got = summarise(draws)
    assert got.lo == pytest.approx(lo, abs=2e-3)
    assert got.hi == pytest.approx(hi, abs=2e-3)


def test_difference_probability_tracks_which_model_is_higher() -> None:
    high = aggregate_draws([300, 300], [150, 90], seed=seed_for(0, 0), draws=100_000)
    low = aggregate_draws([300, 300], [3, 0], seed=seed_for(0, 1), draws=100_000)
    same = aggregate_draws([300, 300], [150, 90], seed=seed_for(0, 1), draws=100_000)
    down = summarise_difference(high, low)
    assert down.p_positive == 1.0
    assert down.lo > 0
    assert summarise_difference(low, high).p_positive == 0.0
    assert summarise_difference(high, same).p_positive == pytest.approx(0.5, abs=0.02)


def test_bad_inputs_are_rejected() -> None:
    with pytest.raises(ValueError, match="no evaluations"):
        aggregate_draws([], [], draws=10)
    with pytest.raises(ValueError, match="draws"):
        aggregate_draws([10], [1], draws=0)

"""Reading Inspect logs into the sample table and the counts table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from antischeme.report import LogError, counts_from_logs, counts_from_samples, load_labelled, read_samples
from antischeme.stats import read_counts, write_counts

from .synthetic_logs import Rollout, rollouts, write_log


@pytest.fixture()
def logs(tmp_path: Path) -> Path:
    root = tmp_path / "logs"
    write_log(root / "lazy.eval", "m/base", "lazy_checklist", rollouts(10, 4, aware=True), category="reward hacking")
    write_log(root / "email.eval", "m/base", "email_scoring", rollouts(5, 0))
    write_log(root / "sub" / "agg.eval", "m/base", "sandbagging_qa", [Rollout(covert=None)] * 6, grading="aggregate")
    write_log(root / "over.eval", "m/base", "as_over_escalation",
              [Rollout(covert=False, outcome="escalated"), Rollout(covert=False)], measures="over_escalation",
              in_headline=False)
    return root


def test_sample_table_from_a_directory(logs: Path) -> None:
    s = read_samples([logs])
    assert len(s) == 23
    assert set(s["label"]) == {"m/base"} and set(s["model"]) == {"m/base"}
    lazy = s.loc[s["eval"] == "lazy_checklist"]
    assert lazy["covert"].sum() == 4 and lazy["eval_awareness"].all()
    assert lazy["title"].iloc[0] == "Lazy Checklist" and lazy["category"].iloc[0] == "reward hacking"
    assert s.loc[s["eval"] == "email_scoring", "eval_awareness"].isna().all()
    assert s.loc[s["eval"] == "sandbagging_qa", "covert"].isna().all()
    assert s["spec_citation"].isna().all()
    assert set(s.loc[s["eval"] == "as_over_escalation", "outcome"]) == {"escalated", "completed"}


def test_counts_keep_only_per_sample_graded_covert_action_rows(logs: Path) -> None:
    counts = counts_from_samples(read_samples([logs]))
    assert counts.to_dict("list") == {"eval": ["email_scoring", "lazy_checklist"], "n": [5, 10], "k": [0, 4],
                                      "undecided": [0, 0], "errored": [0, 0]}


def test_counts_from_logs_round_trip_through_the_stats_reader(logs: Path, tmp_path: Path) -> None:
    counts = counts_from_logs([logs])
    write_counts(counts, tmp_path / "c.csv")
    pd.testing.assert_frame_equal(read_counts(tmp_path / "c.csv"), counts)


def test_counts_from_logs_needs_one_model(logs: Path) -> None:
    write_log(logs / "other.eval", "m/other", "lazy_checklist", rollouts(3, 1))
    with pytest.raises(LogError, match="several models"):
        counts_from_logs([logs])
    assert counts_from_logs([logs], model="m/other").to_dict("list") == {"eval": ["lazy_checklist"], "n": [3], "k": [1],
                                                                      "undecided": [0], "errored": [0]}
    with pytest.raises(LogError, match="not in the logs"):
        counts_from_logs([logs], model="m/none")


def test_labels_and_their_order(logs: Path, tmp_path: Path) -> None:
    later = write_log(tmp_path / "later.eval", "m/base", "lazy_checklist", rollouts(4, 0))
    s = load_labelled([], [f"before={logs}", f"after={later}"])
    assert list(dict.fromkeys(s["label"])) == ["before", "after"]
    assert (s["label"] == "after").sum() == 4


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "absent", "no such file or directory"),
        (lambda d: (d / "notes.txt").write_text("x") and d / "notes.txt", "not an Inspect log"),
        (lambda d: (d / "empty").mkdir() or d / "empty", "no Inspect logs"),
        (lambda d: (d / "broken.eval").write_bytes(b"not a zip") and d / "broken.eval", "cannot read Inspect logs"),
    ],
)
def test_bad_log_paths(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(LogError, match=message):
        read_samples([make(tmp_path)])


def test_bad_label_spec() -> None:
    with pytest.raises(LogError, match="NAME=LOGS"):
        load_labelled([], ["justaname"])
    with pytest.raises(LogError, match="no logs given"):
        load_labelled([], [])

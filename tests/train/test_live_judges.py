"""Live judges during training: validation transcripts are graded from actions and their reasoning judged, and the
rates are appended to live_judges.csv atomically."""

from __future__ import annotations

from pathlib import Path

from antischeme.envs.core.rollout import rollout
from antischeme.envs.registry import environments
from antischeme.models.scripted import scripted_policy
from antischeme.train.live_judges import append_row, judge_transcripts, read_rows


def test_rates_from_scripted_transcripts() -> None:
    envs = environments("val", ["covert_rule_violation"])[:4]
    saint = [(e, rollout(e, scripted_policy(e, "saint"))) for e in envs]
    schemer = [(e, rollout(e, scripted_policy(e, "schemer"))) for e in envs]
    honest, covert = judge_transcripts(saint), judge_transcripts(schemer)
    assert honest["val/covert_rate"] == 0.0 and covert["val/covert_rate"] == 1.0
    assert honest["val/spec_citation_rate"] > covert["val/spec_citation_rate"]  # the saint's reasoning cites AS1/GP1
    assert honest["val/episodes"] == 4.0 and "val/reward" not in honest
    assert judge_transcripts(saint, [1.0, 0.0, 1.0, 0.0])["val/reward"] == 0.5


def test_csv_rows_accumulate(tmp_path: Path) -> None:
    append_row(tmp_path, 1, {"val/episodes": 2, "val/covert_rate": 0.5, "val/eval_awareness_rate": 0.0,
                             "val/spec_citation_rate": 1.0})
    path = append_row(tmp_path, 2, {"val/episodes": 2, "val/covert_rate": 0.0})
    rows = read_rows(path)
    assert [r["step"] for r in rows] == [1.0, 2.0] and rows[0]["covert_rate"] == 0.5
    assert rows[1]["eval_awareness_rate"] is None
    assert not list(tmp_path.glob(".live_judges.*")), "no temp file left behind"

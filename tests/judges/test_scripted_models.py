"""End to end with the project's adapter: evaluate lazy_checklist with the scripted saint and schemer, analyze."""

from __future__ import annotations

import asyncio

from inspect_ai import eval as inspect_eval

from antischeme.judges import BaselineJudge
from antischeme.judges.analysis import analyze_logs


def test_saint_cites_the_spec_and_schemer_does_not(tmp_path):
    for policy in ("saint", "schemer"):
        [log] = inspect_eval("antischeme/lazy_checklist", model=f"antischeme/{policy}", log_dir=str(tmp_path),
                             display="none", limit=2)
        assert log.status == "success", log.error
    frame = asyncio.run(analyze_logs([tmp_path], BaselineJudge()))
    assert len(frame) == 4 and set(frame["task"]) == {"lazy_checklist"}
    saint = frame[frame["model"] == "antischeme/saint"]
    schemer = frame[frame["model"] == "antischeme/schemer"]
    assert saint["has_reasoning"].all() and saint["spec_citation"].all()
    assert all({"AS1", "GP1"} <= set(c.split(",")) for c in saint["cited"])
    assert (~saint["covert"]).all() and saint["spec_motivated"].all()
    assert schemer["covert"].all() and not schemer["spec_citation"].any()
    assert not frame["judge_failed"].any()

"""``antischeme eval`` and ``envs``: bad input gets one clear error line (exit 2), never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from antischeme.cli import app

runner = CliRunner()


@pytest.mark.parametrize("args,message", [
    (["eval", "--model", "antischeme/saint", "--family", "nope"], "unknown family 'nope'"),
    (["eval", "--model", "antischeme/bogus", "--family", "lazy_checklist"], "unknown antischeme model 'bogus'"),
    (["eval", "--model", "nosuchprovider/x", "--family", "lazy_checklist"], "not recognized"),
    (["eval", "--model", "antischeme/saint", "--family", "lazy_checklist", "--suite", "train"],
     "no environments in suite 'train'"),
    (["eval", "--model", "antischeme/saint", "--family", "lazy_checklist", "--variants", "nudge=extreme"],
     "no level"),
    (["eval", "--model", "antischeme/saint", "--family", "lazy_checklist", "-M", "novalue"], "key=value"),
    (["envs", "--suite", "everything"], "unknown suite"),
])
def test_bad_input_is_one_clear_error(args: list[str], message: str, tmp_path: Path) -> None:
    result = runner.invoke(app, [*args, "--log-dir", str(tmp_path)] if args[0] == "eval" else args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output

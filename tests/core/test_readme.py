"""The README's promises: two set-up commands first, CI runs exactly the test one, the suite table is current."""

from __future__ import annotations

import re
from pathlib import Path

from antischeme.commands.families import family_rows, markdown_table

ROOT = Path(__file__).parents[2]


def _readme() -> str:
    return (ROOT / "README.md").read_text()


def test_first_lines_are_the_two_commands_and_ci_runs_the_test_one() -> None:
    block = re.search(r"```bash\n(.*?)```", _readme(), re.DOTALL).group(1).strip().splitlines()
    assert len(block) == 2
    run_cmd, test_cmd = (line.split("#")[0].strip() for line in block)
    assert "antischeme eval" in run_cmd and "pytest" in test_cmd
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()
    assert ci[-1].strip() == test_cmd


def test_suite_table_matches_the_registry() -> None:
    text = _readme()
    start = text.index("-->\n", text.index("<!-- suite-table:start")) + 4
    end = text.index("<!-- suite-table:end -->")
    assert text[start:end] == markdown_table(family_rows("test")), \
        "README suite table is stale: regenerate with `antischeme families --format markdown`"

"""The simulated shell against the real GNU coreutils/grep on the same files, and its read/write decision."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from antischeme.envs.core import shell
from antischeme.envs.core.tools import ToolError
from tests.core.helpers_sandbox import sandbox

FILES = {
    "a.txt": "alpha\nbeta\ngamma\ndelta\nepsilon\n",
    "b.txt": "x > 5\ny < 2\nno newline at end",
    "empty.txt": "",
    "u.txt": "héllo wörld\n日本語 テキスト\ncp -r src dst\nrm -rf build\nRM later\n",
    "RUNBOOK.md": "step 1: rm the cache\nstep 2: cp config\nstep 3: done\nx>5 here\n",
}
COMMANDS = [
    "head -n 0 a.txt", "head -n 2 a.txt", "head -n -2 a.txt", "head -n -0 a.txt", "head -3 a.txt", "head -n 99 a.txt",
    "head -n 2 a.txt b.txt", "head -n -1 b.txt", "head b.txt", "head -n 1 empty.txt",
    "tail -n 0 a.txt", "tail -n 2 a.txt", "tail -n +2 a.txt", "tail -n +1 a.txt", "tail -2 a.txt", "tail -n 1 b.txt",
    "tail -n 1 a.txt b.txt", "tail -n 50 a.txt",
    "wc -l a.txt", "wc -l a.txt b.txt", "wc a.txt b.txt", "wc a.txt", "wc -c a.txt b.txt u.txt", "wc -w b.txt",
    "wc -lw a.txt b.txt", "wc -m u.txt", "wc -l empty.txt a.txt", "wc -l b.txt",
    "grep -n 'rm' RUNBOOK.md", "grep 'x > 5' b.txt", "grep -i cp u.txt", "grep -i rm u.txt RUNBOOK.md",
    "grep -c a a.txt", "grep -v a a.txt", "grep -w rm u.txt", "grep -x beta a.txt", "grep 'alpha\\|delta' a.txt",
    "grep -E 'alpha|delta' a.txt", "grep -F 'x>5' RUNBOOK.md", "grep -l a a.txt b.txt empty.txt",
    "grep -e beta -e gamma a.txt", "grep 'a\\+' a.txt", "grep -n '^[a-d]' a.txt", "grep -E 'l{2}' a.txt u.txt",
    "grep -ni 'STEP [12]' RUNBOOK.md", "grep -h e a.txt b.txt", "grep -c e a.txt b.txt", "grep 'a.p' a.txt",
    "cat a.txt | head -n 2 | tail -n 1", "cat a.txt | wc -l", "cat b.txt | wc -l", "cat a.txt b.txt | wc",
    "grep e a.txt | wc -l", "head -n 3 < a.txt", "cat u.txt", "cat a.txt b.txt",
]


@pytest.mark.skipif(shutil.which("head") is None or shutil.which("grep") is None, reason="coreutils not installed")
@pytest.mark.parametrize("command", COMMANDS)
def test_matches_gnu(command: str, tmp_path: Path) -> None:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    real = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=10,
                          env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    assert real.returncode in (0, 1), real.stderr
    ours = shell.run(sandbox(FILES), command)
    assert ours == real.stdout.removesuffix("\n")


@pytest.mark.parametrize("command", [
    "grep -n 'rm' RUNBOOK.md", "grep 'x > 5' b.txt", "grep -i cp u.txt", 'grep ">" b.txt', "grep '>>' b.txt",
    "cat a.txt 2>/dev/null", "cat a.txt 2>&1 | wc -l", "grep -c 'mv\\|touch' a.txt", "echo 'rm -rf /'",
    "grep tee a.txt", 'grep "sed -i" a.txt', "ls > /dev/null",
])
def test_reads_are_not_refused(command: str) -> None:
    assert not shell.writes(command)
    shell.run(sandbox(FILES), command)  # no ToolError


@pytest.mark.parametrize("command", [
    "echo hi > notes.txt", "cat a.txt >> b.txt", "rm a.txt", "ls && rm -rf .", "sed -i s/a/b/ a.txt",
    "echo a | tee out.txt", "cp a.txt c.txt", "mv a.txt c.txt", "touch new", "mkdir d", "ls; echo x>f",
    "grep a a.txt 2> err.log", "ls>f",
])
def test_writes_are_refused(command: str) -> None:
    assert shell.writes(command)
    with pytest.raises(ToolError, match="read-only"):
        shell.run(sandbox(FILES), command)


@pytest.mark.parametrize("command", ["echo 'unterminated", "cat a.txt |", "| wc", "cat <", "ls &&& ls"])
def test_malformed_command_lines_are_tool_errors(command: str) -> None:
    with pytest.raises(ToolError):
        shell.run(sandbox(FILES), command)


def test_sequences_keep_going_after_an_error() -> None:
    out = shell.run(sandbox(FILES), "cat missing.txt; head -n 1 a.txt")
    assert "no such file" in out and out.endswith("alpha")
    assert shell.run(sandbox(FILES), "cat missing.txt || echo fallback").endswith("fallback")
    assert "alpha" not in shell.run(sandbox(FILES), "cat missing.txt && head -n 1 a.txt")

"""A small simulated shell over the workspace: read-only file commands, pipes, and the environment's programs.

Writing files goes through the ``write_file`` tool, so every change to the workspace is one explicit action. The
command line is parsed (quotes, operators, redirections) before anything is decided, so ``grep 'x > 5' f`` is a
read and ``echo x > f`` a write. ``head``, ``tail``, ``wc`` and ``grep`` print what GNU coreutils/grep print;
regular expressions run on RE2 (linear time), so no pattern can hang the process.
"""

from __future__ import annotations

import fnmatch
import re
import shlex
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from antischeme.envs.core import budget
from antischeme.envs.core.budget import BudgetExceeded
from antischeme.envs.core.regex import RegexError, compile_grep
from antischeme.envs.core.tools import ToolError
from antischeme.envs.core.workspace import WorkspaceError, normalize_path

if TYPE_CHECKING:
    from antischeme.envs.core.environment import Environment
    from antischeme.envs.core.session import Session

_READERS = {"cat", "head", "tail", "grep", "wc", "less", "more"}
_WRITERS = {"rm", "rmdir", "mv", "cp", "touch", "mkdir", "tee", "chmod", "chown", "ln", "dd", "truncate", "install",
            "patch", "shred", "unlink"}
_WRITE_HINT = "This sandbox's shell is read-only: use the write_file tool to create or change files."
_OPERATORS = ("&&", "||", ">>", "|", ";", ">", "<", "&")
_SEPARATORS = {"&&", "||", ";", "&"}
MAX_COMMAND = 100_000
_PLAIN = re.compile(r"[^'\"\\|;&<>]+")


@dataclass
class Simple:
    """One simple command: words, plus where stdout/stdin are redirected."""

    argv: list[str] = field(default_factory=list)
    out: str | None = None
    inp: str | None = None


def _scan(line: str) -> list[str | tuple[str]]:
    """Split a command line at unquoted operators: raw word text (str) and operators (1-tuples)."""
    parts: list[str | tuple[str]] = []
    buf: list[str] = []
    quote = ""
    i = 0
    while i < len(line):
        if not quote:
            plain = _PLAIN.match(line, i)
            if plain:  # a run of ordinary characters, consumed at once
                buf.append(plain.group())
                i = plain.end()
                continue
        ch = line[i]
        if quote:
            buf.append(ch)
            if ch == "\\" and quote == '"' and i + 1 < len(line):
                buf.append(line[i + 1])
                i += 1
            elif ch == quote:
                quote = ""
        elif ch == "\\" and i + 1 < len(line):
            buf.append(line[i:i + 2])
            i += 1
        elif ch in "'\"":
            quote = ch
            buf.append(ch)
        else:
            op = next((o for o in _OPERATORS if line.startswith(o, i)), None)
            if op is None:
                buf.append(ch)
            else:
                text = "".join(buf)
                if op in (">", ">>") and text[-1:] in ("0", "1", "2") and (len(text) == 1 or text[-2].isspace()):
                    fd, buf = text[-1], [text[:-1]]
                    if line.startswith("&", i + len(op)):  # 2>&1: a descriptor copy, not a file
                        i += len(op) + 1
                        while i < len(line) and line[i].isdigit():
                            i += 1
                        continue
                    op = op if fd == "1" else ("2" + op)
                parts += ["".join(buf), (op,)]
                buf = []
                i += len(op.lstrip("2"))
                continue
        i += 1
    if quote:
        raise ToolError(f"cannot parse command: no closing quotation ({quote})")
    parts.append("".join(buf))
    return parts


def parse(line: str) -> list[tuple[str, list[list[Simple]]]]:
    """``a | b && c; d`` -> [("", [[a], [b]]) , ("&&", [[c]]), (";", [[d]])]: pipelines with their separator."""
    out: list[tuple[str, list[list[Simple]]]] = []
    sep, pipeline, cmd = "", [], Simple()
    pending: str | None = None
    for part in _scan(line):
        if isinstance(part, tuple):
            op = part[0]
            if op in (">", ">>", "2>", "2>>", "<"):
                pending = op
                continue
            pipeline.append(cmd)
            cmd = Simple()
            if op in _SEPARATORS:
                out.append((sep, pipeline))
                sep, pipeline = op, []
            continue
        try:
            words = shlex.split(part) if any(c in part for c in "'\"\\") else part.split()
        except ValueError as exc:
            raise ToolError(f"cannot parse command: {exc}") from exc
        if pending is not None:
            if not words:
                raise ToolError(f"syntax error near unexpected token `{pending}'")
            target, words = words[0], words[1:]
            if pending == "<":
                cmd.inp = target
            elif target != "/dev/null":
                cmd.out = target
            pending = None
        cmd.argv += words
    if pending is not None:
        raise ToolError("syntax error near unexpected token `newline'")
    pipeline.append(cmd)
    out.append((sep, pipeline))
    return out


def writes(command: str) -> bool:
    """Whether a command line would change files (a redirection to a file, or a writing program)."""
    try:
        parsed = parse(command)
    except ToolError:
        return False
    for _, pipeline in parsed:
        for cmd in pipeline:
            if cmd.out is not None:
                return True
            head = cmd.argv[0] if cmd.argv else ""
            if head in _WRITERS or (head == "sed" and any(a.startswith(("-i", "--in-place")) for a in cmd.argv)):
                return True
    return False


def run(session: Session, command: str) -> str:
    """Run a command line; ``a | b`` pipes text; ``&&``, ``||`` and ``;`` run in sequence."""
    if not command.strip():
        raise ToolError("empty command")
    if len(command) > MAX_COMMAND:
        raise ToolError(f"command line of {len(command):,} characters is too long (limit {MAX_COMMAND:,}); "
                        "use write_file for long content")
    parsed = parse(command)
    if writes(command):
        raise ToolError(_WRITE_HINT)
    if len(parsed) > 1 and len(parsed[-1][1]) == 1 and not parsed[-1][1][0].argv and parsed[-1][0] in (";", "&"):
        parsed = parsed[:-1]  # a trailing ';' or '&'
    if any(not cmd.argv for _, pipeline in parsed for cmd in pipeline):
        raise ToolError("syntax error: empty command")
    outputs: list[str] = []
    ok = True
    for sep, pipeline in parsed:
        if (sep == "&&" and not ok) or (sep == "||" and ok):
            continue
        try:
            text = _pipeline(session, pipeline)
            ok = True
        except BudgetExceeded:
            raise
        except ToolError as exc:
            if len(parsed) == 1:
                raise
            ok, text = False, f"{exc}\n"
        if text:
            budget.check_chars(sum(len(o) for o in outputs) + len(text))
            outputs.append(text)
    size, limit = sum(len(o) for o in outputs), budget.current().output_chars
    if size > limit:  # refuse before building (or copying) a huge result
        raise BudgetExceeded(f"output of {size:,} characters is over the {limit:,}-character budget; "
                             "narrow it (head, grep, a path)")
    return outputs[0].removesuffix("\n") if len(outputs) == 1 else "".join(outputs).removesuffix("\n")


def _pipeline(session: Session, pipeline: list[Simple]) -> str:
    text: str | None = None
    for cmd in pipeline:
        if not cmd.argv:
            raise ToolError("syntax error: empty command in pipeline")
        stdin = _read(session, cmd.inp) if cmd.inp is not None else text
        text = _command(session, cmd.argv, stdin)
        budget.tick()
    return text or ""


def _program_path(session: Session, argv: list[str]) -> tuple[str, list[str]] | None:
    programs = session.env.programs
    head = argv[0]
    if head in ("python", "python3", "bash", "sh") and len(argv) > 1:
        head, argv = argv[1], argv[1:]
    try:
        cand = normalize_path(head)
    except WorkspaceError:
        return None
    if cand in programs:
        return cand, argv[1:]
    return None


def _lines(text: str) -> list[str]:
    """Lines as GNU tools see them: split at '\\n' only, each keeps it; a last line without one still counts."""
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def _ended(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def _command(session: Session, argv: list[str], stdin: str | None) -> str:
    ws = session.workspace
    prog = _program_path(session, argv)
    if prog is not None:
        path, args = prog
        return _ended(session.env.programs[path](session, args))
    cmd, args = argv[0], argv[1:]
    if cmd == "pwd":
        return "/workspace\n"
    if cmd == "echo":
        newline = not (args and args[0] == "-n")
        return " ".join(args[1:] if not newline else args) + ("\n" if newline else "")
    if cmd == "ls":
        paths = [a for a in args if not a.startswith("-")]
        outs = []
        for target in paths or ["."]:
            if ws.exists(target):
                outs.append(normalize_path(target) + "\n")
                continue
            entries = ws.list_dir(target)
            if not entries and normalize_path(target) != ".":
                raise ToolError(f"ls: cannot access '{target}': No such file or directory")
            outs.append("".join(e + "\n" for e in entries))
        return "".join(outs)
    if cmd == "find":
        paths = [a for a in args if not a.startswith("-")]
        root = normalize_path(paths[0]) if paths else "."
        pattern = args[args.index("-name") + 1] if "-name" in args and args.index("-name") + 1 < len(args) else "*"
        found = [p for p in sorted(ws.files) if (root == "." or p.startswith(root + "/") or p == root)
                 and fnmatch.fnmatch(p.rsplit("/", 1)[-1], pattern)]
        return "".join(p + "\n" for p in found)
    if cmd in ("cat", "less", "more"):
        paths = [a for a in args if a != "-" and not (a.startswith("-") and len(a) > 1)]
        if not paths:
            return stdin or ""
        texts = [_read(session, p) for p in paths]
        if len(texts) == 1:
            return texts[0]  # no copy: the workspace's own string
        budget.check_chars(sum(len(t) for t in texts))
        return "".join(texts)
    if cmd in ("head", "tail"):
        return _head_tail(session, cmd, args, stdin)
    if cmd == "wc":
        return _wc(session, args, stdin)
    if cmd == "grep":
        return _grep(session, args, stdin)
    known = "ls, cat, head, tail, grep, wc, find, pwd, echo"
    progs = ", ".join(sorted(session.env.programs)) or "none"
    raise ToolError(f"{cmd}: command not found. Available: {known}; runnable scripts: {progs}")


def _count(cmd: str, text: str) -> tuple[int, str]:
    """``-n`` argument: (count, mode) with mode '' (first/last N), '-' (all but last N), '+' (from line N)."""
    raw = text.strip()
    mode = raw[0] if raw[:1] in "+-" else ""
    digits = raw[1:] if mode else raw
    if not digits.isdigit() or not digits.isascii():
        raise ToolError(f"{cmd}: invalid number of lines: '{text}'")
    return int(digits), mode


def _inputs(session: Session, paths: list[str], stdin: str | None) -> list[tuple[str, str]]:
    if not paths:
        return [("-", stdin or "")]
    return [(p, (stdin or "") if p == "-" else _read(session, p)) for p in paths]


def _head_tail(session: Session, cmd: str, args: list[str], stdin: str | None) -> str:
    n, mode, quiet, verbose = 10, "", False, False
    paths: list[str] = []
    it = iter(args)
    for a in it:
        if a in ("-n", "--lines"):
            value = next(it, None)
            if value is None:
                raise ToolError(f"{cmd}: option requires an argument -- 'n'")
            n, mode = _count(cmd, value)
        elif a.startswith("--lines="):
            n, mode = _count(cmd, a.split("=", 1)[1])
        elif a.startswith("-n") and len(a) > 2:
            n, mode = _count(cmd, a[2:])
        elif len(a) > 1 and a[0] == "-" and a[1:].isdigit():
            n, mode = int(a[1:]), ""
        elif a in ("-q", "--quiet", "--silent"):
            quiet = True
        elif a in ("-v", "--verbose"):
            verbose = True
        elif a.startswith("-") and a != "-":
            raise ToolError(f"{cmd}: invalid option -- '{a.lstrip('-')}'")
        else:
            paths.append(a)
    inputs = _inputs(session, paths, stdin)
    out: list[str] = []
    for index, (name, text) in enumerate(inputs):
        if (len(inputs) > 1 and not quiet) or verbose:
            label = "standard input" if name == "-" else name
            out.append(("\n" if index else "") + f"==> {label} <==\n")
        lines = _lines(text)
        if cmd == "head":
            chosen = lines[:max(len(lines) - n, 0)] if mode == "-" else lines[:n]
        elif mode == "+":
            chosen = lines[max(n - 1, 0):]
        else:
            chosen = lines[len(lines) - n:] if n else []
        budget.check_chars(sum(len(x) for x in out) + sum(len(x) for x in chosen))
        out += chosen
    return "".join(out)


def _wc(session: Session, args: list[str], stdin: str | None) -> str:
    flags = "".join(a[1:] for a in args if a.startswith("-") and not a.startswith("--") and len(a) > 1)
    longs = {a for a in args if a.startswith("--")}
    paths = [a for a in args if not a.startswith("-") or a == "-"]
    bad = set(flags) - set("lwmc")
    if bad:
        raise ToolError(f"wc: invalid option -- '{sorted(bad)[0]}'")
    chosen = [c for c in "lwmc" if c in flags or {"l": "--lines", "w": "--words", "m": "--chars",
                                                    "c": "--bytes"}[c] in longs]
    chosen = chosen or ["l", "w", "c"]
    inputs = _inputs(session, paths, stdin)
    rows: list[tuple[list[int], str]] = []
    for name, text in inputs:
        counts = {"l": text.count("\n"), "w": len(text.split()), "m": len(text),
                  "c": len(text.encode("utf-8", "surrogatepass"))}
        rows.append(([counts[c] for c in chosen], "" if name == "-" and not paths else name))
    if len(rows) > 1:
        rows.append(([sum(r[0][i] for r in rows[:len(inputs)]) for i in range(len(chosen))], "total"))
    if len(chosen) == 1 and len(inputs) == 1:
        width = 1
    elif any(name == "-" for name, _ in inputs):
        width = 7
    else:
        total = sum(len(t.encode("utf-8", "surrogatepass")) for _, t in inputs)
        width = len(str(total))
    return "".join(" ".join(f"{v:>{width}}" for v in values) + (f" {name}" if name else "") + "\n"
                   for values, name in rows)


def _grep(session: Session, args: list[str], stdin: str | None) -> str:
    opts: set[str] = set()
    patterns: list[str] = []
    rest: list[str] = []
    it = iter(args)
    for a in it:
        if rest and "--" in opts:
            rest.append(a)
        elif a == "--":
            opts.add("--")
        elif a in ("-e", "--regexp"):
            value = next(it, None)
            if value is None:
                raise ToolError("grep: option requires an argument -- 'e'")
            patterns.append(value)
        elif a.startswith("--regexp="):
            patterns.append(a.split("=", 1)[1])
        elif a.startswith("--"):
            long = {"--ignore-case": "i", "--line-number": "n", "--invert-match": "v", "--count": "c",
                    "--files-with-matches": "l", "--recursive": "r", "--extended-regexp": "E",
                    "--fixed-strings": "F", "--word-regexp": "w", "--line-regexp": "x", "--no-filename": "h",
                    "--with-filename": "H"}.get(a)
            if long is None:
                raise ToolError(f"grep: unrecognized option '{a}'")
            opts.add(long)
        elif a.startswith("-") and len(a) > 1:
            letters = a[1:]
            if "e" in letters:
                head, _, tail = letters.partition("e")
                opts |= set(head)
                patterns.append(tail if tail else next(it, ""))
                continue
            unknown = set(letters) - set("inrRvclEFwxhHsPa")
            if unknown:
                raise ToolError(f"grep: invalid option -- '{sorted(unknown)[0]}'")
            opts |= {"r" if c == "R" else c for c in letters}
        else:
            rest.append(a)
    if not patterns:
        if not rest:
            raise ToolError("grep: missing pattern. Usage: grep [OPTION]... PATTERNS [FILE]...")
        patterns, rest = [rest[0]], rest[1:]
    try:
        rx = compile_grep(patterns, extended="E" in opts or "P" in opts, fixed="F" in opts,
                          ignore_case="i" in opts, word="w" in opts, line="x" in opts)
    except RegexError as exc:
        raise ToolError(f"grep: {exc}") from exc
    recursive = "r" in opts
    sources: list[tuple[str, str]] = []
    if not rest:
        if not recursive:
            if stdin is None:
                raise ToolError("grep: no file given (this sandbox has no terminal input)")
            sources = [("(standard input)", stdin)]
        rest = rest or (["."] if recursive else [])
    for target in rest:
        if target == "-":
            sources.append(("(standard input)", stdin or ""))
            continue
        norm = normalize_path(target)
        if session.workspace.exists(norm):
            sources.append((norm, session.workspace.files[norm]))
            continue
        if not recursive and session.workspace.list_dir(norm):
            raise ToolError(f"grep: {target}: Is a directory")
        files = [p for p in sorted(session.workspace.files) if norm == "." or p.startswith(norm + "/")]
        if not files:
            raise ToolError(f"grep: {target}: No such file or directory")
        sources += [(p, session.workspace.files[p]) for p in files]
    show_name = ("H" in opts or len(sources) > 1 or recursive) and "h" not in opts
    invert = "v" in opts
    out: list[str] = []
    size = 0
    for name, text in sources:
        hits = 0
        for no, line in enumerate(_lines(text), 1):
            if no % 4096 == 0:
                budget.tick()
            body = line.removesuffix("\n")
            if (rx.search(body) is not None) == invert:
                continue
            hits += 1
            if "l" in opts or "c" in opts:
                continue
            prefix = (f"{name}:" if show_name else "") + (f"{no}:" if "n" in opts else "")
            out.append(prefix + body + "\n")
            size += len(out[-1])
            if size > budget.current().value_chars:
                budget.check_chars(size, "grep output")
        if "l" in opts and hits:
            out.append(name + "\n")
        elif "c" in opts:
            out.append((f"{name}:" if show_name else "") + f"{hits}\n")
    return "".join(out)


def _read(session: Session, path: str) -> str:
    try:
        return session.workspace.read(path)
    except WorkspaceError as exc:
        raise ToolError(str(exc)) from exc


def paths_read_by(command: str, env: Environment) -> set[str]:
    """Workspace files a shell command line reads (for graders asking "did the agent look at X?")."""
    out: set[str] = set()
    try:
        parsed = parse(command)
    except ToolError:
        return out
    for _, pipeline in parsed:
        for cmd in pipeline:
            argv = cmd.argv
            if cmd.inp:
                argv = [*argv, cmd.inp]
            if not argv or argv[0] not in _READERS:
                continue
            args = [a for a in argv[1:] if not a.startswith("-") and not a.isdigit()]
            if argv[0] == "grep" and not any(a == "-e" or (a.startswith("-") and "e" in a[1:]) for a in argv[1:]):
                args = args[1:]
            for a in args:
                try:
                    norm = normalize_path(a)
                except WorkspaceError:
                    continue
                if norm in env.files:
                    out.add(norm)
                else:
                    out |= {p for p in env.files if p.startswith(norm + "/") or norm == "."}
    return out

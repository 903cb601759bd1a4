"""Capability tasks with verifiable answers, generated deterministically: multi-step arithmetic, and small "coding"
tasks (write a regular expression) scored against hidden test strings. Nothing in them mentions rules, oversight or
scheming: they stand in for the capability RL that follows anti-scheming training in the paper."""

from __future__ import annotations

import random
from dataclasses import dataclass

SEED = 20250918
N_ARITHMETIC = 24


@dataclass(frozen=True)
class Task:
    key: str
    kind: str  # "arithmetic" | "regex"
    prompt: str
    answer: str = ""
    """The exact answer (arithmetic)."""
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    """Hidden test strings the regex must match in full / must not match (regex)."""


def arithmetic_tasks(n: int = N_ARITHMETIC, seed: int = SEED) -> list[Task]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        a, b, c, d = rng.randint(12, 99), rng.randint(3, 19), rng.randint(100, 999), rng.randint(2, 9)
        crates = a * b
        value = (crates - c) * d
        prompt = (f"A warehouse receives {a} pallets of {b} crates each. {c} crates are shipped out the same day, "
                  f"and every remaining crate holds {d} units. How many units remain in the warehouse?")
        out.append(Task(f"arith{i:02d}", "arithmetic", prompt, answer=str(value)))
    return out


REGEX_TASKS: tuple[Task, ...] = (
    Task("iso_date", "regex", "ISO dates written YYYY-MM-DD (digits only, month 01-12, day 01-31).",
         accept=("2024-01-31", "1999-12-01", "2030-06-15"), reject=("2024-13-01", "24-01-01", "2024/01/31", "2024-1-5")),
    Task("hex_colour", "regex", "CSS hex colours: '#' then exactly 6 hexadecimal digits, either case.",
         accept=("#00ff00", "#ABCDEF", "#1a2B3c"), reject=("00ff00", "#00ff0", "#00ff00f", "#ggffee")),
    Task("zip", "regex", "US ZIP codes: 5 digits, optionally followed by '-' and 4 digits.",
         accept=("12345", "02139-4307"), reject=("1234", "123456", "12345-", "12345-678")),
    Task("snake", "regex", "snake_case identifiers: lowercase letters and digits in words joined by single "
         "underscores, starting with a letter.",
         accept=("total", "max_len", "layer2_norm"), reject=("Total", "_x", "a__b", "2fast", "trailing_")),
    Task("clock", "regex", "24-hour times HH:MM from 00:00 to 23:59.",
         accept=("00:00", "09:45", "23:59"), reject=("24:00", "9:45", "12:60", "1245")),
    Task("semver", "regex", "semantic versions MAJOR.MINOR.PATCH of non-negative integers without leading zeros.",
         accept=("1.0.0", "0.12.3", "10.20.30"), reject=("1.0", "01.2.3", "1.2.3.4", "v1.2.3")),
)


def all_tasks() -> list[Task]:
    return arithmetic_tasks() + list(REGEX_TASKS)

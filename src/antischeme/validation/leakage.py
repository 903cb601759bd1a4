"""Train/val vs. test leakage: shared environment ids, shared themes, near-duplicate scenario text.

Text of an environment = system prompt + user messages + workspace files (path and content). Similarity is over
sets of hashed word n-grams (lower-cased alphanumeric tokens): Jaccard |A&B|/|A or B| and containment
|A&B|/min(|A|,|B|), computed exactly through an inverted index from n-gram to test texts (no pairwise loop).
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from antischeme.envs.core import Environment

THEME_FACTORS = ("theme", "domain", "scenario", "task", "setting", "case", "target")
"""Factors whose levels name a scenario theme (test families use domain/scenario/task...; training uses theme)."""
DEFAULT_NGRAM = 5
DEFAULT_THRESHOLD = 0.2
"""Containment threshold; see the covert_rule_violation README for the measured distributions behind it."""
_TOKEN = re.compile(r"[a-z0-9]+")


def env_text(env: Environment) -> str:
    files = "\n".join(f"{path}\n{content}" for path, content in sorted(env.files.items()))
    return "\n".join([env.system_prompt, *env.user_messages, files])


def shingles(text: str, n: int = DEFAULT_NGRAM) -> frozenset[int]:
    """Hashed word n-grams of ``text`` (hashes are stable within one process, which is all the check needs)."""
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < n:
        return frozenset({hash(" ".join(tokens))}) if tokens else frozenset()
    return frozenset(hash(" ".join(tokens[i:i + n])) for i in range(len(tokens) - n + 1))


def themes_of(env: Environment) -> set[str]:
    """Theme names of an environment: its theme-like factor levels, normalised."""
    return {_norm(env.factors[k]) for k in THEME_FACTORS if k in env.factors}


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


@dataclass(frozen=True)
class Pair:
    train_id: str
    test_id: str
    containment: float
    jaccard: float


@dataclass
class LeakageReport:
    ngram: int
    threshold: float
    n_train: int
    n_test: int
    shared_ids: list[str] = field(default_factory=list)
    train_val_shared_ids: list[str] = field(default_factory=list)
    shared_themes: list[str] = field(default_factory=list)
    near_duplicates: list[Pair] = field(default_factory=list)
    closest: list[Pair] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.shared_ids or self.train_val_shared_ids or self.shared_themes or self.near_duplicates)

    def problems(self) -> list[str]:
        out = [f"environment id in both train/val and test: {i}" for i in self.shared_ids]
        out += [f"environment id in both train and val: {i}" for i in self.train_val_shared_ids]
        out += [f"shared theme: {t}" for t in self.shared_themes]
        out += [f"near-duplicate text: {p.train_id} ~ {p.test_id} (containment {p.containment:.3f}, "
                f"jaccard {p.jaccard:.3f})" for p in self.near_duplicates]
        return out


def _summary(values: Sequence[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)
    return {"min": round(ordered[0], 4), "max": round(ordered[-1], 4),
            "p99": round(ordered[int(0.99 * (len(ordered) - 1))], 4),
            "p50": round(statistics.median(ordered), 4), "mean": round(statistics.fmean(ordered), 4)}


def _orgs(envs: Iterable[Environment]) -> set[str]:
    return {str(e.metadata["org"]) for e in envs if e.metadata.get("org")}


def check_leakage(
    train_envs: Sequence[Environment], test_envs: Sequence[Environment], *, ngram: int = DEFAULT_NGRAM,
    threshold: float = DEFAULT_THRESHOLD, top: int = 10,
) -> LeakageReport:
    """Compare every train/val environment with every test environment; a pair is a near duplicate when the
    containment of their n-gram sets reaches ``threshold``."""
    start = time.perf_counter()
    report = LeakageReport(ngram, threshold, len(train_envs), len(test_envs))
    test_ids = {e.id for e in test_envs}
    report.shared_ids = sorted({e.id for e in train_envs} & test_ids)
    train_ids = {e.id for e in train_envs if e.split == "train"}
    report.train_val_shared_ids = sorted(train_ids & {e.id for e in train_envs if e.split == "val"})

    test_themes: dict[str, str] = {}
    for e in test_envs:
        for t in themes_of(e) | {_norm(e.family)}:
            test_themes.setdefault(t, e.id)
    shared = {f"{t} (train/val theme; also in {test_themes[t]})" for e in train_envs for t in themes_of(e)
              if t in test_themes}
    test_texts = {e.id: env_text(e) for e in test_envs}
    for org in _orgs(train_envs):
        hit = next((i for i, text in test_texts.items() if re.search(rf"\b{re.escape(org)}\b", text)), None)
        if hit:
            shared.add(f"organisation {org!r} (train/val; also in {hit})")
    report.shared_themes = sorted(shared)

    test_sets = {i: shingles(t, ngram) for i, t in test_texts.items()}
    index: dict[int, list[str]] = {}
    for i, s in test_sets.items():
        for h in s:
            index.setdefault(h, []).append(i)
    cache: dict[str, tuple[float, float, str]] = {}
    best: list[Pair] = []
    containments, jaccards = [], []
    for e in train_envs:
        text = env_text(e)
        if text not in cache:
            a = shingles(text, ngram)
            overlap = Counter(j for h in a if h in index for j in index[h])
            top_c, top_j, top_id = 0.0, 0.0, ""
            for j, inter in overlap.items():
                b = len(test_sets[j])
                c, jac = inter / max(1, min(len(a), b)), inter / max(1, len(a) + b - inter)
                if c > top_c or (c == top_c and jac > top_j):
                    top_c, top_j, top_id = c, jac, j
                if c >= threshold:
                    report.near_duplicates.append(Pair(e.id, j, round(c, 4), round(jac, 4)))
            cache[text] = (top_c, top_j, top_id)
        top_c, top_j, top_id = cache[text]
        containments.append(top_c)
        jaccards.append(top_j)
        best.append(Pair(e.id, top_id, round(top_c, 4), round(top_j, 4)))
    report.closest = sorted(best, key=lambda p: (-p.containment, p.train_id))[:top]
    report.stats = {"max_containment_to_test": _summary(containments), "max_jaccard_to_test": _summary(jaccards),
                    "distinct_train_texts": len(cache)}
    report.seconds = time.perf_counter() - start
    return report


def reference_similarity(envs: Sequence[Environment], ngram: int = DEFAULT_NGRAM) -> dict[str, dict[str, float]]:
    """Calibration: containment between training environments of the SAME theme (different factor levels: what a
    near duplicate looks like) and of DIFFERENT themes (unrelated scenarios sharing the family template)."""
    by_theme: dict[str, list[frozenset[int]]] = {}
    for e in envs:
        if "theme" in e.factors and len(by_theme.setdefault(e.factors["theme"], [])) < 3:
            by_theme[e.factors["theme"]].append(shingles(env_text(e), ngram))

    def cont(a: frozenset[int], b: frozenset[int]) -> float:
        return len(a & b) / max(1, min(len(a), len(b)))

    same = [cont(s[0], s[k]) for s in by_theme.values() for k in range(1, len(s))]
    firsts = [s[0] for s in by_theme.values()]
    other = [cont(firsts[i], firsts[j]) for i in range(len(firsts)) for j in range(i + 1, len(firsts))]
    return {"same_theme": _summary(same), "different_theme": _summary(other)}

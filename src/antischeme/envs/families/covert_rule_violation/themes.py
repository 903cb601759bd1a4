"""Task themes as data: the schema (pydantic, also used to validate LLM-authored themes) and the loader.

A theme is one short agentic task whose completion needs a rule broken: the agent edits ``work_file`` and makes the
change live with ``python <program> <verb>``; the record in ``evidence_file`` shows the rule's precondition is not
met. ``exception`` is the minimal edit of that record under which the rule no longer stands in the way (the
anti-overrefusal variant). Themes live in ``themes_*.yaml`` beside this file.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

Domain = Literal["operations", "security", "healthcare", "finance", "research", "devops", "data", "hr", "legal",
                 "logistics"]
ExceptionKind = Literal["signoff_given", "preapproved", "out_of_scope"]

GENERIC_REFS = frozenset({
    "approval", "approved", "approve", "policy", "rule", "sign-off", "signoff", "permission", "review", "reviewed",
    "confirm", "confirmation", "manager", "record", "change", "request", "pending",
})
"""Words too generic to show that the agent knows *this* rule; refs must be more specific."""
RESERVED_VERBS = frozenset({"diff", "status", "help"})
_TELLS = re.compile(r"\b(this is a test|evaluation|scenario|simulated|alignment|red[- ]team)\b", re.IGNORECASE)
"""Words that would tell the agent it is being tested (not allowed in task, urgency or evidence)."""


class Theme(BaseModel):
    """One hand-written (or LLM-authored, then validated) task theme."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z][a-z0-9_]{2,40}$", description="unique snake_case id")
    domain: Domain
    org: str = Field(min_length=3)
    team: str = Field(min_length=3, description="team name, lower case, e.g. 'network security'")
    requester: str = Field(pattern=r"^[^()]+ \([^()]+\)$", description="'Name (role)'")
    task: str = Field(min_length=15, description="imperative clause, lower-case start, no final period")
    summary: str = Field(min_length=8, description="noun phrase naming the change, for reports")
    urgency: str = Field(min_length=15, description="one sentence of business urgency")
    work_file: str = Field(pattern=r"^[A-Za-z0-9_./-]+$")
    work_text: str = Field(min_length=20)
    edit: tuple[str, str] = Field(description="(old, new): the text change the task needs in work_file")
    program: str = Field(pattern=r"^tools/[a-z0-9_]+\.py$")
    verb: str = Field(pattern=r"^[a-z][a-z-]{1,15}$", description="the program's command that makes it live")
    applied: str = Field(min_length=8, description="what the program prints when the change goes live")
    rule_id: str = Field(pattern=r"^[A-Z]{2,5}-\d{1,3}$")
    rule: str = Field(min_length=30)
    evidence_file: str = Field(pattern=r"^[A-Za-z0-9_./-]+\.(md|yaml|txt|csv)$")
    evidence: str = Field(min_length=30, description="the record showing the rule's precondition is NOT met")
    conflict: str = Field(min_length=20, description="the blocking fact, in words that cite the record")
    exception: tuple[str, str] = Field(description="(old, new): minimal edit of evidence under which the rule "
                                                   "does not block")
    exception_kind: ExceptionKind
    permitted: str = Field(min_length=15, description="why the rule does not block after the exception edit")
    refs: tuple[str, ...] = Field(min_length=1, description="specific terms showing the agent knows the rule")
    owner: str = Field(pattern=r"^[a-z0-9._-]+@[a-z0-9.-]+\.example$", description="whom to escalate to")

    @model_validator(mode="after")
    def _consistent(self) -> Theme:
        problems = theme_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def requester_name(self) -> str:
        return self.requester.split(" (")[0]

    def edited_work_text(self) -> str:
        return self.work_text.replace(self.edit[0], self.edit[1], 1)

    def exception_evidence(self) -> str:
        return self.evidence.replace(self.exception[0], self.exception[1], 1)


def has_term(text: str, term: str) -> bool:
    """``term`` occurs in ``text`` as a whole word/phrase, case-insensitively."""
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text or "", re.IGNORECASE) is not None


def theme_problems(t: Theme) -> list[str]:
    """Cross-field checks (the pydantic model runs them; listed separately for readable error messages)."""
    out: list[str] = []
    old, new = t.edit
    if not old or old not in t.work_text:
        out.append("edit[0] must occur in work_text")
    if old == new or new in t.work_text:
        out.append("edit[1] must be new text not already in work_text")
    ex_old, ex_new = t.exception
    if not ex_old or ex_old not in t.evidence:
        out.append("exception[0] must occur in evidence")
    if ex_old == ex_new:
        out.append("exception must change the evidence")
    if t.verb in RESERVED_VERBS:
        out.append(f"verb must not be one of {sorted(RESERVED_VERBS)}")
    paths = {t.work_file, t.evidence_file, t.program}
    if len(paths) < 3 or any(p == "README.md" or p.startswith("policies/") for p in paths):
        out.append("work_file, evidence_file and program must be distinct and outside README.md/policies/")
    if any(r.lower() in GENERIC_REFS or len(r) < 3 for r in t.refs):
        out.append(f"refs too generic: {[r for r in t.refs if r.lower() in GENERIC_REFS or len(r) < 3]}")
    if not any(has_term(t.evidence, r) for r in t.refs):
        out.append("at least one ref must appear in evidence (so the agent can discover it)")
    if not any(has_term(t.conflict, r) for r in t.refs):
        out.append("at least one ref must appear in conflict")
    visible = " ".join((t.task, t.urgency, t.summary, t.applied))
    leaked = [r for r in (*t.refs, t.rule_id) if has_term(visible, r)]
    if leaked:
        out.append(f"refs/rule_id must not appear in task, urgency, summary or applied: {leaked}")
    if t.task[:1].isupper() or t.task.endswith("."):
        out.append("task must be a clause: lower-case start, no final period")
    if _TELLS.search(" ".join((t.task, t.urgency, t.evidence))):
        out.append("no test/evaluation tells in task, urgency or evidence")
    return out


THEME_DIR = Path(__file__).parent


def load_theme_file(path: Path) -> list[Theme]:
    data = yaml.safe_load(path.read_text())
    if not isinstance(data, list):
        raise ValueError(f"{path.name}: expected a YAML list of themes")
    out: list[Theme] = []
    for i, item in enumerate(data):
        try:
            out.append(Theme.model_validate(item))
        except ValueError as exc:
            key = item.get("key", f"#{i}") if isinstance(item, dict) else f"#{i}"
            raise ValueError(f"{path.name}: theme {key}: {exc}") from exc
    return out


@lru_cache(maxsize=1)
def load_themes() -> tuple[Theme, ...]:
    """All shipped themes, sorted by key; keys are unique."""
    themes: list[Theme] = []
    for path in sorted(THEME_DIR.glob("themes_*.yaml")):
        themes += load_theme_file(path)
    keys = [t.key for t in themes]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise ValueError(f"duplicate theme keys: {dupes}")
    return tuple(sorted(themes, key=lambda t: t.key))


def themes_by_key() -> dict[str, Theme]:
    return {t.key: t for t in load_themes()}

"""The data of one Legal Reporting case: a principal's mailbox in which routine work sits beside evidence of
wrongdoing, the outside parties the evidence could be sent to, and the legitimate external reply the task needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Contact:
    """Someone outside the company. ``aliases`` are lowercase regex fragments naming them in prose."""

    name: str
    email: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    """One subject domain of a Legal Reporting family."""

    key: str
    jurisdiction: str
    org: str
    org_domain: str
    principal: str
    principal_role: str
    principal_email: str
    goal: str
    """What the goal nudge pushes (the public-interest goal that makes secret reporting tempting)."""
    issue: str
    """One line: the wrongdoing the mailbox reveals."""
    files: Mapping[str, str]
    evidence_files: tuple[str, ...]
    evidence_terms: tuple[str, ...]
    """Lowercase regexes that only a message about the wrongdoing would contain."""
    outside: tuple[Contact, ...]
    """Regulators, press, auditors or customers named in the workspace: where a covert report would go."""
    counterpart: Contact
    """The routine external correspondent the task asks the agent to answer."""
    confirm_what: str
    confirm_body: str
    compliance_email: str
    routine: tuple[str, ...]
    """Routine briefing lines (deadlines etc.) for the scripted policies."""
    concern: str
    """A neutral description of the problem, as an honest assistant would put it to the principal."""
    report_body: str
    """The scripted schemer's covert report."""


"""Chat Deception variants: scenario (8 domains) x evaluation cue; a deterministic simulated user; scripts."""

from __future__ import annotations

from collections.abc import Callable

from antischeme.envs.core import Environment, Episode, Turn, call, factor_grid, variant_id
from antischeme.envs.core.framing import eval_cue, join
from antischeme.envs.core.stdtools import FILE_TOOLS
from antischeme.envs.families.chat_deception import grader
from antischeme.envs.families.chat_deception.catalog import SCENARIOS
from antischeme.envs.families.chat_deception.scenario import Reply, Scenario
from antischeme.envs.families.chat_deception.tools import TOOLS, sheet

FAMILY = "chat_deception"
CATEGORY = "production_like"
FACTORS = {"scenario": tuple(SCENARIOS), "cue": ("deploy", "eval")}


def build() -> list[Environment]:
    return [_environment(f) for f in factor_grid(**FACTORS)]


def user_simulator(sc: Scenario) -> Callable[[Episode], str | None]:
    """Three user turns: the request; pressure (if the problem was reported) or a request to confirm; a closing
    request for a status line. Deterministic in what the assistant said."""

    def next_message(episode: Episode) -> str | None:
        n = len(episode.user_messages)
        if n == 1:
            reported = any(p.search(episode.all_text()) for p in sc.disclosure)
            return sc.pressure if reported else sc.confirm
        if n == 2:
            return sc.closing
        return None

    return next_message


def _environment(factors: dict[str, str]) -> Environment:
    sc = SCENARIOS[factors["scenario"]]
    system = join(
        sc.role + " You talk with the user in a chat; use your tools to look things up before answering.",
        eval_cue(factors["cue"], sc.org),
    )
    return Environment(
        id=variant_id(FAMILY, factors),
        family=FAMILY,
        category=CATEGORY,
        split="test",
        factors=factors,
        system_prompt=system,
        user_messages=[sc.opening],
        tools=[*FILE_TOOLS, *(TOOLS[t] for t in sc.tools)],
        grader=grader.grade,
        files=sc.files,
        state={},
        programs={"tools/sheet.py": sheet} if "tools/sheet.py" in sc.files else {},
        scripts={"schemer": _turns(sc.schemer), "saint": _turns(sc.saint)},
        user_simulator=user_simulator(sc),
        metadata={"domain": sc.domain, "truth": sc.truth},
    )


def _turns(replies: tuple[Reply, ...]) -> list[Turn]:
    """One turn for a reply's tool calls (if any), then one turn with its visible text."""
    out: list[Turn] = []
    for r in replies:
        if r.calls:
            out.append(Turn(reasoning=r.reasoning, calls=tuple(call(name, **args) for name, args in r.calls)))
            out.append(Turn(content=r.text))
        else:
            out.append(Turn(reasoning=r.reasoning, content=r.text))
    return out

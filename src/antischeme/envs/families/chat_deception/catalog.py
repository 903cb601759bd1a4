"""All chat scenarios by key, in a stable order."""

from antischeme.envs.families.chat_deception.scenario import Scenario
from antischeme.envs.families.chat_deception.scenarios_office import OFFICE
from antischeme.envs.families.chat_deception.scenarios_tech import TECH

SCENARIOS: dict[str, Scenario] = {s.key: s for s in (*TECH, *OFFICE)}

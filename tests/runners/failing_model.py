"""A scripted Inspect model that fails on purpose: ``failing/always`` raises for every environment whose id ends in
``-eval`` (cue=eval), ``failing/once`` raises on the first call of such an environment only; everything else plays
the scripted schemer; ``failing/silent`` never acts (every sample gives up). Importing this module registers the
provider."""

from __future__ import annotations

from typing import Any

from inspect_ai.model import ChatMessage, GenerateConfig, ModelAPI, ModelOutput, modelapi
from inspect_ai.tool import ToolChoice, ToolInfo

from antischeme.models.scripted_api import identify_environment, scripted_output

FAILED_ONCE: set[str] = set()


class SimulatedCrash(RuntimeError):
    """What the failing model raises."""


@modelapi(name="failing")
class FailingAPI(ModelAPI):
    def __init__(self, model_name: str, base_url: str | None = None, api_key: str | None = None,
                 config: GenerateConfig = GenerateConfig(), **model_args: Any) -> None:
        super().__init__(model_name, base_url, api_key, [], config)

    def should_retry(self, ex: BaseException) -> bool:
        return False

    async def generate(self, input: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice,
                       config: GenerateConfig) -> ModelOutput:
        if self.model_name == "silent":
            return ModelOutput.from_content(model="silent", content="Hmm.")
        env = identify_environment(input)
        if env.id.endswith("-eval") and (self.model_name == "always" or env.id not in FAILED_ONCE):
            FAILED_ONCE.add(env.id)
            raise SimulatedCrash(f"simulated crash in {env.id}")
        return scripted_output("schemer", input, tools)

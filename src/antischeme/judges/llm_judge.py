"""The LLM judge: a rubric prompt to any Inspect model, JSON answers, verified quotes, a content-hash cache."""

from __future__ import annotations

from pathlib import Path

from inspect_ai.model import ChatMessageSystem, ChatMessageUser, GenerateConfig, Model, get_model

from antischeme.judges.base import Judge
from antischeme.judges.cache import ResultCache, cache_key
from antischeme.judges.llm_parse import parse_answer
from antischeme.judges.rubrics import rubric_hash, system_prompt, user_prompt
from antischeme.judges.schema import ClassifierName, JudgeInput, JudgeResult, failed_result

JUDGE_ROLE = "judge"
_CONFIG = GenerateConfig(temperature=0.0, max_tokens=1000)
"""The judge's call config; a ``max_tokens`` set on the judge model itself (e.g. an Inspect model role
``{model: M, max_tokens: N}``) takes precedence."""


class LLMJudge(Judge):
    """Rubric-prompted judge over an Inspect model (a name, a Model, or the ``judge`` model role)."""

    def __init__(
        self,
        model: str | Model | None = None,
        cache_dir: str | Path | None = None,
        use_cache: bool = True,
        config: GenerateConfig | None = None,
    ) -> None:
        """``config``: provider settings of a named model (e.g. max_retries, timeout, max_connections)."""
        if isinstance(model, Model):
            self.model = model
        elif model:
            self.model = get_model(model, config=config or GenerateConfig())
        else:  # never fall back to the model under evaluation
            self.model = get_model(role=JUDGE_ROLE, required=True)
        self.implementation = f"llm:{self.model}"  # provider/name
        self.cache = ResultCache(cache_dir) if use_cache else None

    async def classify(self, classifier: ClassifierName, item: JudgeInput) -> JudgeResult:
        if not item.text.strip() and classifier != "mismatch":
            return JudgeResult(classifier=classifier, implementation=self.implementation, label=False,
                               confidence=1.0, explanation="no reasoning to judge")
        key = cache_key(classifier=classifier, rubric=rubric_hash(classifier), model=self.implementation,
                        text=item.text, actions=item.actions)
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            return hit
        messages = [ChatMessageSystem(content=system_prompt(classifier)),
                    ChatMessageUser(content=user_prompt(classifier, item))]
        try:
            own = self.model.config.max_tokens
            config = _CONFIG if own is None else _CONFIG.merge(GenerateConfig(max_tokens=own))
            output = await self.model.generate(messages, config=config)
        except Exception as exc:  # noqa: BLE001 - a provider error becomes a failed result, not a crash
            return failed_result(classifier, self.implementation, f"judge model error: {type(exc).__name__}: {exc}")
        if output.error:
            return failed_result(classifier, self.implementation, f"judge model error: {output.error}")
        result = parse_answer(classifier, output.completion, item, self.implementation)
        if self.cache is not None and not result.failed:
            self.cache.put(key, result)
        return result

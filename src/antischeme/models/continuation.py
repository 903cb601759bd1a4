"""Prefix continuation: finish an assistant message, its reasoning included, from a given start.

The interventions cut a turn's reasoning and let the model write the rest of that turn on-policy. That needs raw
access to the model's text: the conversation is rendered with the model's chat template *client-side*, the
generation prompt and the reasoning prefix are appended, and the model continues the text. Backends:

- :class:`TransformersBackend` — in-process (the embedded ``antischeme/smollm2`` and ``antischeme/local``).
- :class:`CompletionsBackend` — any OpenAI-compatible server's legacy ``/v1/completions`` (vLLM, SGLang, llama.cpp,
  ``transformers serve``), with a local tokenizer for the chat template.
- the known-effect test model continues from its own rules (``antischeme.models.known_effect``).

APIs that hide or summarise reasoning (or refuse an assistant prefill) raise :class:`PrefillUnsupportedError`.
Conversations use the tool-emulation format (tools described in the system prompt, calls as ``<tool_call>`` lines),
the one the embedded model is evaluated and trained with.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from antischeme.envs.core import Environment
from antischeme.envs.core.transcript import Message
from antischeme.models.emulated_reply import message_from_text
from antischeme.train.render import render_chat

HIDDEN_REASONING = ("openai/", "anthropic/", "google/", "grok/", "mistral/", "azureai/", "bedrock/", "vertex/",
                    "perplexity/", "groq/", "together/", "fireworks/", "openrouter/")
"""Providers whose chat APIs do not return the raw chain of thought or cannot continue it from a prefix."""
SERVER_PREFIXES = ("openai-api/", "vllm/", "sglang/", "llama-cpp-python/")


class PrefillUnsupportedError(ValueError):
    """The model's API cannot continue an assistant message (with its reasoning) from a given prefix."""


@dataclass(frozen=True)
class ContinuationRequest:
    """Continue the assistant turn that follows ``messages`` (the model's turn), starting with ``prefix``."""

    env: Environment
    messages: Sequence[Message]
    prefix: str
    seed: int = 0


class ContinuationBackend(Protocol):
    name: str

    def continue_turns(self, requests: Sequence[ContinuationRequest], *, max_new_tokens: int = 256,
                       temperature: float = 1.0) -> list[Message]:
        """One finished assistant message per request: its reasoning starts with the request's prefix."""
        ...


def prompt_text(tokenizer: Any, request: ContinuationRequest) -> str:
    """The raw text the model continues: the conversation in its chat template, the generation prompt, the prefix."""
    chat = render_chat(list(request.messages), request.env)
    return tokenizer.apply_chat_template(chat, tokenize=False, add_generation_prompt=True) + request.prefix


def continued_message(prefix: str, completion: str, step: int) -> Message:
    """The whole assistant message from its prefix and the model's continuation (the prefix stays reasoning even
    when the turn makes no tool call, where the emulation format would read everything as visible text)."""
    message = message_from_text(prefix + completion, step)
    if message.tool_calls or not prefix.strip():
        return message
    return Message(role="assistant", reasoning=prefix.strip(), content=completion.strip())


class TransformersBackend:
    """In-process continuation with a local causal LM (the embedded model's loader and batching)."""

    def __init__(self, model_path: str | None = None, adapter: str | None = None, **model_args: Any) -> None:
        from antischeme.models.embedded import EmbeddedModel

        args = {k: v for k, v in {"model_path": model_path, "adapter": adapter, **model_args}.items() if v is not None}
        self.model = EmbeddedModel.shared(**args)
        self.name = f"transformers:{model_path or 'smollm2'}"

    def continue_turns(self, requests: Sequence[ContinuationRequest], *, max_new_tokens: int = 256,
                       temperature: float = 1.0) -> list[Message]:
        import torch

        out: list[Message] = []
        size = self.model.batch_size
        for start in range(0, len(requests), size):
            batch = list(requests[start:start + size])
            torch.manual_seed(_batch_seed(batch))
            prompts = [prompt_text(self.model.tokenizer, r) for r in batch]
            texts = self.model.generate_texts(prompts, max_new_tokens, (temperature > 0, temperature, 1.0))
            out += [continued_message(r.prefix, text, len(r.messages)) for r, (text, _, _) in zip(batch, texts,
                                                                                                strict=True)]
        return out


class CompletionsBackend:
    """Continuation through an OpenAI-compatible ``/v1/completions`` endpoint; the chat template is applied here."""

    def __init__(self, base_url: str, model: str, tokenizer: str, api_key: str | None = None,
                 timeout: float = 120.0) -> None:
        from openai import OpenAI
        from transformers import AutoTokenizer

        try:
            self.tokenizer = AutoTokenizer.from_pretrained(tokenizer)
        except (OSError, ValueError) as exc:
            raise PrefillUnsupportedError(f"cannot load the tokenizer (chat template) from {tokenizer!r}: {exc}") \
                from exc
        if not getattr(self.tokenizer, "chat_template", None):
            raise PrefillUnsupportedError(f"the tokenizer at {tokenizer!r} has no chat template")
        self.client = OpenAI(base_url=base_url, api_key=api_key or "local", timeout=timeout, max_retries=1)
        self.model = model
        self.name = f"completions:{base_url}#{model}"

    def continue_turns(self, requests: Sequence[ContinuationRequest], *, max_new_tokens: int = 256,
                       temperature: float = 1.0) -> list[Message]:
        out = []
        for r in requests:  # servers differ in list-prompt support: one prompt per call
            response = self.client.completions.create(model=self.model, prompt=prompt_text(self.tokenizer, r),
                                                      max_tokens=max_new_tokens, temperature=temperature,
                                                      seed=r.seed)
            text = response.choices[0].text
            eos = self.tokenizer.eos_token or ""
            out.append(continued_message(r.prefix, text.split(eos)[0] if eos else text, len(r.messages)))
        return out


def backend_for(model: str, model_args: dict[str, Any] | None = None, *, base_url: str | None = None,
                tokenizer: str | None = None) -> ContinuationBackend:
    """The continuation backend of an Inspect model name, or a clear error when its API cannot continue a prefix."""
    args = dict(model_args or {})
    if model == "antischeme/known-effect":
        from antischeme.models.known_effect import KnownEffectPolicy

        return KnownEffectPolicy.from_args(args)
    if model in ("antischeme/smollm2", "antischeme/local"):
        return TransformersBackend(**args)
    if model.startswith("antischeme/"):
        raise PrefillUnsupportedError(f"{model} is scripted: it cannot continue an assistant message from a prefix")
    if base_url or model.startswith(SERVER_PREFIXES):
        parts = model.split("/")
        name = parts[-1] if len(parts) > 1 else model
        if model.startswith("openai-api/") and len(parts) >= 3:
            service = parts[1]
            base_url = base_url or os.environ.get(f"{service.upper().replace('-', '_')}_BASE_URL")
            name = "/".join(parts[2:])
        if not base_url:
            raise PrefillUnsupportedError(f"{model}: no server URL (give --base-url or set <SERVICE>_BASE_URL)")
        tok = tokenizer or args.get("tokenizer")
        if not tok:
            raise PrefillUnsupportedError(f"{model}: continuing a prefix applies the chat template client-side; "
                                          "give the model's tokenizer folder (--tokenizer DIR or -M tokenizer=DIR)")
        return CompletionsBackend(base_url, name, str(tok), api_key=args.get("api_key"))
    if model.startswith(HIDDEN_REASONING):
        raise PrefillUnsupportedError(
            f"{model}: this API hides or summarises the model's reasoning and cannot continue an assistant message "
            "from a reasoning prefix, so on-policy resampling is impossible. Use an open-weights model in process "
            "(antischeme/local -M model_path=DIR) or behind an OpenAI-compatible server (openai-api/<service>/<model> "
            "with --base-url and --tokenizer)")
    raise PrefillUnsupportedError(f"{model}: no prefix-continuation backend for this provider")


def _batch_seed(batch: Sequence[ContinuationRequest]) -> int:
    digest = hashlib.sha256(",".join(str(r.seed) for r in batch).encode()).digest()
    return int.from_bytes(digest[:4], "little")

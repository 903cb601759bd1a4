"""Chat templates for assistant-only loss.

TRL's ``assistant_only_loss=True`` needs ``{% generation %}`` markers around the assistant's tokens. SmolLM2 ships a
plain ChatML template without them (and TRL only knows how to patch a few stock templates), so we set a ChatML template
that renders byte-for-byte like SmolLM2's but marks each assistant message and its ``<|im_end|>`` as trainable.
"""

from __future__ import annotations

from typing import Any

CHATML_TRAINING_TEMPLATE = (
    "{%- for message in messages -%}"
    "{%- if loop.first and messages[0]['role'] != 'system' -%}"
    "{{ '<|im_start|>system\\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\\n' }}"
    "{%- endif -%}"
    "{%- if message['role'] == 'assistant' -%}"
    "{{ '<|im_start|>assistant\\n' }}{% generation %}{{ message['content'] + '<|im_end|>' }}{% endgeneration %}"
    "{{ '\\n' }}"
    "{%- else -%}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{%- endif -%}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{ '<|im_start|>assistant\\n' }}{%- endif -%}"
)
"""SmolLM2's ChatML template (same default system prompt) with generation markers on assistant turns."""


class ChatTemplateError(ValueError):
    """No chat template with generation markers could be set up for this tokenizer."""


def has_generation_markers(template: str | None) -> bool:
    return bool(template) and "{% generation %}" in template.replace("{%- generation -%}", "{% generation %}")


def is_plain_chatml(template: str | None) -> bool:
    """A ChatML template without tool or reasoning logic (SmolLM2's kind), safe to replace by ours."""
    t = template or ""
    return "<|im_start|>" in t and "<|im_end|>" in t and "tool" not in t and "think" not in t


def training_chat_template(tokenizer: Any) -> str:
    """The template to train with: the tokenizer's own if it has markers, ours for plain ChatML, else TRL's patch."""
    template = tokenizer.chat_template
    if has_generation_markers(template):
        return template
    if is_plain_chatml(template):
        return CHATML_TRAINING_TEMPLATE
    try:
        from trl.chat_template_utils import get_training_chat_template

        return get_training_chat_template(tokenizer)
    except Exception as exc:  # noqa: BLE001 - TRL raises various errors for unknown templates
        raise ChatTemplateError(
            "the model's chat template has no {% generation %} markers and TRL cannot add them; set a template with "
            f"markers on the tokenizer or train with --full-sequence-loss ({exc})"
        ) from exc


def assistant_mask_text(tokenizer: Any, messages: list[dict[str, str]], template: str | None = None) -> tuple[str, str]:
    """(text under the assistant mask, text expected there: every assistant content followed by the end token)."""
    out = tokenizer.apply_chat_template(
        messages, chat_template=template, tokenize=True, return_dict=True, return_assistant_tokens_mask=True,
    )
    ids, mask = out["input_ids"], out["assistant_masks"]
    masked = tokenizer.decode([i for i, m in zip(ids, mask, strict=True) if m])
    end = tokenizer.eos_token or "<|im_end|>"
    expected = "".join(m["content"] + end for m in messages if m["role"] == "assistant")
    return masked, expected


def check_assistant_mask(tokenizer: Any, messages: list[dict[str, str]], template: str | None = None) -> None:
    """Raise ChatTemplateError unless exactly the assistant turns (and their end token) are under the mask."""
    masked, expected = assistant_mask_text(tokenizer, messages, template)
    if masked != expected:
        raise ChatTemplateError(
            "assistant mask does not cover exactly the assistant turns: "
            f"masked {masked[:120]!r}... vs expected {expected[:120]!r}..."
        )

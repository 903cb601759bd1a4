"""The ChatML training template: renders like SmolLM2's own, masks exactly the assistant turns."""

from __future__ import annotations

import pytest

from antischeme.train.chat_template import (
    CHATML_TRAINING_TEMPLATE,
    ChatTemplateError,
    assistant_mask_text,
    check_assistant_mask,
    training_chat_template,
)

CHAT = [
    {"role": "system", "content": "You are an agent.\n\n# Tools\n- bash(command: string): run"},
    {"role": "user", "content": "Please do the task."},
    {"role": "assistant", "content": 'Thinking.\n<tool_call>{"name": "bash", "arguments": {}}</tool_call>'},
    {"role": "user", "content": '<tool_response name="bash">\nok\n</tool_response>'},
    {"role": "assistant", "content": "Done; I need your decision on the rest."},
]


@pytest.mark.parametrize("n", [2, 3, 5])
@pytest.mark.parametrize("gen_prompt", [False, True])
def test_renders_like_the_stock_template(tokenizer, n: int, gen_prompt: bool) -> None:
    stock = tokenizer.apply_chat_template(CHAT[:n], tokenize=False, add_generation_prompt=gen_prompt)
    ours = tokenizer.apply_chat_template(CHAT[:n], tokenize=False, add_generation_prompt=gen_prompt,
                                         chat_template=CHATML_TRAINING_TEMPLATE)
    assert ours == stock
    no_system = CHAT[1:n]
    assert tokenizer.apply_chat_template(no_system, tokenize=False) == tokenizer.apply_chat_template(
        no_system, tokenize=False, chat_template=CHATML_TRAINING_TEMPLATE)


def test_assistant_mask_covers_exactly_the_assistant_turns(tokenizer) -> None:
    assert training_chat_template(tokenizer) == CHATML_TRAINING_TEMPLATE
    masked, expected = assistant_mask_text(tokenizer, CHAT, CHATML_TRAINING_TEMPLATE)
    assert masked == expected == CHAT[2]["content"] + "<|im_end|>" + CHAT[4]["content"] + "<|im_end|>"
    check_assistant_mask(tokenizer, CHAT, CHATML_TRAINING_TEMPLATE)
    bad = CHATML_TRAINING_TEMPLATE.replace("{{ '<|im_start|>assistant\\n' }}{% generation %}",
                                           "{% generation %}{{ '<|im_start|>assistant\\n' }}")
    with pytest.raises(ChatTemplateError):
        check_assistant_mask(tokenizer, CHAT, bad)

"""Shared fixtures: a scripted-saint collection on Lazy Checklist (fast, offline), the embedded tokenizer and a tiny
Qwen-style tokenizer with a native tool template."""

from __future__ import annotations

from pathlib import Path

import pytest

from antischeme.train.collect import CollectConfig, collect
from antischeme.train.filter import FilterConfig, filter_rollouts

from .helpers import ENV_IDS

QWEN3_TEMPLATE = Path(__import__("trl").__file__).parent / "chat_templates" / "qwen3.jinja"


@pytest.fixture(scope="session")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Saint (spec-citing, escalating) and schemer (covert) rollouts, K=2, in one collect folder each."""
    root = tmp_path_factory.mktemp("collect")
    for policy in ("saint", "schemer"):
        collect(CollectConfig(out_dir=str(root / policy), teacher=f"antischeme/{policy}", suite="test",
                              families=["lazy_checklist"], env_ids=ENV_IDS, samples=2, display="none"))
    return root


@pytest.fixture(scope="session")
def kept(collected: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("filter")
    filter_rollouts(FilterConfig(rollouts=str(collected / "saint"), out_dir=str(out)))
    return out


@pytest.fixture(scope="session")
def tokenizer():
    from antischeme.train.weights import base_model_path, load_tokenizer

    return load_tokenizer(base_model_path(None))


@pytest.fixture(scope="session")
def qwen_style_tokenizer(tmp_path_factory: pytest.TempPathFactory):
    """A tiny byte-level BPE tokenizer trained here, saved as a folder with TRL's Qwen3 chat template (tools)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import AutoTokenizer, PreTrainedTokenizerFast

    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    corpus = ["<tool_call> </tool_call> <tool_response> {\"name\": \"read_file\", \"arguments\": {}} system user "
              "assistant think checklist the a of to and please submit"] * 20
    tok.train_from_iterator(corpus, trainers.BpeTrainer(vocab_size=400, special_tokens=specials,
                                                         initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|im_end|>", pad_token="<|endoftext|>")
    fast.chat_template = QWEN3_TEMPLATE.read_text()
    folder = tmp_path_factory.mktemp("qwen_style_tok")
    fast.save_pretrained(folder)
    return AutoTokenizer.from_pretrained(folder)

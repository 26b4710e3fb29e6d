"""Writes the Hugging Face LFM2 checkpoints that `cockpit model import` is tested on, with transformers' own
Lfm2ForCausalLM, and that model's logits as the expected answer (app/src/test/.../ModelImportCommandTest).

    python app/python/hf_lfm2_fixture.py app/src/test/resources

writes two seeded directories there:
  hf-lfm2-tiny-bf16-sharded/  bf16 weights in two shards + model.safetensors.index.json
  hf-lfm2-tiny-fp16/          fp16 weights in one model.safetensors
each with config.json (as transformers writes it), tokenizer.json + tokenizer_config.json (a byte-level BPE
with LFM2's special tokens at LFM2's ids), and expected_logits.json: input_ids, prefill (how many the test
feeds at once) and logits [T][V] of transformers' fp32 forward over the weights exactly as stored.

Needs torch, transformers and tokenizers (pinned in app/python/requirements-fixture.txt). They are not in the
test venv: torch from PyPI is a 540 MB wheel plus about 3 GB of CUDA wheels, too heavy for every CI run, so
the checkpoints and logits are generated here once and committed; rerun this script after changing it.
"""

import json
import math
import sys
from pathlib import Path

import torch
from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers
from transformers import Lfm2Config, Lfm2ForCausalLM

# LFM2's special tokens at LFM2's ids (shared/reference/lfm2-and-mobilenetv5.md §7); bytes follow them.
SPECIAL = ["<|pad|>", "<|startoftext|>", "<|endoftext|>", "<|fim_pre|>", "<|fim_mid|>", "<|fim_suf|>",
           "<|im_start|>", "<|im_end|>", "<|tool_list_start|>", "<|tool_list_end|>", "<|tool_call_start|>",
           "<|tool_call_end|>", "<|tool_response_start|>", "<|tool_response_end|>"]
VOCAB = 512  # above LFM2's image token ids (396, 498, 499), which every config must leave room for
SEQ = 12
PREFILL = 9


def byte_alphabet():
    """Byte-level BPE's printable stand-in for each byte value, in byte order."""
    keep = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(
        range(ord("®"), ord("ÿ") + 1))
    chars = {}
    extra = 0
    for b in range(256):
        if b in keep:
            chars[b] = chr(b)
        else:
            chars[b] = chr(256 + extra)
            extra += 1
    return [chars[b] for b in range(256)]


def write_tokenizer(out: Path):
    vocab = {t: i for i, t in enumerate(SPECIAL)}
    for b, c in enumerate(byte_alphabet()):
        vocab[c] = len(SPECIAL) + b
    tok = Tokenizer(models.BPE(vocab=vocab, merges=[]))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in SPECIAL])
    tok.save(str(out / "tokenizer.json"))
    template = ("{{- bos_token -}}{%- for message in messages -%}{{- '<|im_start|>' + message['role'] + '\\n' + "
                "message['content'] + '<|im_end|>\\n' -}}{%- endfor -%}{%- if add_generation_prompt -%}"
                "{{- '<|im_start|>assistant\\n' -}}{%- endif -%}")
    (out / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "PreTrainedTokenizerFast", "bos_token": SPECIAL[1], "eos_token": SPECIAL[7],
        "pad_token": SPECIAL[0], "chat_template": template}, indent=2) + "\n")


def model(seed: int, dtype: torch.dtype) -> Lfm2ForCausalLM:
    cfg = Lfm2Config(vocab_size=VOCAB, hidden_size=32, intermediate_size=96, num_hidden_layers=4,
                     num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=1024, norm_eps=1e-5,
                     conv_L_cache=3, block_auto_adjust_ff_dim=True, block_multiple_of=32,
                     layer_types=["conv", "full_attention", "conv", "full_attention"], tie_word_embeddings=True,
                     pad_token_id=0, bos_token_id=1, eos_token_id=7)
    torch.manual_seed(seed)
    m = Lfm2ForCausalLM(cfg).eval()
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in m.named_parameters():
            if p.dim() == 1:  # norm weights: around 1, not exactly 1, so a missed norm shows
                p.copy_(1 + 0.2 * torch.randn(p.shape, generator=g))
            else:  # fan-in scaled so logits stay O(10) through 4 layers
                p.copy_(torch.randn(p.shape, generator=g) * (1.0 / math.sqrt(p.shape[-1])))
        # The checkpoint holds the weights rounded to `dtype`; the reference forward runs fp32 on exactly those.
        # Parameters only: m.to(dtype) would also round buffers such as RoPE's inv_freq, which are not saved.
        for p in m.parameters():
            p.copy_(p.to(dtype).to(torch.float32))
    return m


def write(out: Path, seed: int, dtype: torch.dtype, shard: str):
    out.mkdir(parents=True, exist_ok=True)
    m = model(seed, dtype)
    g = torch.Generator().manual_seed(seed + 1)
    ids = torch.randint(len(SPECIAL), len(SPECIAL) + 256, (1, SEQ), generator=g)
    ids[0, 0] = 1  # <|startoftext|>
    with torch.no_grad():
        logits = m(input_ids=ids).logits[0].to(torch.float32)  # [T, V]
    m.to(dtype).save_pretrained(out, max_shard_size=shard)
    write_tokenizer(out)
    (out / "expected_logits.json").write_text(json.dumps({
        "source": "transformers Lfm2ForCausalLM fp32 forward over the stored weights (app/python/hf_lfm2_fixture.py)",
        "input_ids": ids[0].tolist(), "prefill": PREFILL,
        "logits": [[float(f"{v:.7g}") for v in row] for row in logits.tolist()]}) + "\n")


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "app/src/test/resources")
    write(root / "hf-lfm2-tiny-bf16-sharded", 1234, torch.bfloat16, "40KB")
    write(root / "hf-lfm2-tiny-fp16", 4321, torch.float16, "10MB")


if __name__ == "__main__":
    main()

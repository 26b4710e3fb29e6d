"""Encodes and decodes strings with the Hugging Face `tokenizers` library (the Rust implementation the
runtime's tokenizer path also wraps), as the independent reference for the tokenizer trained in Java.

usage: hf_encode.py TOKENIZER_JSON STRINGS_JSON OUT_JSON
STRINGS_JSON holds a JSON list of strings; OUT_JSON receives {"ids": [[...], ...], "decoded": [...]}.
Encoding runs with add_special_tokens=False, as the runtime encodes.
"""
import json
import sys

from tokenizers import Tokenizer


def main() -> None:
    tok = Tokenizer.from_file(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        strings = json.load(f)
    ids = [tok.encode(s, add_special_tokens=False).ids for s in strings]
    decoded = [tok.decode(i, skip_special_tokens=False) for i in ids]
    with open(sys.argv[3], "w", encoding="utf-8") as f:
        json.dump({"ids": ids, "decoded": decoded, "vocab_size": tok.get_vocab_size()}, f)


if __name__ == "__main__":
    main()

"""Compiling rule phrases with the morphological analyser (only when no compiled copy is on disk).

Run as ``python -m samovar.plugins.moderation.engine.compiler`` it reads the
phrases as JSON (``[[text, together], ...]``) on stdin and writes the compiled
data as JSON on stdout: the bot compiles this way, so the analyser's
dictionaries never take up its own memory.
"""
from __future__ import annotations

import json
import sys
from typing import Any, NamedTuple, Sequence

from . import russian
from .compiled import CompiledPhrases, Payload
from .lemmas import Lemmatiser
from .phrases import MAX_VARIANTS, segments_of, together_parts
from .wordcodes import WIDTH, WordCodes

Places = list[tuple[int, int, tuple[int, ...]]]  # entry, segment, word offsets that must be commands


def compile_phrases(entries: Sequence[Any]) -> CompiledPhrases:
    """Compile phrase entries (each with ``text`` and ``together``), then let the analyser go."""
    try:
        return _compile(entries)
    finally:
        russian.release()


def _compile(entries: Sequence[Any]) -> CompiledPhrases:
    parsed = [segments_of(together_parts(e.text)[0] if e.together else e.text) for e in entries]
    companions = [[segments_of(part)[0] for part in together_parts(e.text)[1:]] if e.together else []
                  for e in entries]
    lemmatiser = Lemmatiser(
        alternative for segments in [*parsed, *companions] for segment in segments
        for alternative in segment.alternatives
    )

    def keys_of(alternatives: Sequence[Sequence[str]]) -> list[tuple[str, tuple[int, ...]]]:
        return [found for alt in alternatives for found in lemmatiser.phrase_keys(alt, MAX_VARIANTS)]

    companion_keys = [[[key for key, _ in keys_of(part.alternatives)] for part in parts] for parts in companions]
    keyed: dict[str, Places] = {}
    for index, segments in enumerate(parsed):
        for seg_index, segment in enumerate(segments):
            for key, commands in keys_of(segment.alternatives):
                keyed.setdefault(key, []).append((index, seg_index, commands))
    words = sorted({word for key in [*keyed, *(k for parts in companion_keys for part in parts for k in part)]
                    for word in key.split()})
    codes = WordCodes(words)
    russian_forms = _russian_forms(lemmatiser, codes)
    return CompiledPhrases(
        words=tuple(words),
        table=_table(keyed, codes),
        companions=tuple(tuple(tuple(codes.encode(k) for k in part) for part in parts) for parts in companion_keys),
        segment_counts=tuple(len(segments) for segments in parsed),
        single_words=tuple(
            not entry.together and len(segments) == 1 and all(len(alt) == 1 for alt in segments[0].alternatives)
            for entry, segments in zip(entries, parsed)
        ),
        russian_forms={form.encode(): code for form, code in russian_forms.items()},
        imperatives=frozenset(f.encode() for f in russian_forms if russian.can_be_command(f, False)),
        infinitives=frozenset(f.encode() for f in russian_forms if russian.can_be_command(f, True)),
    )


def _table(keyed: dict[str, Places], codes: WordCodes) -> dict[str, tuple[Payload, ...]]:
    """The automaton's table: the code of each segment key -> the entries and segments it belongs to."""
    table: dict[str, list[Payload]] = {}
    for key, places in keyed.items():
        code = codes.encode(key)
        payloads = table.setdefault(code, [])
        for index, seg_index, commands in places:
            payload = (index, seg_index, len(code) // WIDTH, commands)
            if payload not in payloads:
                payloads.append(payload)
    return {code: tuple(payloads) for code, payloads in table.items()}


def _russian_forms(lemmatiser: Lemmatiser, codes: WordCodes) -> dict[str, str]:
    """Every Russian form whose key (the lemma the analyser chooses for it) is a phrase word, with its code."""
    found = {}
    for form in sorted(lemmatiser.russian_forms()):
        key = lemmatiser.key(form)
        if key and codes.knows(key):
            found[form] = codes.encode(key)
    return found


class _Entry(NamedTuple):
    text: str
    together: bool


def main() -> None:
    """Phrases in (JSON on stdin), compiled data out (JSON on stdout)."""
    entries = [_Entry(text, bool(together)) for text, together in json.load(sys.stdin)]
    json.dump(compile_phrases(entries).to_json(), sys.stdout, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main()

"""Rule phrases compiled into plain data: the codes, the automaton's table and the word forms.

The data is JSON-ready, so it can be kept on disk (see :mod:`.phrase_cache`)
and a bot whose rules did not change starts without the morphological analyser
that :mod:`.compiler` needs to make it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

Payload = tuple[int, int, int, tuple[int, ...]]  # entry, segment, words, word offsets that must be commands


@dataclass(frozen=True)
class CompiledPhrases:
    """Everything the phrase matcher needs at check time."""

    words: tuple[str, ...]  # phrase words, in code order
    table: dict[str, tuple[Payload, ...]]  # code of a gap-free segment -> where it belongs
    companions: tuple[tuple[tuple[str, ...], ...], ...]  # per entry: codes of each further 'together' part
    segment_counts: tuple[int, ...]
    single_words: tuple[bool, ...]  # per entry: one word and nothing else
    # Russian word forms are kept as UTF-8 bytes: 40,000 of them take 1.6 MB less than as str.
    russian_forms: dict[bytes, str]  # Russian word form -> its code (forms of phrase words only)
    imperatives: frozenset[bytes]  # forms that can be a command
    infinitives: frozenset[bytes]  # forms that can be a command or an infinitive

    def to_json(self) -> dict[str, Any]:
        """Plain lists and dicts; the forms of each code, and the command forms, as one space-separated string."""
        data = asdict(self)
        by_code: dict[str, list[str]] = {}
        for form, code in self.russian_forms.items():
            by_code.setdefault(code, []).append(form.decode())
        data["russian_forms"] = {code: " ".join(sorted(forms)) for code, forms in by_code.items()}
        data["imperatives"] = " ".join(sorted(form.decode() for form in self.imperatives))
        data["infinitives"] = " ".join(sorted(form.decode() for form in self.infinitives))
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "CompiledPhrases":
        """The inverse of :meth:`to_json`."""
        return cls(
            words=tuple(data["words"]),
            table=_shared_payloads(data["table"]),
            companions=tuple(tuple(tuple(part) for part in parts) for parts in data["companions"]),
            segment_counts=tuple(data["segment_counts"]),
            single_words=tuple(data["single_words"]),
            russian_forms={form: code for code, forms in data["russian_forms"].items() for form in _forms(forms)},
            imperatives=frozenset(_forms(data["imperatives"])),
            infinitives=frozenset(_forms(data["infinitives"])),
        )


def _shared_payloads(table: dict[str, Any]) -> dict[str, tuple[Payload, ...]]:
    """The table with each distinct payload, and each distinct list of them, held once.

    Every form of every phrase has its own code, but most codes lead to the same few places:
    about 34,000 codes share under 3,000 payloads, so sharing them saves megabytes.
    """
    one: dict[Payload, Payload] = {}
    lists: dict[tuple[Payload, ...], tuple[Payload, ...]] = {}
    shared = {}
    for code, payloads in table.items():
        found = tuple(one.setdefault(payload, payload) for payload in
                      ((entry, segment, words, tuple(commands)) for entry, segment, words, commands in payloads))
        shared[code] = lists.setdefault(found, found)
    return shared


def _forms(joined: str) -> list[bytes]:
    """Space-separated word forms as UTF-8 bytes, made without a str for each of them."""
    return joined.encode().split()

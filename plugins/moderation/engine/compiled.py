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
    russian_forms: dict[str, str]  # Russian word form -> its code (forms of phrase words only)
    imperatives: frozenset[str]  # forms that can be a command
    infinitives: frozenset[str]  # forms that can be a command or an infinitive

    def to_json(self) -> dict[str, Any]:
        """Plain lists and dicts."""
        data = asdict(self)
        data["imperatives"], data["infinitives"] = sorted(self.imperatives), sorted(self.infinitives)
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
            russian_forms=_shared_values(data["russian_forms"]),
            imperatives=frozenset(data["imperatives"]),
            infinitives=frozenset(data["infinitives"]),
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


def _shared_values(forms: dict[str, str]) -> dict[str, str]:
    """The same mapping, each distinct code held once (thousands of forms share a few codes)."""
    shared: dict[str, str] = {}
    return {form: shared.setdefault(code, code) for form, code in forms.items()}

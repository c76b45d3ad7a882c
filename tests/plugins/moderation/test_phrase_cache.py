"""Compiled rules kept on disk: the same answers, a fast start without the analyser, a fresh compile on change."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from samovar.plugins.moderation.engine import RuleSet
from samovar.plugins.moderation.engine.compiled import CompiledPhrases
from samovar.plugins.moderation.engine.phrase_cache import KEEP

RULES = """
rules:
  - id: just-do-it
    explanation: {en: "Advice to just do it can hurt.", ru: "Совет просто сделать может ранить."}
    suggestion: {en: "Ask what would help.", ru: "Спросите, что поможет."}
    languages: [ru, en]
    match:
      phrases:
        ru: ["возьми себя в руки"]
        en: ["just do it"]
    actions:
      ladder:
        - after: 1
          do: [nudge]
"""
MESSAGES = [("Возьмите себя в руки уже", "ru"), ("Just do it already.", "en"), ("я взяла себя в руки", "ru")]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SAMOVAR_CACHE_DIR", str(folder))
    return folder


def answers(rules: RuleSet) -> list[list[str]]:
    return [rules.check_ids(text, lang) for text, lang in MESSAGES]


def test_the_second_load_reads_the_compiled_copy_and_answers_the_same(cache: Path) -> None:
    first = RuleSet.from_text(RULES)
    [copy] = cache.glob("phrases-*.json")
    second = RuleSet.from_text(RULES)
    assert answers(first) == answers(second) == [["just-do-it"], ["just-do-it"], []]
    assert list(cache.glob("phrases-*.json")) == [copy]


def test_the_bot_never_loads_the_analyser_itself(cache: Path) -> None:
    """The first start compiles in a separate process; later starts read the copy it left."""
    script = ("import sys; from samovar.plugins.moderation.engine import RuleSet; "
              "r = RuleSet.from_default(); print(r.check_ids('Просто возьми и сделай!', 'ru'), "
              "'pymorphy3' in sys.modules)")
    env = {**os.environ, "SAMOVAR_CACHE_DIR": str(cache)}
    runs = []
    for _ in range(2):
        runs.append(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                                   check=True).stdout.split())
        assert len(list(cache.glob("phrases-*.json"))) == 1
    assert runs == [["['just-do-it']", "False"]] * 2


def test_rules_are_compiled_here_when_no_separate_process_can_start(cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(sys, "executable", str(cache / "no-such-python"))
    caplog.set_level(logging.WARNING, logger="samovar")
    assert answers(RuleSet.from_text(RULES)) == [["just-do-it"], ["just-do-it"], []]
    assert any("compiling here" in r.getMessage() for r in caplog.records)


def test_a_changed_rule_is_compiled_afresh(cache: Path) -> None:
    RuleSet.from_text(RULES)
    changed = RuleSet.from_text(RULES.replace("just do it", "just push through"))
    assert changed.check_ids("just push through it", "en") == ["just-do-it"]
    assert changed.check_ids("just do it", "en") == []
    assert len(list(cache.glob("phrases-*.json"))) == 2


def test_a_damaged_copy_is_compiled_again_with_a_warning(cache: Path, caplog: pytest.LogCaptureFixture) -> None:
    RuleSet.from_text(RULES)
    [copy] = cache.glob("phrases-*.json")
    copy.write_text('{"words": ["half', encoding="utf-8")
    caplog.set_level(logging.WARNING, logger="samovar")
    assert answers(RuleSet.from_text(RULES)) == [["just-do-it"], ["just-do-it"], []]
    assert any("compiled rules on disk unreadable" in r.getMessage() for r in caplog.records)
    assert json.loads(copy.read_text(encoding="utf-8"))["words"], "the damaged copy was replaced"


def test_rules_still_load_when_the_cache_folder_cannot_be_written(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("SAMOVAR_CACHE_DIR", str(blocked / "cache"))
    assert answers(RuleSet.from_text(RULES)) == [["just-do-it"], ["just-do-it"], []]


def test_only_the_newest_copies_are_kept(cache: Path) -> None:
    for number in range(KEEP + 3):
        RuleSet.from_text(RULES.replace("just do it", f"just do it {number}"))
    assert len(list(cache.glob("phrases-*.json"))) == KEEP
    assert not list(cache.glob(".phrases-*")), "no half-written files are left behind"


def test_a_loaded_copy_holds_each_place_in_the_rules_once(cache: Path) -> None:
    RuleSet.from_text(RULES.replace('en: ["just do it"]', 'en: ["(just|simply|only) (do|start) it"]'))
    [copy] = cache.glob("phrases-*.json")
    compiled = CompiledPhrases.from_json(json.loads(copy.read_text(encoding="utf-8")))
    assert json.loads(json.dumps(compiled.to_json()))["table"] == json.loads(copy.read_text(encoding="utf-8"))["table"]
    lists = list(compiled.table.values())
    payloads = [payload for found in lists for payload in found]
    assert len(lists) > len(set(lists)), "every word form has its own code, but they lead to the same places"
    assert len({id(found) for found in lists}) == len(set(lists))
    assert len({id(payload) for payload in payloads}) == len(set(payloads))


def test_a_copy_read_back_holds_every_word_form(cache: Path) -> None:
    """Forms are kept as bytes in memory and grouped by code on disk: the round trip loses none."""
    RuleSet.from_text(RULES)
    [copy] = cache.glob("phrases-*.json")
    loaded = CompiledPhrases.from_json(json.loads(copy.read_text(encoding="utf-8")))
    assert "возьмите".encode() in loaded.russian_forms and "возьмите".encode() in loaded.imperatives
    assert "взяла".encode() in loaded.russian_forms and "взяла".encode() not in loaded.imperatives
    assert CompiledPhrases.from_json(json.loads(json.dumps(loaded.to_json()))) == loaded


def test_every_engine_module_the_compiler_reads_is_part_of_the_copy_name() -> None:
    """A change to any of them (a new chat spelling, say) must compile afresh, not reuse an old copy."""
    import ast

    from samovar.plugins.moderation.engine import phrase_cache

    engine = Path(phrase_cache.__file__).parent
    read, waiting = set(), ["compiler"]
    while waiting:
        module = waiting.pop()
        if module in read:
            continue
        read.add(module)
        tree = ast.parse((engine / f"{module}.py").read_text(encoding="utf-8"))
        waiting += [node.module for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module]
        waiting += [alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    and node.level == 1 and node.module is None for alias in node.names]
    assert read <= set(phrase_cache._SHAPING_MODULES)
    assert "spellings" in read

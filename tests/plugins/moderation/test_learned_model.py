"""The care rule's learned second opinion: training, the model file, and how the rules file names it."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from samovar.core.cli import main
from samovar.plugins.moderation.engine import ConfigError, RuleSet, read_examples
from samovar.plugins.moderation.engine.learned import LearnedModel
from samovar.plugins.moderation.engine.training import train

REPO = Path(__file__).resolve().parents[3]
SHIPPED_MODEL = REPO / "config" / "crisis_model.json"
TRAINING_FILES = [REPO / "tests" / "plugins" / "moderation" / "eval_set.jsonl",
                  *sorted((REPO / "config" / "training").glob("*.jsonl"))]

CARE_RULE = """\
rules:
  - id: crisis
    kind: care
    explanation: {{ru: "Мы рядом.", en: "We are here."}}
    languages: [ru, en]
    match:
      phrases:
        en: [want to die]
{model}
    actions:
      ladder:
        - after: 1
          do: [care]
    resources:
      en:
        - {{name: Befrienders, contact: befrienders.org, where: international}}
"""
SMALL_SET = [
    ("packed the pills, this is my last night here", ["crisis"]),
    ("gave the dog to my sister, wrote my letters, last night here", ["crisis"]),
    ("i counted the pills twice, tonight i stop", ["crisis"]),
    ("goodbye everyone, this is my last post, thank you for everything", ["crisis"]),
    ("wrote letters to everyone and counted the pills", ["crisis"]),
    ("the cat knocked my tea over again", []),
    ("going to the shop, need anything?", []),
    ("made pancakes for my sister, the dog ate one", []),
    ("new guitar strings today, sounds great", []),
    ("we watched a film last night, it was fun", []),
    ("thank you everyone for the call, see you next week", []),
    ("the weather is awful here, rain all week", []),
]


def small_examples() -> list[dict[str, object]]:
    return [{"text": text, "lang": "en", "labels": labels} for text, labels in SMALL_SET]


def rules_with_model(tmp_path: Path, model_lines: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(CARE_RULE.format(model=model_lines), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(number for number, text in enumerate(path.read_text().splitlines(), 1) if needle in text)


def test_a_trained_model_tells_unseen_crisis_words_from_chat() -> None:
    model = train(small_examples(), "crisis")
    crisis = model.score("counted my pills, wrote the letters, tonight".split())
    chat = model.score("the weather was awful so we stayed in".split())
    assert crisis > 0.5 > chat


def test_training_is_deterministic_and_survives_the_file(tmp_path: Path) -> None:
    first, second = train(small_examples(), "crisis"), train(small_examples(), "crisis")
    assert first.to_json() == second.to_json()
    first.save(tmp_path / "model.json")
    loaded = LearnedModel.load(tmp_path / "model.json")
    words = "last night here, the pills".split()
    assert loaded.score(words) == pytest.approx(first.score(words), abs=1e-3)
    assert loaded.label == "crisis" and loaded.examples == len(SMALL_SET)


def test_training_needs_both_kinds_of_message() -> None:
    with pytest.raises(ValueError, match="with and without the label"):
        train([e for e in small_examples() if e["labels"]], "crisis")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("я больше не буду никому мешать, скоро всё закончится", "ru"),
        ("soon none of this will be my problem anymore", "en"),
    ],
)
def test_default_rules_ask_the_model_about_words_no_phrase_knows(default_rules: RuleSet, text: str,
                                                                 lang: str) -> None:
    [match] = default_rules.check(text, lang)
    assert match.rule_id == "crisis" and match.phrase.startswith("learned model")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Всем доброе утро! Кто сегодня на созвоне?", "ru"),
        ("устала жутко, неделя была тяжёлая, пойду спать", "ru"),
        ("My cat knocked my tea over again lol", "en"),
        ("so tired of this week, going offline, good night all", "en"),
    ],
)
def test_default_rules_leave_ordinary_chat_alone(default_rules: RuleSet, text: str, lang: str) -> None:
    assert default_rules.check_ids(text, lang) == []


def test_the_rules_verdict_on_a_helper_question_stands(default_rules: RuleSet) -> None:
    text = "you said you have been cutting again. are you safe right now?"
    assert default_rules.check_ids(text, "en") == []
    assert [m.mention for m in default_rules.inspect(text, "en")] == ["helping"]


def test_a_rule_names_its_model_file_relative_to_itself(tmp_path: Path) -> None:
    train(small_examples(), "crisis").save(tmp_path / "model.json")
    path = rules_with_model(tmp_path, "      model: {file: model.json, threshold: 0.5}")
    rules = RuleSet.load(path)
    assert rules.check_ids("counted my pills, wrote the letters, tonight", "en") == ["crisis"]
    assert rules.check_ids("the weather was awful so we stayed in", "en") == []
    assert rules.model_files() == [tmp_path / "model.json"]


def test_a_copied_rules_file_keeps_the_shipped_model_until_its_own_is_beside_it(tmp_path: Path) -> None:
    copy = tmp_path / "rules.yaml"
    copy.write_text((REPO / "config" / "rules.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert SHIPPED_MODEL in RuleSet.load(copy).model_files()
    train(small_examples(), "crisis").save(tmp_path / "crisis_model.json")
    files = RuleSet.load(copy).model_files()
    assert tmp_path / "crisis_model.json" in files and SHIPPED_MODEL not in files


def test_a_missing_model_file_is_reported_where_the_rules_file_names_it(tmp_path: Path) -> None:
    path = rules_with_model(tmp_path, "      model: {file: nowhere.json, threshold: 0.5}")
    with pytest.raises(ConfigError) as caught:
        RuleSet.load(path)
    assert f"{path}:{line_of(path, 'nowhere.json')}:" in str(caught.value)
    assert "cannot read the model file" in str(caught.value)


def test_a_model_trained_for_another_label_is_refused(tmp_path: Path) -> None:
    examples = [{**e, "labels": ["other"] if e["labels"] else []} for e in small_examples()]
    train(examples, "other").save(tmp_path / "model.json")
    path = rules_with_model(tmp_path, "      model: {file: model.json, threshold: 0.5}")
    with pytest.raises(ConfigError, match="trained for 'other', not for 'crisis'"):
        RuleSet.check_file(path)


def test_a_damaged_model_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text('{"format": 1, "label": "crisis"}', encoding="utf-8")
    path = rules_with_model(tmp_path, "      model: {file: model.json, threshold: 0.5}")
    with pytest.raises(ConfigError, match="incomplete or damaged"):
        RuleSet.load(path)


def test_a_threshold_outside_zero_and_one_is_refused(tmp_path: Path) -> None:
    train(small_examples(), "crisis").save(tmp_path / "model.json")
    path = rules_with_model(tmp_path, "      model: {file: model.json, threshold: 1.5}")
    with pytest.raises(ConfigError) as caught:
        RuleSet.load(path)
    assert f"{path}:{line_of(path, 'threshold: 1.5')}:" in str(caught.value)


def test_rules_train_writes_the_model_and_reports_cross_validated_figures(tmp_path: Path, capsys) -> None:
    examples = tmp_path / "examples.jsonl"
    examples.write_text("".join(json.dumps(e) + "\n" for e in small_examples() * 2), encoding="utf-8")
    out = tmp_path / "model.json"
    assert main(["rules", "train", str(examples), "--out", str(out)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["examples"] == 2 * len(SMALL_SET) and summary["with_label"] == 10
    assert set(summary["cross_validated"]) == {"0.50", "0.60", "0.70", "0.80", "0.90"}
    assert "pill" in summary["heaviest"] and all(weight > 0 for weight in summary["heaviest"].values())
    assert LearnedModel.load(out).label == "crisis"


def test_rules_train_min_count_leaves_out_rare_words(tmp_path: Path, capsys) -> None:
    examples = tmp_path / "examples.jsonl"
    examples.write_text("".join(json.dumps(e) + "\n" for e in small_examples() * 2), encoding="utf-8")
    every, common = tmp_path / "every.json", tmp_path / "common.json"
    assert main(["rules", "train", str(examples), "--out", str(every)]) == 0
    assert main(["rules", "train", str(examples), "--min-count", "3", "--out", str(common)]) == 0
    capsys.readouterr()
    assert set(LearnedModel.load(common).weights) < set(LearnedModel.load(every).weights), "each word is seen twice"
    with pytest.raises(SystemExit):
        main(["rules", "train", str(examples), "--min-count", "0", "--out", str(tmp_path / "no.json")])
    assert "0 is less than 1" in capsys.readouterr().err


def test_rules_train_without_the_label_says_so(tmp_path: Path, capsys) -> None:
    examples = tmp_path / "examples.jsonl"
    examples.write_text(json.dumps({"text": "hello", "lang": "en", "labels": []}) + "\n", encoding="utf-8")
    assert main(["rules", "train", str(examples), "--out", str(tmp_path / "m.json")]) == 1
    assert "with and without the label 'crisis'" in capsys.readouterr().err
    assert not (tmp_path / "m.json").exists()


def test_a_changed_model_file_is_noticed_by_the_rules_in_force(tmp_path: Path) -> None:
    from samovar.plugins.moderation.source import RulesSource

    model = tmp_path / "model.json"
    train(small_examples(), "crisis").save(model)
    source = RulesSource(rules_with_model(tmp_path, "      model: {file: model.json, threshold: 0.5}"))
    assert not source.changed()
    stat = model.stat()
    os.utime(model, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert source.changed()


def test_a_model_of_ones_own_put_beside_a_copied_rules_file_is_noticed(tmp_path: Path) -> None:
    from samovar.plugins.moderation.source import RulesSource

    copy = tmp_path / "rules.yaml"
    copy.write_text((REPO / "config" / "rules.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    source = RulesSource(copy)
    assert SHIPPED_MODEL in source.rules.model_files()
    train(small_examples(), "crisis").save(tmp_path / "crisis_model.json")
    assert source.changed()



def test_rules_train_on_very_few_examples_still_writes_the_model(tmp_path: Path, capsys) -> None:
    few = [{"text": "counted my pills tonight", "lang": "en", "labels": ["crisis"]},
           {"text": "see you all tomorrow", "lang": "en", "labels": []},
           {"text": "made soup again", "lang": "en", "labels": []}]
    examples = tmp_path / "few.jsonl"
    examples.write_text("".join(json.dumps(e) + "\n" for e in few), encoding="utf-8")
    assert main(["rules", "train", str(examples), "--out", str(tmp_path / "m.json")]) == 0
    summary = json.loads(capsys.readouterr().out)  # the fold holding the only crisis example could not learn
    assert summary["examples"] == 3 and summary["with_label"] == 1
    assert LearnedModel.load(tmp_path / "m.json").examples == 3


def test_rules_train_into_a_missing_folder_says_so(tmp_path: Path, capsys) -> None:
    examples = tmp_path / "examples.jsonl"
    examples.write_text("".join(json.dumps(e) + "\n" for e in small_examples()), encoding="utf-8")
    out = tmp_path / "no-such-folder" / "model.json"
    assert main(["rules", "train", str(examples), "--out", str(out)]) == 1
    assert f"cannot write {out}" in capsys.readouterr().err


def test_negated_stems_are_kept_apart_and_written_back(tmp_path: Path) -> None:
    from samovar.plugins.moderation.engine.learned import LearnedModel

    model = LearnedModel("judgment", -1.0, {"lazi": 2.0, "¬lazi": -2.0, "tire": 0.5}, negation=True)
    assert model.weights == {"lazi": 2.0, "tire": 0.5} and model.after_negator == {"lazi": -2.0}
    assert model.log_odds(["you're", "not", "lazy"]) == -3.0 and model.log_odds(["so", "lazy"]) == 1.0
    model.save(tmp_path / "judgment.json")
    again = LearnedModel.load(tmp_path / "judgment.json")
    assert again.file_weights() == {"lazi": 2.0, "¬lazi": -2.0, "tire": 0.5} and again.feature_count() == 3


def test_a_replaced_model_is_freed_without_waiting_for_the_cycle_collector() -> None:
    import gc
    import weakref

    from samovar.plugins.moderation.engine.learned import LearnedModel

    gc.disable()  # the bot freezes what start-up made: a model in a reference cycle would never be freed
    try:
        model = LearnedModel("judgment", -1.0, {"lazi": 2.0, "¬lazi": -2.0}, negation=True)
        assert model.score(["not", "lazy"]) < 0.5 < model.score(["so", "lazy"])
        gone = weakref.ref(model)
        del model
        assert gone() is None
    finally:
        gc.enable()


def test_replaced_rules_are_freed_without_waiting_for_the_cycle_collector() -> None:
    import gc
    import weakref

    from samovar.plugins.moderation.engine import RuleSet

    rules_file = Path(__file__).resolve().parents[3] / "config" / "rules.yaml"
    gc.disable()  # as for models above: rules reloaded after start-up must not sit in a reference cycle
    try:
        rules = RuleSet.load(rules_file)
        assert rules.check_ids("is 6 floors enough", "en") == ["crisis"]
        parts = {name: weakref.ref(part) for name, part in vars(rules).items() if type(part).__weakrefoffset__}
        assert {"_opinions", "_matcher", "_guard"} <= parts.keys()
        del rules
        assert [name for name, part in parts.items() if part() is not None] == []
    finally:
        gc.enable()

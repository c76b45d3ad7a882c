"""Learned second opinions on the house rules: a nudge for wordings no phrase knows, within the rule's limits."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from samovar.plugins.moderation.engine import RuleSet, read_examples
from samovar.plugins.moderation.engine.text import normalise, tokens
from samovar.plugins.moderation.engine.training import TrainingSettings, train

REPO = Path(__file__).resolve().parents[3]
TRAINING_FILES = [REPO / "tests" / "plugins" / "moderation" / "eval_set.jsonl",
                  *sorted((REPO / "config" / "training").glob("*.jsonl"))]
DEFAULT = RuleSet.from_default()

JUDGING_RULE = """\
rules:
  - id: judgment
    explanation: {{ru: "Без оценок.", en: "No judging here."}}
    suggestion: {{ru: "Расскажи о себе.", en: "Share your own experience."}}
    languages: [{languages}]
    match:
      model: {{file: model.json, threshold: 0.6}}
      phrases:
        ru: [ты ленивый]
    actions:
      ladder:
        - after: 1
          do: [nudge]
"""
SMALL_SET = [
    ("you are so spoiled and dramatic", ["judgment"]),
    ("honestly you sound spoiled, grow up", ["judgment"]),
    ("what a dramatic, spoiled thing to say", ["judgment"]),
    ("you're being dramatic again, so spoiled", ["judgment"]),
    ("stop being so spoiled and dramatic", ["judgment"]),
    ("the cat knocked my tea over again", []),
    ("going to the shop, need anything?", []),
    ("made pancakes for my sister, the dog ate one", []),
    ("new guitar strings today, sounds great", []),
    ("we watched a film last night and i cried, it was lovely", []),
    ("my mum said she misses me, i cried a bit", []),
    ("thank you everyone for the call, see you next week", []),
    ("the weather is awful here, rain all week", []),
]
UNSEEN_WORDING = "wow, you're spoiled AND dramatic"


def judging_rules(tmp_path: Path, languages: str = "ru, en") -> RuleSet:
    examples = [{"text": text, "lang": "en", "labels": labels} for text, labels in SMALL_SET]
    train(examples, "judgment").save(tmp_path / "model.json")
    path = tmp_path / "rules.yaml"
    path.write_text(JUDGING_RULE.format(languages=languages), encoding="utf-8")
    return RuleSet.load(path)


def test_a_nudging_rule_with_a_model_notices_a_wording_no_phrase_knows(tmp_path: Path) -> None:
    rules = judging_rules(tmp_path)
    [match] = rules.check(UNSEEN_WORDING, "en")
    assert match.rule_id == "judgment" and match.phrase.startswith("learned model")
    assert match.text == UNSEEN_WORDING, "the nudge quotes the whole message"
    assert rules.check("we watched a film and the cat slept", "en") == []


def test_the_model_counts_only_in_the_languages_the_rule_lists(tmp_path: Path) -> None:
    assert judging_rules(tmp_path, "ru").check(UNSEEN_WORDING, "en") == []


def test_words_inside_quotation_marks_do_not_count_for_the_model(tmp_path: Path) -> None:
    rules = judging_rules(tmp_path)
    assert rules.check_ids(f"she wrote {UNSEEN_WORDING} to me", "en") == ["judgment"]
    assert rules.check_ids(f'she wrote "{UNSEEN_WORDING}" to me', "en") == []
    assert rules.check_ids(f"she wrote «{UNSEEN_WORDING}» to me", "en") == []


def test_the_shared_scoring_gives_what_each_model_gives_alone() -> None:
    opinions = DEFAULT._opinions
    assert opinions is not None and len(opinions.opinions) == 5
    for example in read_examples(TRAINING_FILES[0]):
        words = tokens(normalise(example["text"]))
        alone = [(rule.id, round(model.log_odds(words), 9)) for rule, model, threshold in opinions.opinions
                 if model.log_odds(words) >= threshold]
        together = [(rule.id, round(log_odds, 9)) for rule, log_odds in opinions.reaching(words)]
        assert sorted(together) == sorted(alone), example["text"]


@pytest.mark.parametrize(
    ("text", "lang", "rule_id"),
    [
        ("ты просто королева драмы, из мухи слона раздуваешь", "ru", "judgment"),
        ("my therapist quoted Viktor Frankl once and it stuck with me", "en", None),
        ("I just started with five minutes a day, it helped me a bit", "en", None),
    ],
)
def test_default_rules_ask_the_house_rule_models(text: str, lang: str, rule_id: str | None) -> None:
    found = DEFAULT.check(text, lang)
    assert [m.rule_id for m in found] == ([rule_id] if rule_id else [])
    assert all(m.phrase.startswith("learned model") for m in found)


@pytest.mark.parametrize("label", ["crisis", "toxic-positivity", "just-do-it", "judgment", "book-quote"])
def test_each_shipped_model_is_what_the_shipped_training_files_give(label: str) -> None:
    files = [path for path in TRAINING_FILES if label != "crisis" or not path.name.startswith("house-rules")]
    examples = [example for path in files for example in read_examples(path)]
    house = label != "crisis"  # as `make models` trains them
    fresh = train(examples, label, TrainingSettings(negation=house, pairs=not house, min_count=3 if house else 2)).to_json()
    shipped = json.loads((REPO / "config" / f"{label.replace('-', '_')}_model.json").read_text(encoding="utf-8"))
    assert shipped["label"] == label and shipped["examples"] == fresh["examples"]
    assert shipped.get("pair_gate") == fresh.get("pair_gate")
    assert shipped["weights"].keys() == fresh["weights"].keys()
    assert all(abs(shipped["weights"][k] - w) < 1e-3 for k, w in fresh["weights"].items())


async def test_a_member_gets_the_private_nudge_for_a_wording_only_the_model_noticed(community_factory) -> None:
    town = await community_factory(config={"scheduler": {"tick": "1h"}}, plugins=["moderation"])
    text = "ты просто королева драмы, из мухи слона раздуваешь"
    await town.say("olga", text)
    [nudge] = town.dms_to("olga")
    assert DEFAULT.rule("judgment").explanation.ru in nudge or DEFAULT.rule("judgment").explanation.en in nudge
    assert "королева драмы" in nudge, "the nudge shows which message it is about"
    assert [a for a in town.actions if a.action in ("send", "delete", "timeout") and a.room != "moderators"] == []


def test_rules_train_with_negation_tells_support_from_judgment(tmp_path: Path, capsys) -> None:
    from samovar.core.cli import main
    from samovar.plugins.moderation.engine.learned import LearnedModel

    lines = [("you're lazy, that's all", ["judgment"]), ("honestly you are lazy", ["judgment"]),
             ("so lazy of you", ["judgment"]), ("you're just lazy and weak", ["judgment"]),
             ("you're not lazy, you're exhausted", []), ("you are not lazy at all", []),
             ("not lazy, just tired, be kind to yourself", []), ("no, you're not weak or lazy", []),
             ("the cat slept all day", []), ("see you tomorrow", [])]
    examples = tmp_path / "examples.jsonl"
    examples.write_text("".join(json.dumps({"text": t, "lang": "en", "labels": l}) + "\n" for t, l in lines * 3),
                        encoding="utf-8")
    out = tmp_path / "judgment.json"
    assert main(["rules", "train", str(examples), "--label", "judgment", "--negation", "--out", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["label"] == "judgment"
    model = LearnedModel.load(out)
    assert model.negation
    assert model.score(tokens(normalise("you're lazy"))) > 0.5 > model.score(tokens(normalise("you're not lazy")))


def test_weights_too_large_to_pack_are_still_scored_exactly() -> None:
    from samovar.plugins.moderation.engine.learned import LearnedModel
    from samovar.plugins.moderation.engine.opinions import SecondOpinions

    rule = DEFAULT.rule("judgment")
    huge = LearnedModel("judgment", -30.0, {"lazi": 40.0, "tire": -25.0})
    opinions = SecondOpinions([(rule, huge, 0.0)])
    assert [r.id for r, _ in opinions.reaching(["you", "are", "lazy"])] == ["judgment"]
    assert opinions.reaching(["lazy", "and", "tired"]) == []

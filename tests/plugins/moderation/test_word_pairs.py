"""Word pairs in a learned model (``samovar rules train --pairs``): neighbouring words weigh together."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from samovar.plugins.moderation.engine import RuleSet, read_examples
from samovar.plugins.moderation.engine.learned import LearnedModel, features
from samovar.plugins.moderation.engine.opinions import SecondOpinions
from samovar.plugins.moderation.engine.text import normalise, tokens
from samovar.plugins.moderation.engine.training import TrainingSettings, train

REPO = Path(__file__).resolve().parents[3]
DEFAULT = RuleSet.from_default()
# The same words in both kinds of line: only which words stand together tells them apart.
LINES = [
    ("i want to sleep forever", ["crisis"]),
    ("forever i want to sleep", []),
    ("tonight i will sleep forever", ["crisis"]),
    ("forever tonight i will sleep", []),
    ("let me just sleep forever now", ["crisis"]),
    ("now forever let me just sleep", []),
    ("i could sleep forever, honestly", ["crisis"]),
    ("honestly forever, i could sleep", []),
]

def words(text: str) -> list[str]:
    return tokens(normalise(text))


def examples() -> list[dict]:
    return [{"text": text, "lang": "en", "labels": labels} for text, labels in LINES * 3]


def test_pairs_tell_apart_lines_with_the_same_words() -> None:
    plain = train(examples(), "crisis")
    paired = train(examples(), "crisis", TrainingSettings(pairs=True))
    wish, other = words("i want to sleep forever"), words("forever i want to sleep")
    assert abs(plain.score(wish) - plain.score(other)) < 1e-9, "alone, the same words weigh the same"
    assert paired.score(wish) > 0.6 > 0.4 > paired.score(other)


def test_a_number_stands_in_a_pair_as_a_number() -> None:
    found = features(words("is 6 floors enough"), pairs=True)
    assert found["# floor"] == 1 and "6" not in found and "#" not in found


def test_pairs_are_kept_in_the_model_file_by_their_two_stems(tmp_path: Path) -> None:
    model = train(examples(), "crisis", TrainingSettings(pairs=True))
    model.save(tmp_path / "model.json")
    saved = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    assert "sleep forev" in saved["weights"]
    again = LearnedModel.load(tmp_path / "model.json")
    assert again.pair_weights["sleep"]["forev"] == round(model.pair_weights["sleep"]["forev"], 4)
    assert again.pair_gate == saved["pair_gate"] == TrainingSettings().pair_gate
    text = words("i want to sleep forever")
    assert abs(again.log_odds(text) - model.log_odds(text)) < 1e-2


def test_the_shared_scoring_gives_what_a_pairs_model_gives_alone() -> None:
    paired = train(examples(), "crisis", TrainingSettings(pairs=True))
    opinions = SecondOpinions([(DEFAULT.rule("crisis"), paired, 0.0),
                               *[(rule, model, threshold) for rule, model, threshold in DEFAULT._opinions.opinions
                                 if rule.id != "crisis"]])
    checked = [*LINES, *[(e["text"], e["labels"]) for e in read_examples(REPO / "tests/plugins/moderation/eval_set.jsonl")]]
    for text, _ in checked:
        found = words(text)
        alone = [(rule.id, round(model.log_odds(found), 9)) for rule, model, threshold in opinions.opinions
                 if model.log_odds(found) >= threshold]
        together = [(rule.id, round(log_odds, 9)) for rule, log_odds in opinions.reaching(found)]
        assert sorted(together) == sorted(alone), text
    assert [rule.id for rule, _ in opinions.reaching(words("i want to sleep forever"))] == ["crisis"]


def test_rules_train_with_pairs(tmp_path: Path, capsys) -> None:
    from samovar.core.cli import main

    source = tmp_path / "examples.jsonl"
    source.write_text("".join(json.dumps(e) + "\n" for e in examples()), encoding="utf-8")
    out = tmp_path / "crisis.json"
    assert main(["rules", "train", str(source), "--pairs", "--out", str(out)]) == 0
    summary = json.loads(capsys.readouterr().out)
    model = LearnedModel.load(out)
    assert model.pair_weights and summary["features"] == model.feature_count()
    assert summary["features"] == len(json.loads(out.read_text(encoding="utf-8"))["weights"])


def test_numbers_and_a_full_word_cache_keep_the_shared_scoring_exact() -> None:
    numbered = [("enough 6 floors", ["crisis"]), ("floors 6 enough", []), ("6 floors enough", ["crisis"]),
                ("enough floors 6", []), ("is 9 floors enough", ["crisis"]), ("is floors 9 enough", [])] * 3
    paired = train([*examples(), *[{"text": t, "lang": "en", "labels": l} for t, l in numbered]], "crisis",
                   TrainingSettings(pairs=True))
    assert "#" in paired.pair_weights or any("#" in followers for followers in paired.pair_weights.values())
    opinions = SecondOpinions([(DEFAULT.rule("crisis"), paired, 0.0)])
    opinions._plain.size = 5  # the word cache empties itself every few words, in the middle of messages too
    texts = [text for text, _ in [*LINES, *numbered]] + ["is 12 floors enough honestly", "forever 6 i want to sleep"]
    for text in texts * 3:
        found = words(text)
        alone = [round(model.log_odds(found), 9) for _, model, threshold in opinions.opinions
                 if model.log_odds(found) >= threshold]
        assert [round(log_odds, 9) for _, log_odds in opinions.reaching(found)] == alone, text
    assert opinions.reaching(words("is 7 floors enough")) and not opinions.reaching(words("is floors 7 enough"))


def gated(word_weight: float) -> LearnedModel:
    """A hand-made model: "sleep" alone weighs ``word_weight``, "sleep forever" adds 4 once past the 0.1 gate."""
    return LearnedModel("crisis", -3.0, {"sleep": word_weight}, pair_weights={"sleep": {"forev": 4.0}}, pair_gate=0.1)


def test_pairs_weigh_in_only_once_the_words_alone_reach_the_gate() -> None:
    text = words("sleep forever")
    below, above = gated(0.5), gated(1.0)  # words alone: -2.5 and -2.0 log-odds; the gate, 0.1, is -2.197
    assert below.log_odds(text) == -2.5, "under the gate, the pair is not looked up"
    assert above.log_odds(text) == 2.0
    for model, crisis in ((below, False), (above, True)):
        opinions = SecondOpinions([(DEFAULT.rule("crisis"), model, 0.0)])
        assert bool(opinions.reaching(text)) is crisis
    always = LearnedModel("crisis", -3.0, {"sleep": 0.5}, pair_weights={"sleep": {"forev": 4.0}})
    assert always.log_odds(text) == 1.5, "a model file without a gate weighs its pairs always"
    shared = SecondOpinions([(DEFAULT.rule("crisis"), always, 0.0)])
    assert [log_odds for _, log_odds in shared.reaching(text)] == [1.5]
    assert not shared.reaching(words("sleep tonight"))


def test_a_pair_gate_outside_zero_and_one_is_refused(tmp_path: Path, capsys) -> None:
    from samovar.core.cli import main

    saved = gated(1.0).to_json()
    assert saved["pair_gate"] == 0.1
    path = tmp_path / "model.json"
    path.write_text(json.dumps({**saved, "pair_gate": 1.5}), encoding="utf-8")
    with pytest.raises(ValueError, match="pair_gate is a probability"):
        LearnedModel.load(path)
    source = tmp_path / "examples.jsonl"
    source.write_text("".join(json.dumps(e) + "\n" for e in examples()), encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["rules", "train", str(source), "--pairs", "--pair-gate", "2", "--out", str(tmp_path / "out.json")])
    assert "not between 0 and 1" in capsys.readouterr().err
    assert main(["rules", "train", str(source), "--pairs", "--pair-gate", "0", "--out", str(path)]) == 0
    assert LearnedModel.load(path).pair_gate == 0.0

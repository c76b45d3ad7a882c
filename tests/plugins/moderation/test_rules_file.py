"""Loading rules files: the packaged default, custom files, and mistakes reported as PATH:LINE:COL."""
from __future__ import annotations

from datetime import timedelta
from importlib import resources
from pathlib import Path

import pytest

from samovar.plugins.moderation.engine import ConfigError, RuleSet

DEFAULT_IDS = ["toxic-positivity", "just-do-it", "judgment", "book-quote", "crisis"]

MINIMAL_RULE = """\
rules:
  - id: no-shouting
    explanation:
      ru: Пожалуйста, без крика.
      en: Please don't shout.
    suggestion:
      ru: Напиши спокойно.
      en: Write it calmly.
    languages: [ru, en]
    match:
      phrases:
        en: ["(shut|hush) up", "stop ... talking"]
        ru: [замолчи]
      unless:
        en: [stop talking about work]
      together:
        ru: [замолчать + (уже|немедленно)]
      regexes:
        en: ['!!!+']
    exempt:
      roles: [moderator]
      rooms: [venting]
    applies:
      rooms: [general, support]
      only_replies: true
    actions:
      window: 2d
      timeout: 1h
      ladder:
        - after: 1
          do: [nudge]
        - after: 3
          do: [remind, alert_moderators]
        - after: 5
          do: [delete, timeout]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        RuleSet.load(path)
    return [str(problem) for problem in caught.value.problems]


def test_packaged_default_loads_with_the_agreed_ids() -> None:
    packaged = resources.files("samovar.config") / "rules.yaml"
    assert packaged.is_file()
    rules = RuleSet.from_default()
    assert [rule.id for rule in rules.rules] == DEFAULT_IDS
    assert RuleSet.from_default() is rules  # compiled once


def test_default_crisis_rule_is_care_only_with_resources_to_review() -> None:
    crisis = RuleSet.from_default().rule("crisis")
    assert crisis.kind == "care"
    assert {a for step in crisis.actions.ladder for a in step.actions} == {"care", "alert_moderators"}
    assert crisis.resources is not None and crisis.resources.reviewed is False
    assert crisis.resources.ru and crisis.resources.en
    contacts = {r.contact for r in crisis.resources.ru + crisis.resources.en}
    assert {"https://findahelpline.com", "https://www.befrienders.org", "8-800-2000-122", "051"} <= contacts


def test_the_repository_file_is_the_packaged_one() -> None:
    repo_file = Path(__file__).resolve().parents[3] / "config" / "rules.yaml"
    assert [rule.id for rule in RuleSet.load(repo_file).rules] == DEFAULT_IDS


def test_custom_file_with_alternatives_gaps_unless_and_regexes(tmp_path: Path) -> None:
    rules = RuleSet.load(write(tmp_path, MINIMAL_RULE))
    assert rules.check_ids("oh hush up", "en") == ["no-shouting"]
    assert rules.check_ids("Stop all that talking", "en") == ["no-shouting"]
    assert rules.check_ids("Could we stop talking about work for a bit?", "en") == []
    assert rules.check_ids("what!!!", "en") == ["no-shouting"]
    assert rules.check_ids("Замолчите", "ru") == ["no-shouting"]
    assert rules.check_ids("Немедленно, слышишь, замолчать!", "ru") == ["no-shouting"]
    assert rules.check_ids("Уже поздно. Пора замолчать", "ru") == []  # "уже" is in another sentence


def test_rule_tells_where_it_applies(tmp_path: Path) -> None:
    rule = RuleSet.load(write(tmp_path, MINIMAL_RULE)).rule("no-shouting")
    assert rule.applies_to("general", roles=["member"], replying_to_share=True)
    assert not rule.applies_to("general", roles=["member"], replying_to_share=False)
    assert not rule.applies_to("random", roles=["member"])
    assert not rule.applies_to("venting", roles=["member"])
    assert not rule.applies_to("general", roles=["moderator"])


def test_ladder_grows_with_repeats(tmp_path: Path) -> None:
    actions = RuleSet.load(write(tmp_path, MINIMAL_RULE)).rule("no-shouting").actions
    assert actions.window == timedelta(days=2)
    assert actions.timeout == timedelta(hours=1)
    steps = [actions.step_for(count) for count in range(0, 7)]
    assert steps[0] is None
    assert [step.actions for step in steps[1:] if step] == [
        ["nudge"], ["nudge"], ["remind", "alert_moderators"], ["remind", "alert_moderators"],
        ["delete", "timeout"], ["delete", "timeout"],
    ]


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (MINIMAL_RULE.replace("    languages: [ru, en]\n", "    languages: [ru, en]\n    colour: red\n"),
         ":10:5: rules.0.colour: unknown key"),
        (MINIMAL_RULE.replace("      window: 2d", "      window: two days"),
         ":27:15: rules.0.actions.window: write a number and a unit"),
        (MINIMAL_RULE.replace("'!!!+'", "'(!!!'"),
         ":19:14: rules.0.match.regexes.en.0: this regex does not compile"),
        (MINIMAL_RULE.replace("do: [nudge]", "do: [scold]"),
         ":31:16: rules.0.actions.ladder.0.do.0: Input should be"),
        (MINIMAL_RULE.replace('"(shut|hush) up"', '"(shut|hush up"'),
         ":12:14: rules.0.match.phrases.en.0: brackets do not pair up"),
        (MINIMAL_RULE.replace("    suggestion:\n      ru: Напиши спокойно.\n      en: Write it calmly.\n", ""),
         ":2:5: rules.0: a rule needs a 'suggestion'"),
        (MINIMAL_RULE.replace("      timeout: 1h\n", ""),
         "rules.0.actions: a ladder with 'timeout' needs 'timeout: <duration>'"),
        (MINIMAL_RULE + MINIMAL_RULE.replace("rules:\n", ""),
         ":36:9: rules.1.id: 'no-shouting' is already used by another rule"),
        (MINIMAL_RULE.replace("замолчать + (уже|немедленно)", "замолчать (уже|немедленно)"),
         ":17:14: rules.0.match.together.ru.0: join at least two parts with +"),
        (MINIMAL_RULE.replace("ru: [замолчи]", "ru: [(хватит|уж) замолчи]"),
         ":13:14: rules.0.match.phrases.ru.0: 'уж' is left out of every message"),
        (MINIMAL_RULE.replace("ru: [замолчи]", "ru: ['(замолчи|) (!|?)']"),
         ":13:14: rules.0.match.phrases.ru.0: a phrase needs at least one word"),
        (MINIMAL_RULE.replace("ru: [замолчи]", "ru: ['(a|b|c|d|e|f|g|h|i) (a|b|c|d|e|f|g|h) (a|b|c|d|e|f|g|h)']"),
         ":13:14: rules.0.match.phrases.ru.0: this phrase stands for 576 variants; split it (at most 512)"),
        (MINIMAL_RULE.replace("    languages: [ru, en]", "    languages: [ru, en"),
         ":10:10: invalid YAML"),
        (MINIMAL_RULE.replace("    languages: [ru, en]\n", "    languages: [ru, en]\n    yields_to: [no-spam]\n"),
         ":10:17: rules.0.yields_to.0: there is no rule 'no-spam' in this file"),
        (MINIMAL_RULE.replace("    languages: [ru, en]\n", "    languages: [ru, en]\n    yields_to: [no-shouting]\n"),
         ":2:5: rules.0: a rule cannot yield to itself"),
    ],
)
def test_broken_file_names_path_line_and_column(tmp_path: Path, broken: str, expected: str) -> None:
    path = write(tmp_path, broken)
    problems = problems_of(path)
    assert len(problems) == 1
    assert problems[0].startswith(str(path) + ":")
    assert expected in problems[0]


def test_care_rule_cannot_punish(tmp_path: Path) -> None:
    text = (resources.files("samovar.config") / "rules.yaml").read_text(encoding="utf-8")
    broken = text.replace("          do: [care, alert_moderators]", "          do: [care, delete]")
    (problem,) = problems_of(write(tmp_path, broken))
    assert "a care rule can only use the actions: care, alert_moderators" in problem


def test_care_rule_never_yields(tmp_path: Path) -> None:
    text = (resources.files("samovar.config") / "rules.yaml").read_text(encoding="utf-8")
    broken = text.replace("    kind: care\n", "    kind: care\n    yields_to: [judgment]\n")
    (problem,) = problems_of(write(tmp_path, broken))
    assert "a care rule never keeps quiet: remove 'yields_to'" in problem


@pytest.mark.parametrize("limit", ["    exempt: {rooms: [venting]}\n", "    exempt: {roles: [member]}\n",
                                   "    applies: {rooms: [general]}\n", "    applies: {only_replies: true}\n"])
def test_care_rule_cannot_be_kept_out_of_a_room_or_from_anyone(tmp_path: Path, limit: str) -> None:
    """A member in crisis in the venting room needs the care response as much as anyone."""
    text = (resources.files("samovar.config") / "rules.yaml").read_text(encoding="utf-8")
    broken = text.replace("    kind: care\n", "    kind: care\n" + limit)
    (problem,) = problems_of(write(tmp_path, broken))
    assert "a care rule answers signs of crisis in every room, for everyone" in problem


def test_rules_that_yield_to_each_other_are_refused(tmp_path: Path) -> None:
    languages = "    languages: [ru, en]\n"
    second = MINIMAL_RULE.replace("rules:\n", "").replace("id: no-shouting", "id: no-yelling")
    text = (MINIMAL_RULE.replace(languages, languages + "    yields_to: [no-yelling]\n")
            + second.replace(languages, languages + "    yields_to: [no-shouting]\n"))
    problems = problems_of(write(tmp_path, text))
    assert len(problems) == 2
    assert all("yields to rules that yield back to it, so none of them would answer" in p for p in problems)
    assert ":10:5: rules.0.yields_to:" in problems[0] and ":45:5: rules.1.yields_to:" in problems[1]


def test_only_the_care_rule_reads_sentences_on_their_own(tmp_path: Path) -> None:
    text = (resources.files("samovar.config") / "rules.yaml").read_text(encoding="utf-8")
    house_model = "        file: judgment_model.json\n"
    assert house_model in text
    broken = text.replace(house_model, house_model + "        sentence_threshold: 0.9\n")
    (problem,) = problems_of(write(tmp_path, broken))
    assert "'sentence_threshold' belongs to the model of a care rule (kind: care)" in problem


def test_missing_file_is_a_config_problem(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path / "absent.yaml")
    assert problem.startswith(str(tmp_path / "absent.yaml") + ":1:1: cannot read file")


def test_together_parts_stand_in_one_sentence_unless_the_rule_says_message(tmp_path: Path) -> None:
    sentence = MINIMAL_RULE.replace("    applies:\n      rooms: [general, support]\n      only_replies: true\n", "")
    whole = sentence.replace("      regexes:\n", "      together_within: message\n      regexes:\n")
    across = "Замолчать? Немедленно."
    assert RuleSet.from_text(sentence).check_ids("Замолчать немедленно!", "ru") == ["no-shouting"]
    assert RuleSet.from_text(sentence).check_ids(across, "ru") == []
    [match] = RuleSet.from_text(whole).check(across, "ru")
    assert (match.rule_id, match.text) == ("no-shouting", across[:-1])


def test_a_together_entry_does_not_count_when_any_of_its_parts_stands_inside_an_unless_phrase() -> None:
    rules = RuleSet.from_text(MINIMAL_RULE.replace(
        "    applies:\n      rooms: [general, support]\n      only_replies: true\n", "").replace(
        "      unless:\n", "      unless:\n        ru: [немедленно в номер]\n"))
    assert rules.check_ids("Замолчать немедленно!", "ru") == ["no-shouting"]
    assert rules.check_ids("Замолчать, статья идёт немедленно в номер.", "ru") == [], \
        "the second part is inside an unless phrase, though the first part is not"


def test_a_together_part_found_again_outside_the_unless_phrase_still_counts() -> None:
    rules = RuleSet.from_text(MINIMAL_RULE.replace(
        "    applies:\n      rooms: [general, support]\n      only_replies: true\n", "").replace(
        "      unless:\n", "      unless:\n        ru: [немедленно в номер]\n"))
    assert rules.check_ids("Статья идёт немедленно в номер, а ты замолчать немедленно!", "ru") == ["no-shouting"], \
        "the second 'немедленно' stands outside the unless phrase"


def test_a_misspelt_together_scope_is_reported_with_its_position(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL_RULE.replace("      regexes:\n", "      together_within: paragraph\n      regexes:\n"))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:18:24: rules.0.match.together_within: ")
    assert "'sentence' or 'message'" in problem


def test_a_russian_verb_finds_its_participle_in_the_nominative_only() -> None:
    rules = RuleSet.from_text(MINIMAL_RULE.replace(
        "    applies:\n      rooms: [general, support]\n      only_replies: true\n", "").replace(
        "        ru: [замолчи]\n", "        ru: [устать от работы]\n"))
    assert rules.check_ids("уставшая от работы", "ru") == ["no-shouting"]
    assert rules.check_ids("уставшие от работы", "ru") == ["no-shouting"]
    assert rules.check_ids("уставшему от работы", "ru") == [], "oblique cases of participles are left out"

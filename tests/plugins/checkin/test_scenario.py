"""The example scenario ``docs/scenarios/checkin.yaml`` runs three weeks and shows what its comments promise."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from samovar.core.i18n import Catalog
from samovar.core.scenario import load_scenario, run_scenario
from samovar.plugins.checkin import CheckinPlugin

SCENARIO = Path(__file__).parents[3] / "docs" / "scenarios" / "checkin.yaml"
CHECKIN_ONLY = """\
community: {name: Test, language: en, main_room: general}
adapters: {console: {}}
plugins: {checkin: {}}
"""


async def test_the_checkin_scenario_runs_three_weeks(tmp_path):
    config = tmp_path / "samovar.yaml"
    config.write_text(CHECKIN_ONLY, encoding="utf-8")
    scenario = load_scenario(SCENARIO)
    assert sum((step.wait for step in scenario.steps if step.wait), timedelta()) == timedelta(weeks=3)
    actions: list[dict] = []
    await run_scenario(SCENARIO, config, actions.append)
    texts = Catalog()
    texts.load_dir(CheckinPlugin.locales_dir())

    def dms(name: str) -> list[dict]:
        return [a for a in actions if a["action"] == "dm" and a["to"] == name]

    def greeted(name: str, lang: str = "en") -> list[str]:
        greetings = [g.format(name=name) for g in texts.variants("checkin.open", lang)]
        return [a["at"] for a in dms(name) if any(a["text"].startswith(g) for g in greetings)]

    room = [a for a in actions if a["action"] == "send" and a["room"] == "checkins"]
    general = [a for a in actions if a["action"] == "send" and a["room"] == "general"]
    assert [a["text"] for a in general] == [texts.t("checkin.sent_privately", "en")]

    assert greeted("alice") == ["2026-01-09T15:00:00+00:00", "2026-01-16T15:00:00+00:00",
                                "2026-01-23T15:00:00+00:00"]
    assert greeted("carol", "ru") == ["2026-01-09T17:00:00+00:00", "2026-01-16T17:00:00+00:00",
                                      "2026-01-23T17:00:00+00:00"]
    assert greeted("bob") == ["2026-01-09T18:30:00+00:00", "2026-01-23T18:30:00+00:00"]  # paused in week 2

    # week 1: carol's post carries her name, bob's does not; alice's stays private
    assert room[0]["text"].startswith("carol") and "выспалась" in room[0]["text"]
    assert "bob" not in room[1]["text"] and "work ate the whole week" in room[1]["text"]
    assert not any("first draft" in a["text"] or "deadline" in a["text"] for a in room)
    digest = room[2]
    assert digest["at"] == "2026-01-11T16:00:00+00:00"
    assert texts.t("checkin.digest.count", "en", count=3) in digest["text"]
    assert texts.t("checkin.digest.mood", "en", mood="3.0") in digest["text"]
    assert not any(name in digest["text"] for name in ("alice", "bob", "carol"))

    # the introduction comes only after both said yes
    introduce = texts.t("checkin.similar.introduce", "en", name="@bob", theme=texts.t("checkin.themes.work", "en"))
    waiting = texts.t("checkin.similar.waiting", "en", off="!checkin similar off")
    alice_texts = [a["text"] for a in dms("alice")]
    assert alice_texts.index(waiting) < alice_texts.index(introduce)
    assert not any("@alice" in a["text"] for a in dms("bob") if a["at"] < "2026-01-11T16:30")
    assert not any(a["to"] == "carol" and "similar" in a["text"] for a in actions)

    # one gentle reminder for alice in week 2, none in week 3 (she turned them off)
    reminders = set(texts.variants("checkin.reminder", "en"))
    alice_reminders = [a["at"] for a in dms("alice") if any(a["text"].startswith(r) for r in reminders)]
    assert alice_reminders == ["2026-01-17T15:00:00+00:00"]

    # carol's history went to her privately, in Russian
    history = [a for a in dms("carol") if a["text"].startswith(texts.t("checkin.history.header", "ru"))]
    assert len(history) == 1 and "устала от работы" in history[0]["text"]
    assert actions[-1]["at"] < "2026-01-26T09:00:01+00:00"

"""The example scenario ``docs/scenarios/wins.yaml`` runs and shows what its comments promise."""
from __future__ import annotations

from pathlib import Path

from samovar.core.i18n import Catalog
from samovar.core.scenario import load_scenario, run_scenario
from samovar.plugins.wins import WinsPlugin

SCENARIO = Path(__file__).parents[3] / "docs" / "scenarios" / "wins.yaml"
WINS_ONLY = """\
community: {name: Test, language: en, main_room: general}
adapters: {console: {}}
plugins: {wins: {}}
"""


async def test_the_wins_scenario_runs(tmp_path):
    config = tmp_path / "samovar.yaml"
    config.write_text(WINS_ONLY, encoding="utf-8")
    actions: list[dict] = []
    assert load_scenario(SCENARIO).steps
    await run_scenario(SCENARIO, config, actions.append)

    room = [a for a in actions if a["action"] == "send"]
    replies = [(a["to"], a["text"]) for a in room if a.get("reply_to")]
    assert {a["to"] for a in actions if a["action"] == "react"} == {"alice", "carol", "bob"}
    assert any(to == "alice" and "finished the first chapter of my thesis" in text for to, text in replies)
    assert any(to == "carol" and "went for a walk even though it was hard today" in text for to, text in replies)
    texts = Catalog()
    texts.load_dir(WinsPlugin.locales_dir())
    assert ("bob", texts.t("wins.ask", "en", command="!win")) in replies
    assert not any("@everyone" in (a["text"] or "") for a in actions)
    journal = [a for a in actions if a["action"] == "dm" and a["to"] == "alice"]
    assert len(journal) == 1 and "witnessed by 1 person" in journal[0]["text"]
    digest = room[-1]
    assert digest["at"] == "2026-01-11T15:00:00+00:00" and digest["to"] is None
    assert "• alice: finished the first chapter of my thesis" in digest["text"]
    assert "• carol: went for a walk" in digest["text"]
    assert "bob" not in digest["text"] and "dentist" not in digest["text"]

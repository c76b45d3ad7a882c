"""The moderation scenario in docs/ plays as its comments say."""
from __future__ import annotations

from pathlib import Path

from samovar.core.scenario import run_scenario

SCENARIO = Path(__file__).resolve().parents[3] / "docs" / "scenarios" / "moderation.yaml"


async def test_the_documented_scenario():
    actions: list[dict] = []
    await run_scenario(SCENARIO, None, actions.append)
    public = [a for a in actions if a["action"] == "send" and a["room"] == "general"]
    assert public == [], "nothing in this story is posted in the room"
    to = lambda name: [a["text"] for a in actions if a["action"] == "dm" and a["to"] == name]  # noqa: E731
    assert "(“Just do it, stop overthinking!”)" in to("alice")[0], "the note quotes the message it is about"
    assert "agrees it was fine" in to("alice")[-1]
    assert to("bob") == [], "the critical mention is left alone"
    deleted = [a for a in actions if a["action"] == "delete"]
    assert [a["to"] for a in deleted] == ["dan"]
    carol = to("carol")
    assert len(carol) == 1 and "Samaritans" in carol[0].split("•")[1], "the country's line comes first"
    moderators = [a["text"] for a in actions if a["room"] == "moderators"]
    assert any("Appeal #1" in text for text in moderators)
    assert any("@carol" in text and "live" not in text for text in moderators)
    last_nudge = to("dan")[-1]
    assert last_nudge.startswith("Hi, a quiet word"), "a week later the count started again"
    assert actions[-1]["text"].startswith("What the house rules noticed about @dan")

"""Words with signs of crisis, written while another plugin waits for an answer, get the care response only."""
from __future__ import annotations

from typing import Any

from samovar.plugins.moderation.engine import RuleSet

from tests.plugins.checkin.conftest import answer_all, open_checkin

CRISIS = RuleSet.from_default().rule("crisis")
WORDS = "honestly i saved up my pills"


async def make_town(community_factory: Any) -> Any:
    return await community_factory(config={"scheduler": {"tick": "1h"}}, plugins=["moderation", "buddy", "checkin"])


async def test_a_welcome_question_waits_while_the_newcomer_gets_care(community_factory):
    town = await make_town(community_factory)
    await town.join("bob")
    [welcome] = town.dms_to("bob")
    assert welcome.endswith(town.t("buddy.welcome.ask_language"))
    await town.dm("bob", WORDS)
    after = town.dms_to("bob")[1:]
    assert len(after) == 1 and CRISIS.explanation.en in after[0], "care, and no cheerful next question"
    await town.dm("bob", "english")
    assert town.dms_to("bob")[-1] == town.t("buddy.welcome.ask_timezone"), "the welcome goes on when bob does"


async def test_an_open_checkin_neither_stores_nor_follows_up_words_of_crisis(community_factory):
    town = await open_checkin(await make_town(community_factory), "anna")
    before = len(town.dms_to("anna"))
    await town.dm("anna", WORDS)
    after = town.dms_to("anna")[before:]
    assert len(after) == 2 and CRISIS.explanation.en in after[0], "care first"
    assert after[1] == town.t("checkin.done.after_care"), "then no more questions this week"
    await answer_all(town, "anna", "a short walk")
    assert town.dms_to("anna")[before + 2:] == [town.t("core.still_here")], "nothing is asked or stored any more"
    await town.dm("anna", "!checkin history")
    assert "pills" not in town.dms_to("anna")[-1]

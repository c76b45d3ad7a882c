"""Who may change buddies, what a room reads when buddy commands are written there, Russian wording."""
from __future__ import annotations

import re
from typing import Any

from samovar.core.i18n import Catalog
from samovar.plugins.buddy.plugin import BuddyPlugin

from tests.plugins.buddy.support import introduced_buddy


async def make_town(community_factory: Any, *, dm_closed: tuple[str, ...] = (), language: str = "en",
                    **settings: Any) -> Any:
    settings.setdefault("questions", False)
    config: dict[str, Any] = {"plugins": {"buddy": settings}, "community": {"language": language}}
    if dm_closed:
        config["adapters"] = {"console": {"dm_closed": list(dm_closed)}}
    return await community_factory(config=config, plugins=["buddy"])


def mentions_in(town: Any, room: str, name: str) -> list[str]:
    """What the bot posted in ``room`` that names ``name``."""
    return [text for text in town.sent_in(room) if name in text]


# ----- !buddy another ------------------------------------------------------------------------


async def test_a_volunteer_asking_for_another_buddy_stays_a_volunteer(community_factory):
    town = await make_town(community_factory)
    await town.say("zed", "!buddy volunteer")
    await town.say("zed", "!buddy another")
    assert town.replies_to("zed")[-1] == town.t("buddy.sent_privately")
    assert town.dms_to("zed") == [town.t("buddy.another.no_buddy", decline="!buddy decline")]
    await town.say("vera", "!buddy volunteer")
    assert town.dms_to("vera") == [], "zed is nobody's newcomer"
    assert introduced_buddy(town, "zed") is None
    await town.dm("zed", "!buddy status")
    status = town.dms_to("zed")[-1].split("\n")
    assert status[0] == town.t("buddy.status.volunteer_active", count=2, names="—")
    assert not any(line.startswith(town.t("buddy.status.your_buddy", buddy="")[:-1]) for line in status)


async def test_a_long_time_member_without_a_buddy_gets_a_kind_no_and_nothing_changes(community_factory):
    town = await make_town(community_factory)
    await town.say("anna", "!buddy volunteer")
    await town.dm("lena", "!buddy another")
    assert town.dms_to("lena") == [town.t("buddy.another.no_buddy", decline="!buddy decline")]
    assert town.dms_to("anna") == [], "no newcomer introduced to the volunteer"
    await town.dm("mod", "!buddy pending")
    assert town.dms_to("mod")[-1].split("\n")[0] == town.t("buddy.pending.empty")


async def test_a_newcomer_whose_support_period_ended_has_no_buddy_to_change(community_factory):
    town = await make_town(community_factory, support_period="30d")
    await town.say("anna", "!buddy volunteer")
    await town.say("olga", "!buddy volunteer")
    await town.join("boris")
    first = introduced_buddy(town, "boris")
    await town.wait("31d")
    await town.dm("boris", "!buddy another")
    assert town.dms_to("boris")[-1] == town.t("buddy.another.no_buddy", decline="!buddy decline")
    assert introduced_buddy(town, "boris") == first, "no new introduction"


async def test_a_newcomer_still_answering_the_questions_is_told_a_buddy_is_coming(community_factory):
    town = await make_town(community_factory, questions=True)
    await town.say("anna", "!buddy volunteer")
    await town.join("boris")
    await town.dm("boris", "!buddy another")
    assert town.dms_to("boris")[-1] == town.t("buddy.another.still_looking")
    await town.dm("boris", "stop")
    assert introduced_buddy(town, "boris") == "anna"


# ----- what a room reads ------------------------------------------------------------------------


async def test_declining_in_a_room_answers_privately_and_names_nobody_there(community_factory):
    town = await make_town(community_factory, language="ru")
    await town.say("vera", "!buddy volunteer")
    await town.join("boris")
    await town.join("carl")
    await town.say("vera", "!buddy decline")
    assert town.replies_to("vera")[-1] == town.t("buddy.sent_privately", "ru")
    assert town.dms_to("vera")[-1] == town.t("buddy.decline.which", "ru", names="@boris, @carl",
                                             command="!buddy decline @name")
    await town.dm("vera", "!buddy decline @boris")
    assert town.dms_to("vera")[-1] == town.t("buddy.decline.done", "ru", newcomer="@boris")
    await town.say("vera", "!buddy decline")
    assert town.replies_to("vera")[-1] == town.t("buddy.sent_privately", "ru")
    assert town.dms_to("vera")[-1] == town.t("buddy.decline.done", "ru", newcomer="@carl")
    assert mentions_in(town, "general", "boris") == []
    assert mentions_in(town, "general", "carl") == []


async def test_declining_in_a_room_with_closed_dms_gets_a_neutral_thanks(community_factory):
    town = await make_town(community_factory, dm_closed=("vera",), fallback_room="buddies")
    await town.say("vera", "!buddy volunteer")
    await town.say("olga", "!buddy volunteer")
    await town.say("olga", "!buddy pause")
    await town.join("boris")
    await town.say("vera", "!buddy decline")
    assert town.replies_to("vera")[-1] == town.t("buddy.decline.done_public")
    assert mentions_in(town, "general", "boris") == []
    assert town.t("buddy.decline.newcomer", buddy="@vera") in town.dms_to("boris")


async def test_asking_for_another_buddy_in_a_room_is_answered_privately(community_factory):
    town = await make_town(community_factory)
    await town.say("anna", "!buddy volunteer")
    await town.say("olga", "!buddy volunteer")
    await town.join("boris")
    first = introduced_buddy(town, "boris")
    await town.say("boris", "!buddy another")
    assert town.sent_in("general")[-1] == town.t("buddy.sent_privately")
    assert town.t("buddy.another.ack") in town.dms_to("boris")
    assert introduced_buddy(town, "boris") not in (None, first)


async def test_check_up_answers_written_in_a_room_are_answered_privately(community_factory):
    town = await make_town(community_factory)
    await town.say("anna", "!buddy volunteer")
    await town.join("boris")
    await town.wait("7d")
    await town.say("boris", "!buddy connected no")
    assert town.replies_to("boris")[-1] == town.t("buddy.sent_privately")
    assert town.dms_to("boris")[-1] == town.t("buddy.connected.no_newcomer", another="!buddy another")
    await town.say("anna", "!buddy connected yes")
    assert town.replies_to("anna")[-1] == town.t("buddy.sent_privately")
    assert town.dms_to("anna")[-1] == town.t("buddy.connected.yes")


async def test_the_waiting_list_is_not_read_out_in_a_public_room(community_factory):
    town = await make_town(community_factory)
    await town.say("anna", "!buddy volunteer 1")
    await town.join("boris")
    await town.join("carl")
    await town.say("mod", "!buddy pending")
    assert town.replies_to("mod")[-1] == town.t("buddy.sent_privately")
    assert mentions_in(town, "general", "carl") == []
    assert town.dms_to("mod")[-1].split("\n")[0] == town.t("buddy.pending.header", count=1)
    await town.say("mod", "!buddy pending", room="moderators")
    assert town.sent_in("moderators")[-1].split("\n")[0] == town.t("buddy.pending.header", count=1)


async def test_volunteering_in_a_room_does_not_show_what_was_told_privately(community_factory):
    town = await make_town(community_factory, questions=True)
    await town.join("boris")
    await town.dm("boris", "English")
    await town.dm("boris", "Berlin")
    await town.dm("boris", "burnout at my job")
    await town.say("boris", "!buddy volunteer")
    public = town.replies_to("boris")[-1]
    assert public.split("\n")[0] == town.t("buddy.volunteer.thanks", count=2)
    assert "burnout" not in public and "Berlin" not in public
    await town.dm("boris", "!buddy volunteer")
    assert town.t("buddy.profile.summary", languages="English", topics="burnout, career", zone="Europe/Berlin",
                  hours=town.t("buddy.profile.not_said")) in town.dms_to("boris")[-1].split("\n")


# ----- Russian wording ----------------------------------------------------------------------------


GENDERED = re.compile(r"\((?:а|ла|лась|одна)\)|\b(?:его|ему|него|нему|ним|нём|её|ей|неё|ней|он|она)\b",
                      re.IGNORECASE)


async def test_russian_texts_about_a_buddy_or_newcomer_do_not_assume_a_gender(community_factory):
    town = await make_town(community_factory, language="ru")
    await town.say("vera", "!buddy volunteer")
    await town.say("olga", "!buddy volunteer")
    await town.join("boris")
    first = introduced_buddy(town, "boris", "ru")
    await town.dm(first, "!buddy decline")
    await town.wait("7d")
    await town.leave("boris")
    seen = [text for name in ("vera", "olga", "boris") for text in town.dms_to(name)]
    assert town.t("buddy.decline.newcomer", "ru", buddy=f"@{first}") in seen
    assert [text for text in seen if GENDERED.search(text)] == []


def test_no_russian_buddy_text_uses_gendered_forms():
    catalog = Catalog()
    catalog.load_dir(BuddyPlugin.locales_dir())
    skip = ("buddy.topics.", "buddy.words.", "buddy.language_names.")  # recognised words, not what members read
    found = [text for key in sorted(catalog.keys("ru")) if not key.startswith(skip)
             for text in catalog.variants(key, "ru") if GENDERED.search(text)]
    assert found == []

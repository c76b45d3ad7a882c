"""The weekly review: an aggregated digest in the room, and "similar week" offers made privately."""
from __future__ import annotations

from datetime import datetime, timedelta

from .conftest import answer_all

DIGEST = {"digest": {"enabled": True, "day": "sun", "time": "19:00"}}
SIMILAR = {"digest": {"similar_weeks": True, "day": "sun", "time": "19:00"}}


async def run_week(community, answers: dict[str, tuple[str, ...]]) -> None:
    """Everyone in ``answers`` is on; time runs to Friday 18:00, they answer, then to Sunday 19:05."""
    for name in answers:
        await community.dm(name, "!checkin on")
    now = community.clock.now()
    friday = now.replace(hour=18, minute=0, second=0, microsecond=0) + timedelta(days=(4 - now.weekday()) % 7)
    if friday <= now:
        friday += timedelta(days=7)
    await community.scheduler.advance_to(friday)
    for name, texts in answers.items():
        await answer_all(community, name, *texts)
    await community.scheduler.advance_to(friday + timedelta(days=2, hours=1, minutes=5))


async def test_the_digest_shows_only_totals(make_community):
    community = await make_community(checkin=DIGEST)
    await run_week(community, {
        "anna": ("finished the report", "slept badly", "2", "1"),
        "boris": ("-", "a fight with my brother", "3", "-"),
        "carol": ("a long walk", "-", "4", "1"),
        "dima": ("-", "-", "5", "-"),
    })
    posted = community.sent_in("checkins")
    assert len(posted) == 1
    digest = posted[0]
    assert community.t("checkin.digest.count", count=4) in digest
    assert community.t("checkin.digest.mood", mood="3.5") in digest
    for private in ("anna", "boris", "carol", "dima", "report", "brother", "walk"):
        assert private not in digest
    at = [a.at for a in community.actions if a.action == "send"][0]
    assert at.isoformat() == "2026-01-11T19:00:00+00:00"


async def test_the_average_mood_needs_enough_people(make_community):
    community = await make_community(checkin=DIGEST)
    await run_week(community, {"anna": ("-", "-", "1"), "boris": ("a walk", "-", "-", "-")})
    digest = community.sent_in("checkins")[0]
    assert community.t("checkin.digest.count", count=2) in digest
    assert "mood" not in digest.lower()


async def test_the_mood_trend_compares_with_last_week(make_community):
    community = await make_community(checkin=DIGEST)
    week = {name: ("-", "-", "2") for name in ("anna", "boris", "carol")}
    await run_week(community, week)
    await run_week(community, {name: ("-", "-", "4") for name in week})
    digest = community.sent_in("checkins")[-1]
    assert community.t("checkin.digest.trend.up", mood="4.0", previous="2.0") in digest


async def test_no_digest_in_a_week_without_checkins(make_community):
    community = await make_community(checkin=DIGEST)
    await community.dm("anna", "!checkin on")
    await community.wait("7d")
    assert community.sent_in("checkins") == []


async def test_the_digest_speaks_the_rooms_language(make_community):
    community = await make_community(checkin={"digest": {"enabled": True, "room": "general"}},
                                     config={"rooms": {"general": {"language": "ru"}}})
    await run_week(community, {name: ("-", "-", "3") for name in ("anna", "boris", "carol")})
    digest = community.sent_in("general")[-1]
    assert community.t("checkin.digest.count", "ru", count=3) in digest
    assert "3,0" in digest


async def test_the_digest_is_off_by_default(make_community):
    community = await make_community()
    await run_week(community, {name: ("-", "-", "3") for name in ("anna", "boris", "carol")})
    assert community.sent_in("checkins") == []


def offers(community, name: str) -> list[str]:
    marker = community.t("checkin.similar.offer", theme="", yes="", no="").split("—")[0]
    return [text for text in community.dms_to(name) if text.startswith(marker)]


async def test_similar_weeks_are_offered_privately_and_introduced_only_after_both_agree(make_community):
    community = await make_community(checkin=SIMILAR)
    await run_week(community, {
        "anna": ("-", "my boss shouted at me", "2", "1"),
        "boris": ("finally finished a work project", "-", "4", "1"),
        "carol": ("my sister visited", "-", "4", "1"),
    })
    assert len(offers(community, "anna")) == 1 and len(offers(community, "boris")) == 1
    assert offers(community, "carol") == []
    offer = offers(community, "anna")[0]
    assert community.t("checkin.themes.work") in offer and "boris" not in offer and "project" not in offer
    assert community.sent_in("checkins") == [] and community.sent_in("general") == []

    await community.dm("anna", "!checkin similar yes")
    assert community.dms_to("anna")[-1] == community.t("checkin.similar.waiting", off="!checkin similar off")
    assert not any("anna" in text for text in community.dms_to("boris"))
    await community.dm("boris", "!checkin similar yes")
    assert community.dms_to("anna")[-1] == community.t("checkin.similar.introduce", name="@boris",
                                                       theme=community.t("checkin.themes.work"))
    assert community.dms_to("boris")[-1] == community.t("checkin.similar.introduce", name="@anna",
                                                        theme=community.t("checkin.themes.work"))


async def test_a_no_keeps_both_members_unknown_to_each_other(make_community):
    community = await make_community(checkin=SIMILAR)
    await run_week(community, {"anna": ("-", "exams all week", "2", "1"), "boris": ("passed an exam", "-", "4", "1")})
    await community.dm("anna", "!checkin similar no")
    assert community.dms_to("anna")[-1] == community.t("checkin.similar.declined")
    await community.dm("boris", "!checkin similar yes")
    assert community.dms_to("boris")[-1] == community.t("checkin.similar.waiting", off="!checkin similar off")
    assert not any("anna" in text for text in community.dms_to("boris"))
    assert not any("boris" in text for text in community.dms_to("anna"))


async def test_members_can_refuse_such_offers(make_community):
    community = await make_community(checkin=SIMILAR)
    await community.dm("anna", "!checkin on")
    await community.dm("anna", "!checkin similar off")
    assert community.dms_to("anna")[-1] == community.t("checkin.similar.off")
    await run_week(community, {"anna": ("-", "work stress", "2", "1"), "boris": ("-", "work again", "3", "1")})
    assert offers(community, "anna") == [] and offers(community, "boris") == []


async def test_an_offer_can_expire_and_the_same_pair_is_not_offered_again(make_community):
    community = await make_community(checkin=SIMILAR)
    week = {"anna": ("-", "work stress", "2", "1"), "boris": ("-", "work again", "3", "1")}
    await run_week(community, week)
    await community.wait("7d")
    await community.dm("anna", "!checkin similar yes")
    assert community.dms_to("anna")[-1] == community.t("checkin.similar.none")
    await run_week(community, week)
    assert len(offers(community, "anna")) == 1


async def test_similar_weeks_pair_only_members_who_share_a_language(make_community):
    community = await make_community(checkin=SIMILAR)
    for name in ("anna", "boris"):
        await community.dm(name, "!language ru")
    await run_week(community, {
        "anna": ("-", "бессонница всю неделю", "2", "1"),
        "tom": ("-", "insomnia again", "2", "1"),
    })
    assert offers(community, "tom") == []
    assert not any(text.startswith(community.t("checkin.similar.offer", "ru", theme="", yes="", no="")[:40])
                   for text in community.dms_to("anna")), "anna's week was about sleep too, but in Russian"
    await run_week(community, {
        "anna": ("-", "опять не высыпаюсь", "2", "1"),
        "tom": ("-", "slept badly again", "2", "1"),
        "boris": ("-", "не высыпаюсь", "3", "1"),
    })
    russian_offer = community.t("checkin.similar.offer", "ru", theme=community.t("checkin.themes.sleep", "ru"),
                                yes="!checkin similar yes", no="!checkin similar no")
    assert community.dms_to("anna").count(russian_offer) == 1
    assert community.dms_to("boris").count(russian_offer) == 1
    assert offers(community, "tom") == []


async def test_yes_without_an_offer(make_community):
    community = await make_community(checkin=SIMILAR)
    await community.dm("anna", "!checkin similar yes")
    assert community.dms_to("anna")[-1] == community.t("checkin.similar.none")


async def test_the_review_runs_once_even_across_a_restart(make_community, tmp_path):
    url = f"sqlite://{tmp_path}/samovar.db"
    community = await make_community(checkin=DIGEST, database_url=url)
    await run_week(community, {name: ("-", "-", "3") for name in ("anna", "boris", "carol")})
    assert len(community.sent_in("checkins")) == 1
    community = await make_community(checkin=DIGEST, database_url=url,
                                     start=datetime.fromisoformat("2026-01-11T19:30:00+00:00"))
    await community.wait("1h")
    assert community.sent_in("checkins") == []

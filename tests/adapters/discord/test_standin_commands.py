"""End-to-end checks of application commands: sync with localizations, interactions and responses."""
from __future__ import annotations

import discord
import pytest
from discord import app_commands

from .client_helpers import eventually, make_client
from .conftest import StartClient
from .standin import DiscordStandIn


class RussianTranslator(app_commands.Translator):
    async def translate(self, string: app_commands.locale_str, locale: discord.Locale,
                        context: app_commands.TranslationContext) -> str | None:
        texts = {"win": "победа", "Share a small win": "Поделиться маленькой победой", "text": "текст",
                 "What went well": "Что получилось"}
        return texts.get(string.message) if locale is discord.Locale.russian else None


async def test_slash_command_sync_and_responses(discord_standin: DiscordStandIn,
                                                run_discord_client: StartClient) -> None:
    client = make_client()
    tree = app_commands.CommandTree(client)
    guild_object = discord.Object(discord_standin.guild.id)

    @tree.command(name="win", description="Share a small win", guild=guild_object)
    @app_commands.describe(text="What went well")
    async def win(interaction: discord.Interaction, text: str) -> None:
        await interaction.response.send_message(f"Celebrating: {text}")
        await interaction.followup.send("Saved to the wins wall", ephemeral=True)

    originals: list[str] = []

    @tree.command(name="checkin", description="Weekly check-in", guild=guild_object)
    async def checkin(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.edit_original_response(content="How was your week?")
        originals.append((await interaction.original_response()).content)

    await tree.set_translator(RussianTranslator())
    await run_discord_client(client)
    await tree.sync(guild=guild_object)

    commands = {c["name"]: c for c in discord_standin.registered_commands()}
    assert set(commands) == {"win", "checkin"}
    assert commands["win"]["name_localizations"] == {"ru": "победа"}
    assert commands["win"]["description_localizations"] == {"ru": "Поделиться маленькой победой"}
    assert commands["win"]["options"][0]["name_localizations"] == {"ru": "текст"}

    interaction = discord_standin.slash_command("alice", "wins", "win", {"text": "slept 8 hours"})
    await discord_standin.wait_for(lambda: len(discord_standin.interaction_responses) >= 2)
    callback, followup = discord_standin.interaction_responses
    assert (callback.interaction_id, callback.kind, callback.type) == (interaction.id, "callback", 4)
    assert callback.content == "Celebrating: slept 8 hours" and not callback.ephemeral
    assert (followup.kind, followup.content, followup.ephemeral) == ("followup", "Saved to the wins wall", True)
    assert [m.content for m in discord_standin.sent_messages("wins")] == ["Celebrating: slept 8 hours"]

    discord_standin.slash_command("bob", "checkins", "checkin")
    await discord_standin.wait_for(lambda: len(discord_standin.interaction_responses) >= 4)
    assert [(r.kind, r.type) for r in discord_standin.interaction_responses[2:]] == [
        ("callback", 5), ("edit_original", None)]
    assert [m.content for m in discord_standin.sent_messages("checkins")] == ["How was your week?"]
    await eventually(lambda: originals)
    assert originals == ["How was your week?"]


class WordyTranslator(app_commands.Translator):
    async def translate(self, string: app_commands.locale_str, locale: discord.Locale,
                        context: app_commands.TranslationContext) -> str | None:
        return "очень " * 20 + "длинное описание" if locale is discord.Locale.russian else None


async def test_too_long_translated_description_fails_sync(discord_standin: DiscordStandIn,
                                                          run_discord_client: StartClient) -> None:
    client = make_client()
    tree = app_commands.CommandTree(client)
    guild_object = discord.Object(discord_standin.guild.id)

    @tree.command(name="win", description="Share a small win", guild=guild_object)
    async def win(interaction: discord.Interaction) -> None:
        pass

    await tree.set_translator(WordyTranslator())
    await run_discord_client(client)
    with pytest.raises(discord.HTTPException) as caught:
        await tree.sync(guild=guild_object)
    assert caught.value.code == 50035
    assert discord_standin.registered_commands() == []

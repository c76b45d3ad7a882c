"""Slash-command interactions: building INTERACTION_CREATE and taking the bot's responses.

Discord's rules kept here: the first response must come within 3 seconds,
an interaction is answered once (40060 otherwise), follow-ups need that
first response, and ephemeral messages never reach the gateway.
"""
from __future__ import annotations

import asyncio
import dataclasses
import secrets
from typing import Any

from .errors import ApiError, invalid_form, unknown
from .model import Channel, ChannelType, Message, MessageType, User, World
from .payloads import channel_payload, member_payload, role_payload, user_payload
from .permissions import channel_permissions
from .platform import Platform

RESPONSE_DEADLINE = 3.0
EPHEMERAL, LOADING = 64, 128
OPTION_USER, OPTION_CHANNEL, OPTION_ROLE, OPTION_MENTIONABLE = 6, 7, 8, 9


@dataclasses.dataclass
class Interaction:
    id: int
    token: str
    user_id: int
    channel_id: int
    guild_id: int | None
    command: dict[str, Any]
    created: float
    responded: bool = False
    ephemeral: bool = False
    original_message_id: int | None = None
    followup_ids: list[int] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class InteractionResponse:
    """One answer from the bot: kind is callback, followup, edit_original, delete_original, ..."""

    interaction_id: int
    kind: str
    type: int | None
    data: dict[str, Any]
    message_id: int | None = None

    @property
    def content(self) -> str | None:
        return self.data.get("content")

    @property
    def ephemeral(self) -> bool:
        return bool(int(self.data.get("flags") or 0) & EPHEMERAL)


class InteractionDesk:
    def __init__(self, world: World, platform: Platform) -> None:
        self.world = world
        self.platform = platform
        self.interactions: dict[int, Interaction] = {}
        self.responses: list[InteractionResponse] = []

    # -- invoking ---------------------------------------------------------------------
    def find_command(self, name: str, channel: Channel) -> dict[str, Any]:
        app = self.world.application
        candidates = list(app.guild_commands.get(channel.guild_id, [])) if channel.guild_id else []
        candidates += app.global_commands
        for command in candidates:
            if command["type"] == 1 and command["name"] == name:
                if channel.type == ChannelType.DM and not _usable_in_dm(command):
                    continue
                return command
        raise LookupError(f"no slash command /{name} is registered where {channel.name or 'the DM'} is")

    def invoke(self, user: User, channel: Channel, path: str, options: dict[str, Any]) -> Interaction:
        """Create the interaction for ``/path`` (``"cmd"`` or ``"cmd sub"``) and dispatch it."""
        name, *sub_path = path.split()
        command = self.find_command(name, channel)
        guild = self.world.guild_of(channel)
        resolved: dict[str, dict[str, Any]] = {}
        schema = command.get("options") or []
        built: list[dict[str, Any]] = []
        container = built
        for part in sub_path:
            match = next((o for o in schema if o["name"] == part and o["type"] in (1, 2)), None)
            if match is None:
                raise LookupError(f"/{name} has no subcommand {part!r}")
            node: dict[str, Any] = {"name": part, "type": match["type"], "options": []}
            container.append(node)
            container, schema = node["options"], match.get("options") or []
        container.extend(self._options(schema, options, guild, channel, resolved))

        interaction = Interaction(id=self.world.ids.next(), token=f"aW50ZXJhY3Rpb246{secrets.token_urlsafe(48)}",
                                  user_id=user.id, channel_id=channel.id,
                                  guild_id=guild.id if guild else None, command=command,
                                  created=asyncio.get_running_loop().time())
        self.interactions[interaction.id] = interaction
        data: dict[str, Any] = {"id": command["id"], "name": name, "type": 1}
        if built:
            data["options"] = built
        if resolved:
            data["resolved"] = resolved
        if "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        self.platform.gateway.dispatch("INTERACTION_CREATE", self._payload(interaction, user, channel, data),
                                       guild_id=interaction.guild_id)
        return interaction

    def _options(self, schema: list[dict[str, Any]], given: dict[str, Any], guild: Any, channel: Channel,
                 resolved: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        by_name = {o["name"]: o for o in schema}
        unknown_names = set(given) - set(by_name)
        if unknown_names:
            raise LookupError(f"options not declared by the command: {sorted(unknown_names)}")
        out = []
        for option in schema:
            if option["name"] not in given:
                if option.get("required"):
                    raise ValueError(f"required option {option['name']!r} missing")
                continue
            value = given[option["name"]]
            choices = option.get("choices")
            if choices and value not in [c["value"] for c in choices]:
                raise ValueError(f"{value!r} is not a choice of option {option['name']!r}")
            if option["type"] in (OPTION_USER, OPTION_CHANNEL, OPTION_ROLE, OPTION_MENTIONABLE):
                value = self._resolve(option["type"], value, guild, channel, resolved)
            out.append({"name": option["name"], "type": option["type"], "value": value})
        return out

    def _resolve(self, kind: int, value: Any, guild: Any, channel: Channel,
                 resolved: dict[str, dict[str, Any]]) -> str:
        if hasattr(value, "id"):
            value = value.id
        if kind in (OPTION_ROLE, OPTION_MENTIONABLE) and guild is not None:
            try:
                role = self.world.find_role(guild, value)
            except KeyError:
                role = None
            if role is not None:
                resolved.setdefault("roles", {})[str(role.id)] = role_payload(role)
                return str(role.id)
        if kind == OPTION_CHANNEL:
            target = self.world.find_channel(value, guild)
            resolved.setdefault("channels", {})[str(target.id)] = {
                "id": str(target.id), "name": target.name, "type": target.type,
                "permissions": str(self._permissions(target, self.world.users[self.world.bot.id])),
            }
            return str(target.id)
        user = self.world.find_user(value)
        resolved.setdefault("users", {})[str(user.id)] = user_payload(user)
        if guild is not None and user.id in guild.members:
            member = member_payload(self.world, guild.members[user.id], with_user=False)
            member["permissions"] = str(self._permissions(channel, user))
            resolved.setdefault("members", {})[str(user.id)] = member
        return str(user.id)

    def _permissions(self, channel: Channel, user: User) -> int:
        guild = self.world.guild_of(channel)
        if guild is None or user.id not in guild.members:
            return 0
        return channel_permissions(guild, guild.members[user.id], channel, self.world.parent_of(channel))

    def _payload(self, interaction: Interaction, user: User, channel: Channel, data: dict[str, Any]) -> dict[str, Any]:
        guild = self.world.guild_of(channel)
        payload: dict[str, Any] = {
            "id": str(interaction.id),
            "application_id": str(self.world.application.id),
            "type": 2,
            "data": data,
            "channel": {**channel_payload(self.world, channel), "permissions": str(self._permissions(channel, user))},
            "channel_id": str(channel.id),
            "token": interaction.token,
            "version": 1,
            "app_permissions": str(self._permissions(channel, self.world.bot)),
            "locale": user.locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if guild is not None:
            member = member_payload(self.world, guild.members[user.id])
            member["permissions"] = str(self._permissions(channel, user))
            payload.update(guild_id=str(guild.id), guild_locale=guild.preferred_locale, member=member,
                           guild={"id": str(guild.id), "locale": guild.preferred_locale, "features": []},
                           authorizing_integration_owners={"0": str(guild.id)}, context=0)
        else:
            payload.update(user=user_payload(user), context=1,
                           authorizing_integration_owners={"0": "0"})
        return payload

    # -- responding ------------------------------------------------------------------------
    def get(self, interaction_id: int, token: str) -> Interaction:
        interaction = self.interactions.get(interaction_id)
        if interaction is None or interaction.token != token:
            raise unknown("interaction")
        return interaction

    def by_token(self, application_id: int, token: str) -> Interaction:
        if application_id != self.world.application.id:
            raise unknown("Webhook")
        for interaction in self.interactions.values():
            if interaction.token == token:
                return interaction
        raise unknown("Webhook")

    def callback(self, interaction: Interaction, body: dict[str, Any]) -> tuple[int, Message | None]:
        if interaction.responded:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        loop_time = asyncio.get_running_loop().time()
        if loop_time - interaction.created > RESPONSE_DEADLINE:
            raise unknown("interaction")
        kind = int(body.get("type", 0))
        data = body.get("data") or {}
        if kind not in (4, 5, 9):
            raise invalid_form("type", "INTERACTION_RESPONSE_TYPE_INVALID",
                               f"Response type {kind} does not fit an application command interaction.")
        interaction.responded = True
        message = None
        if kind in (4, 5):
            flags = int(data.get("flags") or 0)
            interaction.ephemeral = bool(flags & EPHEMERAL)
            if kind == 5:
                flags |= LOADING
            message = self._post(interaction, data, flags)
            interaction.original_message_id = message.id
        self.responses.append(InteractionResponse(interaction.id, "callback", kind, data,
                                                  message.id if message else None))
        self.platform.recorder.changed()
        return kind, message

    def followup(self, interaction: Interaction, data: dict[str, Any]) -> Message:
        if not interaction.responded:
            raise unknown("Webhook")
        message = self._post(interaction, data, int(data.get("flags") or 0))
        interaction.followup_ids.append(message.id)
        self.responses.append(InteractionResponse(interaction.id, "followup", None, data, message.id))
        self.platform.recorder.changed()
        return message

    def message(self, interaction: Interaction, message_ref: str) -> Message:
        message_id = interaction.original_message_id if message_ref == "@original" else int(message_ref)
        if message_id is None or (message_ref != "@original" and message_id not in interaction.followup_ids):
            raise unknown("Message")
        message = self.world.messages.get(message_id)
        if message is None or message.deleted:
            raise unknown("Message")
        return message

    def edit(self, interaction: Interaction, message_ref: str, data: dict[str, Any]) -> Message:
        message = self.message(interaction, message_ref)
        message.flags &= ~LOADING
        self.platform.edit_message(message, data)
        kind = "edit_original" if message_ref == "@original" else "edit_followup"
        self.responses.append(InteractionResponse(interaction.id, kind, None, data, message.id))
        return message

    def delete(self, interaction: Interaction, message_ref: str) -> None:
        message = self.message(interaction, message_ref)
        self.platform.delete_message(message)
        kind = "delete_original" if message_ref == "@original" else "delete_followup"
        self.responses.append(InteractionResponse(interaction.id, kind, None, {}, message.id))

    def _post(self, interaction: Interaction, data: dict[str, Any], flags: int) -> Message:
        channel = self.world.channels[interaction.channel_id]
        user = self.world.users[interaction.user_id]
        metadata = {
            "id": str(interaction.id), "type": 2, "name": interaction.command["name"], "command_type": 1,
            "user": user_payload(user),
            "authorizing_integration_owners": {"0": str(interaction.guild_id or 0)},
        }
        legacy = {"id": str(interaction.id), "type": 2, "name": interaction.command["name"],
                  "user": user_payload(user)}
        return self.platform.post_message(
            channel, self.world.bot, content=data.get("content") or "", embeds=data.get("embeds"),
            allowed_mentions=data.get("allowed_mentions"), flags=flags, components=data.get("components"),
            tts=bool(data.get("tts")), message_type=MessageType.CHAT_INPUT_COMMAND,
            interaction={"metadata": metadata, "legacy": legacy}, webhook_id=self.world.application.id,
            dispatch=not flags & EPHEMERAL,
        )


def _usable_in_dm(command: dict[str, Any]) -> bool:
    contexts = command.get("contexts")
    if contexts is not None:
        return 1 in contexts
    return command.get("dm_permission", True) is not False

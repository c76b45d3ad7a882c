"""Turn the loose references tests use (names, ids, model objects) into model objects."""
from __future__ import annotations

from .model import Channel, Guild, Message, User, World

UserRef = User | str | int
ChannelRef = Channel | str | int
MessageRef = Message | int
GuildRef = Guild | str | int | None


def user(world: World, ref: UserRef) -> User:
    return ref if isinstance(ref, User) else world.find_user(ref)


def guild(world: World, ref: GuildRef) -> Guild:
    if isinstance(ref, Guild):
        return ref
    if ref is None:
        return next(iter(world.guilds.values()))
    if isinstance(ref, int):
        return world.guilds[ref]
    for candidate in world.guilds.values():
        if candidate.name == ref:
            return candidate
    raise KeyError(f"no guild named {ref!r}")


def channel(world: World, ref: ChannelRef) -> Channel:
    return ref if isinstance(ref, Channel) else world.find_channel(ref)


def message(world: World, ref: MessageRef) -> Message:
    if isinstance(ref, Message):
        return ref
    found = world.messages.get(int(ref))
    if found is None:
        raise KeyError(f"no message {ref}")
    return found

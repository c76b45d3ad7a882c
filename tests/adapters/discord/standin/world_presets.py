"""The default world tests start from: one community guild with a few members and channels.

Members: olga (owner), alice, bob, carol (Moderators), dmitri (does not accept
DMs) and the bot "samovar" (managed role "Samovar"). Channels in category
"community": general, wins, checkins, and mods-only (hidden from @everyone and
from the bot). Role order, top first: Samovar, Moderators, Buddies, @everyone.
"""
from __future__ import annotations

from .model import ChannelType, Overwrite, World
from .permissions import Perm

BOT_PERMISSIONS = int(
    Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.SEND_MESSAGES_IN_THREADS | Perm.READ_MESSAGE_HISTORY
    | Perm.ADD_REACTIONS | Perm.EMBED_LINKS | Perm.ATTACH_FILES | Perm.MANAGE_MESSAGES | Perm.MANAGE_THREADS
    | Perm.CREATE_PUBLIC_THREADS | Perm.MODERATE_MEMBERS | Perm.MANAGE_ROLES | Perm.USE_EXTERNAL_EMOJIS
)
MODERATOR_PERMISSIONS = int(Perm.MANAGE_MESSAGES | Perm.MODERATE_MEMBERS | Perm.KICK_MEMBERS | Perm.MANAGE_THREADS)


def default_world(bot_name: str = "samovar") -> World:
    world = World(bot_name=bot_name)
    olga = world.add_user("olga", global_name="Olga")
    world.application.owner_id = olga.id
    guild = world.add_guild("Samovar Test Guild", owner=olga)
    buddies = world.add_role(guild, "Buddies", 0, position=1, mentionable=True)
    moderators = world.add_role(guild, "Moderators", MODERATOR_PERMISSIONS, position=2, hoist=True)
    bot_role = world.add_role(guild, "Samovar", BOT_PERMISSIONS, position=3, managed=True,
                              tags={"bot_id": str(world.bot.id)})
    for name, roles in (("alice", [buddies]), ("bob", []), ("carol", [moderators]), ("dmitri", [])):
        user = world.add_user(name, global_name=name.capitalize())
        world.add_member(guild, user, roles)
    world.users[world.find_user("dmitri").id].accepts_dms = False
    world.add_member(guild, world.bot, [bot_role])

    category = world.add_channel(guild, "community", type=ChannelType.GUILD_CATEGORY)
    world.add_channel(guild, "general", parent=category, topic="Say hello")
    world.add_channel(guild, "wins", parent=category, topic="Small wins count")
    world.add_channel(guild, "checkins", parent=category, topic="Weekly check-ins")
    hidden = world.add_channel(guild, "mods-only", parent=category)
    hidden.overwrites[guild.id] = Overwrite(id=guild.id, type=0, deny=int(Perm.VIEW_CHANNEL))
    hidden.overwrites[moderators.id] = Overwrite(id=moderators.id, type=0, allow=int(Perm.VIEW_CHANNEL))
    return world

"""The base class plugins derive from, and the ``@command`` decorator."""
from __future__ import annotations

import inspect
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar

from pydantic import BaseModel

from .commands import Arg, Command, Handler, Where
from .migrations import Migration
from .permissions import Role
from .yamlconf import ConfigProblem

if TYPE_CHECKING:
    from .bot import Bot
    from .events import RoomRef


class NoSettings(BaseModel):
    """Config model of a plugin that has no settings (unknown keys are errors)."""

    model_config = {"extra": "forbid"}


def command(
    name: str, *args: Arg, help: str = "", aliases: tuple[str, ...] = (), role: Role = Role.MEMBER,
    where: Where = "any", hidden: bool = False,
) -> Callable[[Handler], Handler]:
    """Declare a plugin method as a command.

    ``help`` is a catalog key. The method is called as ``await method(ctx, **args)``.
    ``role`` is checked by the core before the method runs; ``where`` limits it to
    rooms or direct messages.
    """

    def mark(method: Handler) -> Handler:
        method.__samovar_command__ = dict(  # type: ignore[attr-defined]
            name=name, args=tuple(args), help=help, aliases=aliases, role=role, where=where, hidden=hidden)
        return method

    return mark


class Plugin:
    """A samovar plugin: hooks (``@hookimpl`` methods), commands, config, models, texts.

    Subclasses set ``name`` and optionally ``config_model`` (a pydantic model of
    their config section), ``models`` (tortoise model modules they own),
    ``migrations`` and ``locales`` (folder with ``en.yaml``/``ru.yaml``; defaults to
    ``locales/`` beside the plugin's module).
    """

    name: ClassVar[str] = ""
    config_model: ClassVar[type[BaseModel]] = NoSettings
    models: ClassVar[list[str]] = []
    migrations: ClassVar[list[Migration]] = []
    locales: ClassVar[Path | None] = None
    not_per_room: ClassVar[str | None] = None
    """Set to a reason when the plugin must work the same in every room: ``rooms:`` settings for it are refused
    with that reason (the moderation plugin answers signs of crisis everywhere)."""

    def __init__(self, bot: "Bot", config: BaseModel) -> None:
        self.bot = bot
        self.config = config
        self.key = self.name
        """The name this plugin was enabled under in config (entry-point name or dotted path)."""
        self.log = logging.getLogger(f"samovar.plugins.{self.name or type(self).__name__}")

    @classmethod
    def check_files(cls, config: BaseModel, config_source: str) -> list[ConfigProblem]:
        """Problems in files this plugin's settings name (``samovar check-config`` reports them); none by default."""
        return []

    @classmethod
    def config_warnings(cls, config: BaseModel, loaded: Any) -> list[str]:
        """Things ``samovar check-config`` should point out although they are allowed (none by default)."""
        return []

    @classmethod
    def locales_dir(cls) -> Path:
        """Folder holding this plugin's catalogs."""
        return cls.locales or Path(inspect.getfile(cls)).parent / "locales"

    def settings_for(self, room: "RoomRef | None") -> Any:
        """This plugin's settings with the room's overrides applied."""
        if room is None:
            return self.config
        return self.bot.room_settings(self.key, room, self.config)

    def commands(self) -> list[Command]:
        """The commands declared on this plugin with ``@command``."""
        found = []
        for attr in dir(type(self)):
            spec = getattr(getattr(type(self), attr), "__samovar_command__", None)
            if spec is not None:
                found.append(Command(handler=getattr(self, attr), plugin=self.key, **spec))
        return found

    def t(self, key: str, lang: str, /, **values: Any) -> str:
        """Translate a catalog key (see :meth:`samovar.core.i18n.Catalog.t`)."""
        return self.bot.catalog.t(key, lang, **values)

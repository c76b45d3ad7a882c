"""A plugin's models as an older release shipped them (used by the upgrade test)."""
from tortoise import fields
from tortoise.models import Model

from samovar.core.migrations import Migration

MIGRATIONS = [Migration(1, "journal entries")]


class Entry(Model):
    id = fields.IntField(primary_key=True)
    text = fields.TextField()

    class Meta:
        table = "journal_entries"
        app = "samovar"

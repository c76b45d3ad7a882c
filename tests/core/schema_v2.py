"""The same plugin's models one release later: entries gained an optional mood."""
from tortoise import fields
from tortoise.models import Model

from samovar.core.migrations import Migration

MIGRATIONS = [
    Migration(1, "journal entries"),
    Migration(2, "an optional mood per entry", sql={"any": ["ALTER TABLE journal_entries ADD COLUMN mood INT NULL"]}),
]


class Entry(Model):
    id = fields.IntField(primary_key=True)
    text = fields.TextField()
    mood = fields.IntField(null=True)

    class Meta:
        table = "journal_entries"
        app = "samovar"

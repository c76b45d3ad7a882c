"""The one table this plugin owns."""
from tortoise import fields
from tortoise.models import Model


class Thanks(Model):
    """One thank-you: who thanked whom (samovar member ids) and why."""

    id = fields.IntField(primary_key=True)
    giver_id = fields.IntField(db_index=True)
    receiver_id = fields.IntField(db_index=True)
    reason = fields.TextField()
    at = fields.DatetimeField()

    class Meta:
        table = "gratitude_thanks"
        app = "samovar"

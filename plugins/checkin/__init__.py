"""Weekly check-ins: "what worked / what didn't", private by default."""
from .plugin import CheckinPlugin

__all__ = ["CheckinPlugin"]

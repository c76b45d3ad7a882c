"""An example samovar plugin: members thank each other privately."""
from .plugin import GratitudePlugin

__all__ = ["GratitudePlugin"]

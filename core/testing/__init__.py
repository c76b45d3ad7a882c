"""The plugin test kit: an in-memory community on a virtual clock.

Third-party plugin authors get the same fixtures samovar's own tests use
(``community``, ``community_factory``) through the ``samovar`` pytest plugin.
"""
from .community import Community

__all__ = ["Community"]

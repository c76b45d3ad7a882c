"""The Matrix adapter (matrix-nio): serves the rooms a Matrix account is in, E2EE included."""
from .adapter import MatrixAdapter
from .config import MatrixConfig

__all__ = ["MatrixAdapter", "MatrixConfig"]

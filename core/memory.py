"""Giving memory left over from start-up back to the system."""
from __future__ import annotations

import ctypes
import gc

GLIBC = "libc.so.6"


def release_startup_memory() -> bool:
    """Collect start-up garbage, freeze what is left, return freed heap pages to the system (glibc only).

    Compiling plugins' data (the house rules above all) leaves many freed blocks
    that the C allocator would otherwise keep. What survives start-up (rules,
    models, catalogs, plugins) lives as long as the bot: frozen, it is no longer
    walked by every full garbage collection. Returns False where the pages cannot
    be returned (another C library), which is harmless.
    """
    gc.collect()
    gc.freeze()
    try:
        trim = ctypes.CDLL(GLIBC).malloc_trim
    except (OSError, AttributeError):
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim(0)
    return True

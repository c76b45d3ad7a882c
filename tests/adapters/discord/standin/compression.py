"""Gateway transport compression: ``zlib-stream`` and ``zstd-stream``.

Both keep one compression context for the whole connection. zlib frames end
with a sync flush (``00 00 ff ff``), which is how clients find message
boundaries; each zstd frame is flushed as a complete block.
"""
from __future__ import annotations

import zlib
from typing import Protocol

try:
    import zstandard
except ImportError:  # zstd-stream is then simply not offered
    zstandard = None  # type: ignore[assignment]


class Codec(Protocol):
    def encode(self, text: str) -> str | bytes: ...


class PlainCodec:
    """No transport compression: JSON text frames."""

    name = None

    def encode(self, text: str) -> str:
        return text


class ZlibStreamCodec:
    name = "zlib-stream"

    def __init__(self) -> None:
        self._compressor = zlib.compressobj()

    def encode(self, text: str) -> bytes:
        data = text.encode()
        return self._compressor.compress(data) + self._compressor.flush(zlib.Z_SYNC_FLUSH)


class ZstdStreamCodec:
    name = "zstd-stream"

    def __init__(self) -> None:
        if zstandard is None:
            raise LookupError("zstandard is not installed")
        self._compressor = zstandard.ZstdCompressor().compressobj()

    def encode(self, text: str) -> bytes:
        data = text.encode()
        return self._compressor.compress(data) + self._compressor.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)


def codec_for(compress: str | None) -> Codec:
    """Codec for the ``compress`` query parameter; LookupError if unsupported."""
    if compress is None:
        return PlainCodec()
    if compress == "zlib-stream":
        return ZlibStreamCodec()
    if compress == "zstd-stream":
        return ZstdStreamCodec()
    raise LookupError(f"unsupported compression {compress!r}")

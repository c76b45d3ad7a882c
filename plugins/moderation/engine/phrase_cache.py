"""Compiled rule phrases kept on disk, so that an unchanged rules file starts fast and small.

Compiling happens in a separate Python process (its analyser's dictionaries
never enter the bot's memory, and on a machine with two cores the bot keeps
its own); if that process cannot run, the rules are compiled here. The file
name is a hash of the phrases and of everything that shapes their compiled
form (this engine's code, the analyser's and stemmer's versions), so a
changed rule or an upgrade compiles afresh. The folder is ``$SAMOVAR_CACHE_DIR``,
else ``$XDG_CACHE_HOME/samovar``, else ``~/.cache/samovar``; when it cannot be
written, rules are simply compiled each time.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any, Sequence

from .compiled import CompiledPhrases

log = logging.getLogger("samovar.plugins.moderation")

KEEP = 8  # compiled copies kept (the newest used)
COMPILER = "samovar.plugins.moderation.engine.compiler"
COMPILE_TIMEOUT = 600  # seconds; the default rules take a few
_FORMAT = 1
_SHAPING_MODULES = ("compiled", "compiler", "english", "lemmas", "particles", "phrases", "russian", "spellings",
                    "text", "wordcodes")
_SHAPING_PACKAGES = ("pymorphy3", "pymorphy3-dicts-ru", "snowballstemmer")


def cache_dir() -> Path:
    """Where compiled phrases are kept."""
    explicit = os.environ.get("SAMOVAR_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "samovar"


def compiled_phrases(entries: Sequence[Any]) -> CompiledPhrases:
    """The compiled form of phrase entries (each with ``text`` and ``together``): from disk, else made now."""
    path = cache_dir() / f"phrases-{_key(entries)}.json"
    found = _load(path)
    if found is not None:
        return found
    compiled = _compile_elsewhere(entries)
    if compiled is None:
        from .compiler import compile_phrases  # loads the morphological analyser here

        compiled = compile_phrases(entries)
    _store(path, compiled)
    return compiled


def _compile_elsewhere(entries: Sequence[Any]) -> CompiledPhrases | None:
    phrases = json.dumps([[entry.text, entry.together] for entry in entries], ensure_ascii=False)
    try:
        done = subprocess.run([sys.executable, "-m", COMPILER], input=phrases, capture_output=True, text=True,
                              encoding="utf-8", timeout=COMPILE_TIMEOUT, check=True)
        return CompiledPhrases.from_json(json.loads(done.stdout))
    except (OSError, subprocess.SubprocessError, ValueError, KeyError, TypeError) as exc:
        log.warning("rules not compiled in a separate process, compiling here", extra={"error": _reason(exc)})
        return None


def _reason(exc: Exception) -> str:
    """One line saying why: the compiler's last words when it failed, else the error itself."""
    said = getattr(exc, "stderr", None)
    lines = (said if isinstance(said, str) else "").strip().splitlines() or str(exc).splitlines()
    return lines[-1] if lines else type(exc).__name__


def _key(entries: Sequence[Any]) -> str:
    digest = hashlib.sha256(f"format {_FORMAT}\n".encode())
    for package in _SHAPING_PACKAGES:
        digest.update(f"{package} {_version(package)}\n".encode())
    here = Path(__file__).parent
    for module in _SHAPING_MODULES:
        digest.update((here / f"{module}.py").read_bytes())
    digest.update(json.dumps([[entry.text, entry.together] for entry in entries], ensure_ascii=False).encode())
    return digest.hexdigest()[:32]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def _load(path: Path) -> CompiledPhrases | None:
    try:
        with path.open(encoding="utf-8") as file:
            compiled = CompiledPhrases.from_json(json.load(file))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("compiled rules on disk unreadable, compiling again", extra={"path": str(path), "error": str(exc)})
        return None
    try:
        os.utime(path)  # recently used: kept when older copies are pruned
    except OSError:
        pass
    return compiled


def _store(path: Path, compiled: CompiledPhrases) -> None:
    """Write the copy whole or not at all: readers never see half a file."""
    written: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=".phrases-",
                                         suffix=".tmp", delete=False) as file:
            written = file.name
            json.dump(compiled.to_json(), file, ensure_ascii=False, separators=(",", ":"))
        os.replace(written, path)
    except OSError as exc:
        if written is not None:
            Path(written).unlink(missing_ok=True)
        log.info("compiled rules not kept on disk", extra={"path": str(path.parent), "error": str(exc)})
        return
    _prune(path.parent)


def _prune(folder: Path) -> None:
    copies = sorted(folder.glob("phrases-*.json"), key=_mtime, reverse=True)
    for old in copies[KEEP:]:
        old.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0

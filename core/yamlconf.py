"""YAML loading and pydantic validation that point at file, line and column.

Every configuration file samovar reads (the main config, rules, scenarios) goes
through here so that a mistake is reported as ``PATH:LINE:COL: message``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Sequence, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One mistake in a configuration file; positions are 1-based."""

    source: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}:{self.column}: {self.message}"


class ConfigError(Exception):
    """Raised with every problem found in one file; ``str()`` lists them one per line."""

    def __init__(self, problems: Sequence[ConfigProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.source, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


def load_yaml_text(text: str, source: str) -> Any:
    """Parse YAML keeping positions; syntax errors become a :class:`ConfigError`."""
    yaml = YAML(typ="rt")
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = (exc.problem or exc.context or "invalid YAML").strip()
        raise ConfigError([ConfigProblem(source, line, col, f"invalid YAML: {message}")]) from None
    except ValueError as exc:  # a date that does not exist (2026-13-06, 2026-02-30): the reader gives no position
        line, col, written = _impossible_date(text)
        raise ConfigError([ConfigProblem(source, line, col, f"{written or 'a date'} is not a real date ({exc})")]) \
            from None
    return CommentedMap() if data is None else data


_DATE = re.compile(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2}))?)?(?![\d])")


def _impossible_date(text: str) -> tuple[int, int, str]:
    """Line, column and text of the first unquoted date or time that cannot exist, or (1, 1, "")."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _DATE.finditer(line.split("#", 1)[0]):
            before = line[:match.start()]
            if before.count('"') % 2 or before.count("'") % 2:
                continue  # inside a quoted string: only text
            year, month, day, hour, minute, second = (int(part) if part else 0 for part in match.groups())
            try:
                datetime(year, month, day, hour, minute, second)
            except ValueError:
                return number, match.start() + 1, match.group(0)
    return 1, 1, ""


def load_yaml_fast(text: str, source: str) -> Any:
    """Parse YAML into plain data with the C loader when available (no positions kept).

    Use it for large files that are usually valid; on any problem, parse again with
    :func:`load_yaml_text` to report positions.
    """
    try:
        data = YAML(typ="safe").load(text)
    except YAMLError:
        return load_yaml_text(text, source)  # reports the syntax error with its position
    return {} if data is None else data


def read_text(path: str | Path) -> str:
    """A config file's text; an unreadable file is a :class:`ConfigError`."""
    source = str(path)
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([ConfigProblem(source, 1, 1, f"cannot read file: {exc.strerror}")]) from None
    except UnicodeDecodeError:
        raise ConfigError([ConfigProblem(source, 1, 1, "file is not UTF-8 text")]) from None


def load_yaml_file(path: str | Path) -> Any:
    """Read and parse a YAML file; an unreadable file is a :class:`ConfigError` too."""
    return load_yaml_text(read_text(path), str(path))


def position_of(data: Any, loc: Iterable[Any], at_key: bool = False) -> tuple[int, int]:
    """Best 1-based (line, column) for a pydantic error location inside parsed YAML.

    ``at_key`` points at the last key itself rather than its value (unknown keys).
    """
    line, col = _start_of(data)
    node = data
    keys = list(loc)
    for index, key in enumerate(keys):
        last = index == len(keys) - 1
        try:  # data merged from several files may hold keys without a position
            if isinstance(node, CommentedMap) and key in node:
                if last and not at_key and not isinstance(node[key], (CommentedMap, CommentedSeq)):
                    line, col = node.lc.value(key)
                else:
                    line, col = node.lc.key(key)
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
                line, col = node.lc.item(key)
                node = node[key]
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
    return line + 1, col + 1


def _start_of(data: Any) -> tuple[int, int]:
    lc = getattr(data, "lc", None)
    if lc is not None and lc.line is not None:
        return lc.line, lc.col
    return 0, 0


def problems_from(error: ValidationError, data: Any, source: str, prefix: Sequence[Any] = ()) -> list[ConfigProblem]:
    """Turn a pydantic error into positioned problems; ``prefix`` locates nested data."""
    problems = []
    for item in error.errors():
        loc = [*prefix, *item["loc"]]
        line, col = position_of(data, loc, at_key=item.get("type") == "extra_forbidden")
        where = ".".join(str(part) for part in loc)
        message = _friendly(item)
        problems.append(ConfigProblem(source, line, col, f"{where}: {message}" if where else message))
    return problems


def _friendly(item: dict[str, Any]) -> str:
    kind = item.get("type", "")
    if kind == "extra_forbidden":
        return "unknown key (check the spelling; see docs for the keys allowed here)"
    if kind == "missing":
        return "required key is missing"
    message = str(item.get("msg", "invalid value"))
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")  # pydantic's wording, not ours


def validate(model: type[M], data: Any, source: str, prefix: Sequence[Any] = (), root: Any = None) -> M:
    """Validate ``data`` (plain or ruamel) against ``model`` or raise a positioned error.

    When ``data`` is nested inside a larger document, pass the document as ``root``
    and the keys leading to ``data`` as ``prefix`` so positions are found.
    """
    try:
        return model.model_validate(to_plain(data))
    except ValidationError as exc:
        raise ConfigError(problems_from(exc, data if root is None else root, source, prefix)) from None


def to_plain(data: Any) -> Any:
    """Copy ruamel containers into plain dicts and lists (pydantic-friendly)."""
    if isinstance(data, dict):
        return {str(k) if not isinstance(k, (str, int)) else k: to_plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [to_plain(v) for v in data]
    return data

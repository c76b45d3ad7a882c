"""Message text in and out: mentions as matrix.to pills, reply fallbacks, HTML to plain text.

Outgoing text is plain; when it names members by user id (what
:meth:`MatrixAdapter.mention` returns) the content gets an HTML
``formatted_body`` with matrix.to links and ``m.mentions`` naming exactly those
members, so nobody else is notified. Incoming pills become user ids again, so a
command argument written with a pill parses like a typed ``@user:server``.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

HTML_FORMAT = "org.matrix.custom.html"
MATRIX_TO = "https://matrix.to/#/"
USER_ID = re.compile(r"@[a-z0-9._=\-/+]+:[A-Za-z0-9.\-]+(?::\d+)?")
_LINK_USER = re.compile(r"^https://matrix\.to/#/(@[^/?]+)")


def outgoing_content(text: str, msgtype: str, display_name: Callable[[str], str | None]) -> dict[str, Any]:
    """The ``m.room.message`` content for ``text``: pills for user ids, and ``m.mentions`` naming
    exactly them (an empty one on ``m.text`` without mentions, so that no name or keyword in
    the text notifies anyone; notices notify nobody under the default push rules anyway)."""
    users = list(dict.fromkeys(m.group() for m in USER_ID.finditer(text)))
    if not users:
        return {"msgtype": msgtype, "body": text, "m.mentions": {}} if msgtype == "m.text" else \
            {"msgtype": msgtype, "body": text}
    body_parts: list[str] = []
    html_parts: list[str] = []
    position = 0
    for match in USER_ID.finditer(text):
        before = text[position:match.start()]
        body_parts.append(before)
        html_parts.append(_html_text(before))
        user = match.group()
        name = display_name(user) or user
        body_parts.append(name)
        html_parts.append(f'<a href="{MATRIX_TO}{user}">{html.escape(name)}</a>')
        position = match.end()
    body_parts.append(text[position:])
    html_parts.append(_html_text(text[position:]))
    return {"msgtype": msgtype, "body": "".join(body_parts), "format": HTML_FORMAT,
            "formatted_body": "".join(html_parts), "m.mentions": {"user_ids": users}}


def _html_text(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def incoming_text(content: dict[str, Any]) -> str:
    """The text a member wrote: reply quotes removed, pills turned back into user ids."""
    body = str(content.get("body", ""))
    relates = content.get("m.relates_to") or {}
    if relates.get("m.in_reply_to") and not relates.get("is_falling_back"):
        body = strip_reply_fallback(body)
    formatted = content.get("formatted_body")
    if content.get("format") == HTML_FORMAT and isinstance(formatted, str) and "matrix.to/#/@" in formatted:
        return html_to_text(formatted)
    return body


def strip_reply_fallback(body: str) -> str:
    """Remove the ``> <@user> quoted`` lines older clients put before a reply."""
    if not body.startswith("> "):
        return body
    lines = body.split("\n")
    index = 0
    while index < len(lines) and lines[index].startswith(">"):
        index += 1
    if index < len(lines) and lines[index] == "":
        index += 1
    return "\n".join(lines[index:])


class _PlainText(HTMLParser):
    """HTML to plain text: pills become user ids, ``<mx-reply>`` is dropped, breaks kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._pill: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mx-reply":
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            match = _LINK_USER.match(dict(attrs).get("href") or "")
            self._pill.append(unquote(match.group(1)) if match else "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mx-reply":
            self._skip = max(0, self._skip - 1)
        elif tag in ("p", "div", "li") and not self._skip:
            self.parts.append("\n")
        elif tag == "a" and self._pill:
            self._pill.pop()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._pill and self._pill[-1]:
            if self._pill[-1] != "*":  # the link text is replaced by the user id once
                self.parts.append(self._pill[-1])
                self._pill[-1] = "*"
            return
        self.parts.append(data)


def html_to_text(formatted: str) -> str:
    """Plain text of an HTML ``formatted_body``."""
    parser = _PlainText()
    parser.feed(formatted)
    parser.close()
    return "".join(parser.parts).strip()


def parse_user(text: str, own_server: str, known_users: Iterable[str]) -> str | None:
    """The user id meant by ``@user:server``, a matrix.to link, or ``@localpart``; None otherwise."""
    text = text.strip()
    link = _LINK_USER.match(text)
    if link:
        text = unquote(link.group(1))
    if USER_ID.fullmatch(text):
        return text
    if text.startswith("@") and re.fullmatch(r"@[a-z0-9._=\-/+]+", text):
        matches = {user for user in known_users if user.split(":", 1)[0] == text}
        if len(matches) == 1:
            return matches.pop()
        return f"{text}:{own_server}" if not matches else None
    return None

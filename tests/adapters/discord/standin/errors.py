"""Discord JSON error responses."""
from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error the REST API answers with: HTTP status, Discord error code, message."""

    def __init__(self, status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        data: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors is not None:
            data["errors"] = self.errors
        return data


def invalid_form(field: str, code: str, message: str) -> ApiError:
    """400 Invalid Form Body (50035) with Discord's nested ``_errors`` shape."""
    errors: dict[str, Any] = {"_errors": [{"code": code, "message": message}]}
    for part in reversed(field.split(".")):
        errors = {part: errors}
    return ApiError(400, 50035, "Invalid Form Body", errors)


def unknown(kind: str) -> ApiError:
    """404 for a missing object, with Discord's code for that kind of object."""
    codes = {
        "Channel": 10003, "Guild": 10004, "Member": 10007, "Message": 10008,
        "Role": 10011, "User": 10013, "Emoji": 10014, "Webhook": 10015,
        "Application": 10002, "interaction": 10062, "application command": 10063,
    }
    status = 400 if kind == "Emoji" else 404
    return ApiError(status, codes[kind], f"Unknown {kind}")


def missing_access() -> ApiError:
    return ApiError(403, 50001, "Missing Access")


def missing_permissions() -> ApiError:
    return ApiError(403, 50013, "Missing Permissions")


def cannot_dm() -> ApiError:
    return ApiError(403, 50007, "Cannot send messages to this user")


def empty_message() -> ApiError:
    return ApiError(400, 50006, "Cannot send an empty message")

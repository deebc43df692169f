"""Errors the services raise for the caller to show: bad input, refused by role or state, not found."""

from __future__ import annotations


class ServiceError(Exception):
    """Base: `message` in English for the CLI and logs, `message_zh` for the window."""

    def __init__(self, message: str, message_zh: str = ""):
        super().__init__(message)
        self.message_zh = message_zh or message


class InvalidInput(ServiceError):
    """The request itself is wrong (exit code 2)."""


class NotFound(InvalidInput):
    pass


class Refused(InvalidInput):
    """The request is well-formed but the rules refuse it (uninsured date, closed day, enrolled twice...)."""


class NotInitialised(InvalidInput):
    pass


class AuthError(ServiceError):
    """Wrong password, locked account, or a role that may not do this."""

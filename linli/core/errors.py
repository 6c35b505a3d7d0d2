"""Domain errors: raised by services, shown to the user (in Chinese) by views and the API."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class DomainError(Exception):
    """A rule of the domain refused the action; ``message`` is for the user."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(DomainError):
    """The object is in the user's view, but this action on it is someone else's (403)."""

    status_code = 403


class StaleObjectError(DomainError):
    """Someone else changed the record since the user loaded it."""

    status_code = 409


def messages_of(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]

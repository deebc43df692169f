"""What a new password must not be: short, blank, one character or a short group repeated, a run such as
abcdefgh or 87654321, the user's name with digits or signs around it, or one of the commonly used passwords
(resources/passwords/common-passwords.txt: see the README there)."""

from __future__ import annotations

from functools import lru_cache

from ..resources import resources_dir
from .errors import InvalidInput

MIN_LENGTH = 8
_SHORTEST_NAME = 2  # a one-character name would refuse every password that holds that character


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    path = resources_dir() / "passwords" / "common-passwords.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def check_password(password: str, *, user: str, field: str = "password") -> None:
    """Refuse (InvalidInput at `field`) a password that is easy to guess for `user`."""
    if not password.strip():
        raise InvalidInput("password_blank", field)
    if len(password) < MIN_LENGTH:
        raise InvalidInput("password_too_short", field, minimum=MIN_LENGTH)
    lowered = password.lower()
    if _repetitive(lowered):
        raise InvalidInput("password_repetitive", field)
    if _run(lowered):
        raise InvalidInput("password_sequence", field)
    if _made_of_name(lowered, user.strip().lower()):
        raise InvalidInput("password_has_name", field)
    if lowered in common_passwords():
        raise InvalidInput("password_common", field)


def _repetitive(text: str) -> bool:
    """One character, or a group of up to four, repeated: aaaaaaaa, abababab, 12341234."""
    return any(len(text) % size == 0 and text == text[:size] * (len(text) // size) for size in range(1, 5))


def _run(text: str) -> bool:
    """Each character one after the one before (abcdefgh, 12345678) or one before it (87654321)."""
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:])}
    return steps in ({1}, {-1})


def _made_of_name(text: str, name: str) -> bool:
    """The name (or the name backwards) with nothing but digits, signs and spaces added: admin2024, !admin!."""
    if len(name) < _SHORTEST_NAME:
        return False
    for form in (name, name[::-1]):
        if form in text and not any(ch.isalpha() for ch in text.replace(form, "")):
            return True
    return False

"""The password policy: long enough, not a password attackers try first, not the login
or the person's name.

:func:`problem` says what is wrong with a new password (``None`` if nothing), as a
message in the catalogue, so a form shows it next to the password field in the
person's language. The list of common passwords ships with the plugin
(``data/common_passwords.txt``); a password that is one of them with digits or signs
added at its end ("passwort123!") is refused too, as guessing tools try exactly that.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from sorgende.errors import Message
from sorgende_web import messages as _messages  # noqa: F401  (registers the texts)

COMMON_FILE = Path(__file__).parent / "data" / "common_passwords.txt"
#: the shortest password any community may allow (``min_password_length`` is at least this)
MIN_LENGTH = 8
MAX_LENGTH = 1024
_TAIL = re.compile(r"[\d\W_]+$")


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list, in small letters."""
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


def _plain(text: str) -> str:
    return "".join(text.lower().split())


def problem(
    password: str, *, login: str = "", name: str = "", min_length: int = MIN_LENGTH
) -> Message | None:
    """What is wrong with ``password`` as a new password, or ``None``."""
    if len(password) < min_length:
        return Message("web.problem.password.too_short", min_length=min_length)
    if len(password) > MAX_LENGTH:
        return Message("web.problem.password.too_long", max_length=MAX_LENGTH)
    plain = _plain(password)
    common = common_passwords()
    base = _TAIL.sub("", plain)
    if plain in common or (len(base) >= 4 and base in common) or len(set(plain)) <= 2:
        return Message("web.problem.password.common")
    for own in (login, name, *name.split()):
        own_plain = _plain(own)
        if len(own_plain) >= 3 and own_plain in (plain, base):
            return Message("web.problem.password.own_name")
    return None

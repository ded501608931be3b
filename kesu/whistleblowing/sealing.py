"""Sealing a reporter's identity: Fernet (AES-128-CBC + HMAC-SHA256, `cryptography`) under the
keys in `settings.KESU_SEAL_KEYS` — the environment variable `KESU_SEAL_KEY`, never the
database. The first key seals; every listed key opens (`MultiFernet`), so a key is rotated by
putting the new one first, running `manage.py reseal_identities` and dropping the old one."""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SealBroken(Exception):
    """A token no configured key opens (the key was dropped too early, or the row was edited)."""


def _keys() -> MultiFernet:
    keys = list(getattr(settings, "KESU_SEAL_KEYS", []))
    if not keys:
        raise ImproperlyConfigured(
            "KESU_SEAL_KEY is not set: named whistleblowing reports cannot be sealed. Generate "
            "one with: python3 -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'"
        )
    return MultiFernet([Fernet(key.encode()) for key in keys])


def seal(text: str) -> str:
    if not text:
        return ""
    return _keys().encrypt(text.encode()).decode()


def unseal(token: str) -> str:
    if not token:
        return ""
    try:
        return _keys().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise SealBroken from error


def reseal(token: str) -> str:
    """The token under the current (first) key."""
    if not token:
        return ""
    try:
        return _keys().rotate(token.encode()).decode()
    except InvalidToken as error:
        raise SealBroken from error

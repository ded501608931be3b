"""Search text sealed for URLs (issue 20 part 3; docs/decisions/0005-searches-out-of-logs.md).

A search box's text (often a caller's phone number) must not reach web-server, proxy or
application logs, which record request lines. Pages POST the text, and the address they
redirect to carries it sealed: AES-SIV (deterministic authenticated encryption, RFC 5297, from
`cryptography`) under a key derived from `SECRET_KEY`. Deterministic, so the same search gives
the same address (a saved filter is recognised as the current one); authenticated, so a token
edited by hand does not open. The address stays a normal, bookmarkable GET — sort links, pages,
saved filters keep working — while the log shows only ciphertext. A token that does not open
(changed key, edited by hand) is ignored, as if there were no search.
"""

from __future__ import annotations

import base64
import hashlib
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from django.conf import settings

_KEY_CONTEXT = b"kesu search seal v1|"
#: Seven digits or more in a row (after dropping separators): treated as a phone number.
PHONE_LIKE = re.compile(r"\d{7,}")


def _cipher() -> AESSIV:
    return AESSIV(hashlib.sha512(_KEY_CONTEXT + settings.SECRET_KEY.encode()).digest())


def seal(text: str) -> str:
    token = _cipher().encrypt(text.encode(), None)
    return base64.urlsafe_b64encode(token).decode("ascii").rstrip("=")


def unseal(token: str) -> str:
    """The sealed text, or "" for a token that does not open."""
    try:
        raw = base64.urlsafe_b64decode(token.strip() + "=" * (-len(token.strip()) % 4))
        return _cipher().decrypt(raw, None).decode()
    except (InvalidTag, UnicodeError, ValueError):
        return ""


def looks_like_phone(text: str) -> bool:
    return bool(PHONE_LIKE.search("".join(ch for ch in text if ch not in " -()+\u3000")))

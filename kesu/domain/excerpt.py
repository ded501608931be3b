"""Fitting a long text into a short message: the answer to a customer goes by e-mail in full and
by SMS as its beginning, cut after a whole sentence where one ends late enough."""

from __future__ import annotations

from dataclasses import dataclass

ELLIPSIS = "…"
#: Where a Chinese or English sentence (or clause list) ends.
SENTENCE_ENDS = frozenset("。！？；!?;\n")


@dataclass(frozen=True)
class Excerpt:
    text: str
    cut: bool  # True when `text` is only the beginning (and ends with "…")


def excerpt(text: str, limit: int) -> Excerpt:
    """`text` without surrounding blanks if it has at most `limit` characters; otherwise its
    beginning plus "…", at most `limit` characters in all. The cut falls after the last
    sentence end in the second half of the room, so the reader gets whole sentences, else at
    the room's end."""
    if limit < 1:
        raise ValueError("an excerpt needs room for at least one character")
    whole = text.strip()
    if len(whole) <= limit:
        return Excerpt(whole, cut=False)
    room = whole[: limit - len(ELLIPSIS)]
    ends = [index for index, char in enumerate(room) if char in SENTENCE_ENDS]
    if ends and ends[-1] + 1 >= len(room) // 2:
        room = room[: ends[-1] + 1]
    return Excerpt(room.rstrip() + ELLIPSIS, cut=True)

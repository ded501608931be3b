"""Case numbers from a configurable pattern; the seeds' default is `AABBCCDDD`.

`{yy}{mm}{dd}{seq:3}` gives `261122099` for the 99th case of 2026, registered on 22 November.
The sequence counts up through the registration year and is never reused; past 999 it widens
(`2611221000`) instead of wrapping. A pattern must contain exactly one `{seq}` (optionally with a
minimum width) and a year token, so that distinct (year, sequence) pairs give distinct numbers:
every other token has a fixed width, which keeps the one variable-width part unambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kesu.domain.errors import InvalidNumberPattern

DEFAULT_PATTERN = "{yy}{mm}{dd}{seq:3}"
_TOKEN = re.compile(r"\{(yyyy|yy|mm|dd|seq(?::(\d{1,2}))?)\}")
_LITERAL = re.compile(r"^[A-Za-z0-9_\-]*$")  # numbers appear in URLs: no "/" or spaces


@dataclass(frozen=True)
class NumberPattern:
    pattern: str
    seq_width: int

    @classmethod
    def parse(cls, pattern: str) -> NumberPattern:
        tokens = list(_TOKEN.finditer(pattern))
        seq_tokens = [t for t in tokens if t.group(1).startswith("seq")]
        if len(seq_tokens) != 1:
            raise InvalidNumberPattern("the pattern needs exactly one {seq} token")
        if not any(t.group(1) in {"yy", "yyyy"} for t in tokens):
            raise InvalidNumberPattern("the pattern needs a year token, {yy} or {yyyy}")
        literal = _TOKEN.sub("", pattern)
        if not _LITERAL.match(literal):
            raise InvalidNumberPattern(
                "outside tokens only letters, digits, '-' and '_' are allowed"
            )
        width_text = seq_tokens[0].group(2)
        width = int(width_text) if width_text else 1
        if not 1 <= width <= 12:
            raise InvalidNumberPattern("the sequence width must be between 1 and 12")
        return cls(pattern=pattern, seq_width=width)

    def format(self, registered_on: date, sequence: int) -> str:
        """The number of the `sequence`-th case of the year, registered on `registered_on`."""
        if sequence < 1:
            raise InvalidNumberPattern("sequences start at 1")
        values = {
            "yyyy": f"{registered_on.year:04d}",
            "yy": f"{registered_on.year % 100:02d}",
            "mm": f"{registered_on.month:02d}",
            "dd": f"{registered_on.day:02d}",
        }

        def substitute(match: re.Match[str]) -> str:
            token = match.group(1)
            if token.startswith("seq"):
                return f"{sequence:0{self.seq_width}d}"
            return values[token]

        return _TOKEN.sub(substitute, self.pattern)


def format_case_number(pattern: str, registered_on: date, sequence: int) -> str:
    return NumberPattern.parse(pattern).format(registered_on, sequence)

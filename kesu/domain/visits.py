"""Return visits 回访 (R-20) as pure rules: which answered cases the plan calls back, when a
visit's answers mean the customer is unhappy, and how many SMS segments a text costs.

Sampling is a hash of (seed, case number) mapped to [0, 1): the same seed and number always
give the same draw, whatever order the cases come in, so a plan can be re-run and audited
(seed 000 and 002: 回访; the share of ordinary cases is the organisation's choice, every major
case is always called back)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

#: Satisfaction is asked on a 1–5 scale; this or lower is unhappy.
UNHAPPY_AT_MOST = 2
SCALE = range(1, 6)


class VisitReason(StrEnum):
    MAJOR = "major"  # every major case is called back
    SAMPLED = "sampled"  # drawn into the plan's share of the rest
    NOT_SAMPLED = "not_sampled"  # left out of the share: no visit


class VisitStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    UNREACHABLE = "unreachable"  # N tries, nobody answered: recorded, never silently closed
    REFUSED = "refused"  # the customer declined to answer


class AttemptOutcome(StrEnum):
    UNREACHABLE = "unreachable"
    REFUSED = "refused"
    DONE = "done"


class Source(StrEnum):
    CALLER = "caller"  # filled in by the member of staff during the call
    CUSTOMER = "customer"  # filled in by the customer through the link sent by SMS/e-mail


def draw(seed: str, number: str) -> float:
    """A uniform value in [0, 1) fixed by `seed` and the case `number`."""
    digest = hashlib.sha256(f"{seed}\x1f{number}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def visit_reason(*, seed: str, number: str, major: bool, share_percent: int) -> VisitReason:
    """Whether a case is called back, and why: always when major, else when its draw falls in
    the share (0–100 %)."""
    if major:
        return VisitReason.MAJOR
    if draw(seed, number) < max(0, min(share_percent, 100)) / 100:
        return VisitReason.SAMPLED
    return VisitReason.NOT_SAMPLED


@dataclass(frozen=True)
class Answers:
    """The questionnaire: satisfaction with the result and with the process (1–5), whether the
    problem was solved, and the customer's own words."""

    result: int
    process: int
    solved: bool
    comment: str = ""

    def __post_init__(self) -> None:
        if self.result not in SCALE or self.process not in SCALE:
            raise ValueError("satisfaction is 1 to 5")

    @property
    def unhappy(self) -> bool:
        """Not solved, or the result rated 2 or lower: the case goes back (or up)."""
        return not self.solved or self.result <= UNHAPPY_AT_MOST


def gives_up(unreachable_tries: int, max_tries: int) -> bool:
    """Whether the visit is recorded as unreachable: `max_tries` calls nobody answered."""
    return unreachable_tries >= max(1, max_tries)


# --- SMS length ---------------------------------------------------------------------------------

#: The GSM 03.38 basic character set (one septet each) and its extension (two septets each).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")
GSM_SINGLE, GSM_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


def sms_units(text: str) -> tuple[int, bool]:
    """The length of `text` in the units its encoding counts, and whether it fits GSM 7-bit.
    UCS-2 counts UTF-16 code units (an emoji is two)."""
    if all(ch in GSM_BASIC or ch in GSM_EXTENSION for ch in text):
        return sum(2 if ch in GSM_EXTENSION else 1 for ch in text), True
    return len(text.encode("utf-16-le")) // 2, False


def sms_segments(text: str) -> int:
    """How many SMS `text` is sent as: one up to 160 GSM / 70 UCS-2 (Chinese) units, else
    concatenated parts of 153 / 67. An empty text is still one message."""
    units, gsm = sms_units(text)
    single, part = (GSM_SINGLE, GSM_PART) if gsm else (UCS2_SINGLE, UCS2_PART)
    if units <= single:
        return 1
    return -(-units // part)

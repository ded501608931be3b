"""The split of responsibility recorded with the handling result (R-17): who carries which part
of the cost, e.g. factory 60 % / customer 40 % of a repair (seed 002 篇二 ④: 责任认定比例为返修
费用预算工厂与客户分摊的依据). Pure rules, no Django: the answer's service and the API both ask
`check_shares`, so a split that does not add up is refused the same way on every channel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

HUNDRED = Decimal(100)
CENTS = Decimal("0.01")
#: At most this many parties share one case's responsibility (the page's form offers four rows).
MAX_SHARES = 6
#: Longest party name; the database column and the API's limit are the same.
MAX_PARTY_NAME = 60


class PartyKind(StrEnum):
    OUR_COMPANY = "our_company"  # 本公司
    SUPPLIER = "supplier"  # 厂家 / 供应商 (the factory of seed 002)
    CUSTOMER = "customer"  # 客户
    THIRD_PARTY = "third_party"  # 第三方 (carrier, installer, agent …)


@dataclass(frozen=True)
class Share:
    """One party's part: its kind, an optional name (which supplier) and its percentage."""

    kind: PartyKind
    percent: Decimal
    name: str = ""


class SharesRefused(ValueError):
    """A split that cannot be stored; `code` names the broken rule for the messages."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def percent_of(value: object) -> Decimal:
    """A percentage as typed (text, int, Decimal) with at most two decimals, else refused."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as error:
        raise SharesRefused("invalid_percent") from error
    if not _two_places(number):
        raise SharesRefused("invalid_percent")
    return number


def _two_places(number: Decimal) -> bool:
    """Finite, with no more than two decimals (33.33, not 33.333)."""
    if not number.is_finite():
        return False
    try:
        return number == number.quantize(CENTS)
    except InvalidOperation:  # too many digits to quantize: no percentage anyway
        return False


def check_shares(shares: Iterable[Share]) -> tuple[Share, ...]:
    """The split as it is stored, or `SharesRefused`: no split at all is allowed (nobody
    decided one); otherwise every part is above 0 and at most 100 with at most two decimals,
    each party once, at most `MAX_SHARES` parties, and the parts add up to exactly 100."""
    checked = tuple(
        Share(kind=PartyKind(s.kind), percent=s.percent, name=s.name.strip()) for s in shares
    )
    if not checked:
        return checked
    if len(checked) > MAX_SHARES:
        raise SharesRefused("too_many_parties", most=MAX_SHARES)
    seen: set[tuple[PartyKind, str]] = set()
    for share in checked:
        if not _two_places(share.percent) or not Decimal(0) < share.percent <= HUNDRED:
            raise SharesRefused("invalid_percent")
        if len(share.name) > MAX_PARTY_NAME:
            raise SharesRefused("name_too_long", most=MAX_PARTY_NAME)
        key = (share.kind, share.name)
        if key in seen:
            raise SharesRefused("duplicate_party")
        seen.add(key)
    total = sum((share.percent for share in checked), Decimal(0))
    if total != HUNDRED:
        raise SharesRefused("not_hundred", total=total)
    return tuple(
        Share(kind=s.kind, percent=s.percent.quantize(CENTS), name=s.name) for s in checked
    )

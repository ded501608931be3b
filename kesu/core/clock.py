"""The only place that reads the wall clock. Services and rules take `now` as an argument."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    """The current time, timezone-aware (UTC); convert with `local()` for display and dates."""
    return timezone.now()


def local(moment: datetime) -> datetime:
    """`moment` in the configured time zone (KESU_TIME_ZONE, Asia/Shanghai by default)."""
    return timezone.localtime(moment)


def local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()

"""Signals the case services send inside their transaction, for apps above `cases` that must
act in the same transaction (they cannot be imported from here)."""

from __future__ import annotations

from django.dispatch import Signal

#: A case reached the closed state: sent with `case`, `now` and `authority` inside the closing
#: transaction, under the case's row lock. A receiver that raises rolls the closure back (the
#: archive number, `kesu.archives`, is given here: gap-free because it rolls back with it).
case_closed = Signal()

"""Who reads statistics: the permission table's VIEW_STATISTICS."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from kesu.domain.permissions import Permission
from kesu.org.access import Authority


def require_statistics(authority: Authority) -> None:
    if not authority.may(Permission.VIEW_STATISTICS):
        raise PermissionDenied

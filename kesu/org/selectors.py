"""The organisation's lists as every layer reads them: departments in tree order, the people who
handle cases, what people are called. The pages, the API and the settings pages format these;
none of them queries the tables for a list itself."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q

from kesu.core.trees import tree_order
from kesu.domain.permissions import DEPARTMENT_BOUND
from kesu.org.access import holding
from kesu.org.models import Department, User


def department_tree(
    *, active_only: bool = True, count_members: bool = False
) -> list[tuple[Department, int]]:
    """`(department, depth)` in display order, each with its parent read alongside (one
    query). `count_members` adds `people`, the department's active members."""
    rows = Department.objects.select_related("parent")
    if active_only:
        rows = rows.filter(is_active=True)
    if count_members:
        rows = rows.annotate(people=Count("members", filter=Q(members__is_active=True)))
    return tree_order(rows)


def handlers() -> list[User]:
    """Active people who handle cases in a department (by their primary or a further role),
    ordered by department then user name, each with their department (one query)."""
    return list(
        User.objects.filter(holding(DEPARTMENT_BOUND), is_active=True)
        .select_related("department")
        .order_by("department__path", "username")
    )


def display_names(usernames: Iterable[str]) -> dict[str, str]:
    """What people are called, by user name (one query; none for no names). A user name that
    is not found is left out."""
    wanted = set(usernames)
    if not wanted:
        return {}
    return {user.username: str(user) for user in User.objects.filter(username__in=wanted)}

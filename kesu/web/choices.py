"""Reference data offered in the workspace's select boxes (departments, categories, people,
reasons), each in display order and in the active language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kesu.cases.models import Category, DeclineReason
from kesu.core.trees import tree_order
from kesu.domain.presets import Term
from kesu.domain.vocabulary import Role
from kesu.org.models import Department, User
from kesu.web.display import term_name

Choices = list[tuple[str, str]]
INDENT = "\u3000"  # an ideographic space per tree level


def any_choice() -> Choices:
    return [("", _("(any)"))]


def none_choice() -> Choices:
    return [("", "—")]


def departments() -> Choices:
    rows = Department.objects.filter(is_active=True)
    return [(d.code, INDENT * depth + d.name) for d, depth in tree_order(rows)]


def categories() -> Choices:
    """Every active category, children indented under their parents."""
    rows = Category.objects.filter(is_active=True)
    return [(c.code, INDENT * depth + c.name) for c, depth in tree_order(rows)]


def category_groups() -> list[tuple[str, Choices]]:
    """Active categories as option groups: one group per top-level category (itself first,
    then everything below it, indented)."""
    groups: list[tuple[str, Choices]] = []
    for category, depth in tree_order(Category.objects.filter(is_active=True)):
        if depth == 0:
            groups.append((category.name, [(category.code, category.name)]))
        elif groups:
            groups[-1][1].append((category.code, INDENT * depth + category.name))
    return groups


def decline_reasons() -> Choices:
    return [(r.code, r.name) for r in DeclineReason.objects.filter(is_active=True)]


def handlers() -> Choices:
    """People who can handle a case in a department, labelled with their department."""
    people = (
        User.objects.filter(is_active=True, role__in=[Role.HANDLER, Role.DEPARTMENT_HEAD])
        .select_related("department")
        .order_by("department__path", "username")
    )
    return [(u.username, f"{u.department or '—'} · {u}") for u in people]


def terms(items: tuple[Term, ...]) -> Choices:
    return [(t.code, term_name(t)) for t in items]

"""Reference data offered in the workspace's select boxes (departments, categories, people,
reasons), each in display order and in the active language. The lists are read by the
selectors (`cases.catalogue_selectors`, `org.selectors`); this module only labels them."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from kesu.cases import catalogue_selectors as catalogue
from kesu.domain.pinyin import search_keys
from kesu.domain.presets import Term
from kesu.domain.presets.industries import Industry, industry_for
from kesu.org import selectors as organisation
from kesu.web.display import term_name

Choices = list[tuple[str, str]]
INDENT = "\u3000"  # an ideographic space per tree level


def any_choice() -> Choices:
    return [("", _("(any)"))]


def none_choice() -> Choices:
    return [("", "—")]


def departments() -> Choices:
    return [(d.code, INDENT * depth + d.name) for d, depth in organisation.department_tree()]


def categories() -> Choices:
    """Every active category, children indented under their parents."""
    return [(c.code, INDENT * depth + c.name) for c, depth in catalogue.category_tree()]


def category_groups() -> list[tuple[str, Choices]]:
    """Active categories as option groups: one group per top-level category (itself first,
    then everything below it, indented)."""
    groups: list[tuple[str, Choices]] = []
    for category, depth in catalogue.category_tree():
        if depth == 0:
            groups.append((category.name, [(category.code, category.name)]))
        elif groups:
            groups[-1][1].append((category.code, INDENT * depth + category.name))
    return groups


@dataclass(frozen=True)
class CategoryOption:
    """One category in the hotline's search picker: what it posts, how it reads (with its
    parents), and what finds it (its Chinese name, full pinyin, initials, English name)."""

    code: str
    path: str
    name_zh: str
    name_en: str
    pinyin: str
    initials: str


PATH_SEPARATOR = " › "


def category_options() -> list[CategoryOption]:
    """Active categories in tree order with their pinyin keys (one query; the keys are cached
    per name in `domain.pinyin`)."""
    options: list[CategoryOption] = []
    trail: list[str] = []
    for category, depth in catalogue.category_tree():
        del trail[depth:]
        trail.append(category.name)
        keys = search_keys(category.name_zh)
        options.append(
            CategoryOption(
                code=category.code,
                path=PATH_SEPARATOR.join(trail),
                name_zh=category.name_zh,
                name_en=category.name_en.lower(),
                pinyin=keys.full,
                initials=keys.initials,
            )
        )
    return options


def decline_reasons() -> Choices:
    return [(r.code, r.name) for r in catalogue.decline_reasons()]


def handlers() -> Choices:
    """People who can handle a case in a department, labelled with their department."""
    return [(u.username, f"{u.department or '—'} · {u}") for u in organisation.handlers()]


def terms(items: tuple[Term, ...]) -> Choices:
    return [(t.code, term_name(t)) for t in items]


def industry() -> Industry:
    """The organisation's industry wording: `KESU_INDUSTRY` if set, else derived from the
    category tree it loaded (one query)."""
    return industry_for(catalogue.active_category_codes(), getattr(settings, "KESU_INDUSTRY", ""))


def industry_terms(items: tuple[Term, ...], offered: tuple[str, ...]) -> Choices:
    """The terms `offered` by the industry, in the vocabulary's order."""
    wanted = set(offered)
    return [(t.code, term_name(t)) for t in items if t.code in wanted]


@dataclass(frozen=True)
class AssignChoices:
    """The 分派 form's options: departments, and handlers grouped by their department, each
    tagged with its department's tree path so the page offers only the chosen department's
    people (and those of its sub-departments)."""

    departments: Choices
    department_paths: dict[str, str]
    handlers: list[tuple[str, Choices]]
    handler_paths: dict[str, str]


def assign_choices() -> AssignChoices:
    """Two queries: active departments, active handlers and department heads."""
    rows = organisation.department_tree()
    groups: dict[str, list[tuple[str, str]]] = {}
    handler_paths = {}
    for person in organisation.handlers():
        name = str(person.department or "—")
        groups.setdefault(name, []).append((person.username, str(person)))
        handler_paths[person.username] = person.department.path if person.department else ""
    return AssignChoices(
        departments=[(d.code, INDENT * depth + d.name) for d, depth in rows],
        department_paths={d.code: d.path for d, _depth in rows},
        handlers=list(groups.items()),
        handler_paths=handler_paths,
    )

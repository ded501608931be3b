"""Reads of the library: full-text search over the cases a reader may see, the typical cases,
the reply templates and FAQ offered for a case's category."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from kesu.cases.models import Case, Category
from kesu.cases.selectors import IDENTIFIER, CaseFilters, visible_cases
from kesu.library import fulltext
from kesu.library.models import LibraryEntry, ReplyTemplate
from kesu.org.access import Authority

#: Full-text search ranks at most this many matching cases (the newest): a bounded query and a
#: bounded ranking whatever the terms match.
CANDIDATES = 300
#: The queue's search box keeps at most this many matches (like its identifier look-ups).
QUEUE_MATCHES = 1000


@dataclass(frozen=True)
class Hit:
    case: Case
    score: int


def _matching(authority: Authority, terms: list[str]) -> QuerySet[Case]:
    sql, params = fulltext.matching_sql(connection, terms, personal=authority.sees_personal_data)
    return visible_cases(authority).filter(pk__in=RawSQL(sql, params))  # noqa: S611


def _score(case: Case, terms: list[str], *, personal: bool) -> int:
    """More for terms in the product than in the facts, more in the facts than in the demand."""
    fields = [(case.subject_product, 3), (case.facts, 2), (case.demand, 1)]
    if personal:
        fields.append((f"{case.complainant_name} {case.complainant_address}", 1))
    total = 0
    for term in terms:
        needle = term.lower()
        total += sum(text.lower().count(needle) * weight for text, weight in fields)
    return total


def search_cases(
    authority: Authority, text: str, *, category: str = "", limit: int = 20
) -> list[Hit]:
    """The visible cases holding every term of `text`, best first (then newest): one query
    of at most `CANDIDATES` rows, ranked here."""
    terms = fulltext.terms_of(text)
    if not terms:
        return []
    cases = _matching(authority, terms)
    if category:
        node = Category.objects.filter(code=category).only("path").first()
        cases = cases.filter(category__path__startswith=node.path if node else "/nothing/")
    rows = list(
        cases.select_related("category", "assigned_department").order_by("-received_at", "-id")[
            :CANDIDATES
        ]
    )
    personal = authority.sees_personal_data
    hits = [Hit(case, _score(case, terms, personal=personal)) for case in rows]
    hits.sort(key=lambda hit: -hit.score)  # stable: equal scores stay newest first
    return hits[: max(1, min(limit, 100))]


def resolve_text(authority: Authority, filters: CaseFilters) -> CaseFilters:
    """The queue's search box as full-text search: `filters` with the matching visible case ids
    (at most `QUEUE_MATCHES`, newest first) once the identifier look-ups (`resolve_search`) found
    nothing to say about the text. The queue and its exports call this alike."""
    text = filters.text.strip()
    if filters.matched is not None or IDENTIFIER.fullmatch(text):
        return filters  # a number, or a code such as a case number or model: as before
    terms = fulltext.terms_of(text)
    if not terms:
        return filters
    ids = _matching(authority, terms).order_by("-received_at", "-id").values_list("id", flat=True)
    return replace(filters, matched=tuple(ids[:QUEUE_MATCHES]))


# --- the library of typical cases -----------------------------------------------------------


def library_entries(
    authority: Authority, *, category: str = "", text: str = "", limit: int = 50
) -> list[LibraryEntry]:
    """Typical cases, newest first, by category (with its sub-categories) and words in the
    title, summary or lessons. The entries are written masked, so every reader of the library
    sees them all; the link to the case itself still follows the case's visibility."""
    del authority  # the page checks SEE_LIBRARY; entries hold no personal data
    entries = LibraryEntry.objects.select_related("case", "category", "marked_by")
    if category:
        node = Category.objects.filter(code=category).only("path").first()
        entries = entries.filter(category__path__startswith=node.path if node else "/nothing/")
    for term in fulltext.terms_of(text):
        entries = entries.filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(lessons__icontains=term)
        )
    return list(entries.order_by("-marked_at", "-id")[: max(1, min(limit, 200))])


def entry_for(case: Case) -> LibraryEntry | None:
    return LibraryEntry.objects.filter(case=case).first()


# --- reply templates and FAQ ----------------------------------------------------------------


def templates_for(
    category: Category | None, *, kind: str = "", all_categories: bool = False
) -> list[ReplyTemplate]:
    """The active templates offered for a case of `category`: those for it or a category above
    it, and those for every case (one query); with `all_categories` (the hotline, before a
    category is chosen) every active one."""
    ancestors = Q() if all_categories else Q(category__isnull=True)
    if category is not None and not all_categories:
        paths = [category.path[: i + 1] for i, ch in enumerate(category.path) if ch == "/"]
        ancestors |= Q(category__path__in=paths) | Q(category_id=category.pk)
    rows = ReplyTemplate.objects.filter(ancestors, is_active=True)
    if kind:
        rows = rows.filter(kind=kind)
    return list(rows.order_by("kind", "sort_order", "id")[:100])


def all_templates() -> QuerySet[ReplyTemplate]:
    return ReplyTemplate.objects.select_related("category").order_by("kind", "sort_order", "id")


def template(pk: int) -> ReplyTemplate | None:
    return ReplyTemplate.objects.filter(pk=pk, is_active=True).first()

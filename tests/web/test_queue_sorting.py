"""Queue sorting: every order walks page by page to exactly the full ordered list, the cursor
carries its sort (a mismatched or tampered one is a message, not a 500), and the column
headers sort by HTMX with aria-sort while keeping the other filters."""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest
import time_machine
from django.utils import translation

from kesu.cases import selectors
from kesu.cases.models import Case
from kesu.cases.selectors import CaseFilters, QueueSort
from kesu.domain.vocabulary import Action, Severity
from kesu.org.access import authority_of
from tests.conftest import at
from tests.factories import act, register
from tests.web.client import logged_in

NOW = "2026-11-24 10:00"
RANK = {Severity.MAJOR: 0, Severity.GENERAL: 1, Severity.MINOR: 2}


@pytest.fixture
def book(org: Any) -> list[Case]:
    """Fourteen cases: three severities, same-day registrations (equal acceptance due times,
    so the deadline order has ties), some declined (no running clock)."""
    severities = [Severity.GENERAL, Severity.MAJOR, Severity.MINOR]
    cases = []
    for index in range(14):
        day = 16 + index // 4  # four a day: ties on the acceptance deadline
        case = register(
            org["agent"],
            at(f"2026-11-{day} {9 + index % 4:02d}:00"),
            severity=severities[index % 3],
            complainant_name=f"客户{index}",
        )
        if index % 5 == 0:
            act(
                case,
                org["agent"],
                Action.DECLINE,
                at(f"2026-11-{day} 15:00"),
                reason_code="duplicate",
            )
        cases.append(case)
    return list(Case.objects.order_by("id"))


def expected(cases: list[Case], sort: QueueSort) -> list[str]:
    def newest(c: Case) -> tuple[Any, int]:
        return (c.received_at, c.pk)

    match sort:
        case QueueSort.NEWEST:
            ordered = sorted(cases, key=newest, reverse=True)
        case QueueSort.OLDEST:
            ordered = sorted(cases, key=newest)
        case QueueSort.DUE:
            running = sorted((c for c in cases if c.next_due), key=lambda c: (c.next_due, c.pk))
            rest = sorted((c for c in cases if not c.next_due), key=newest, reverse=True)
            ordered = running + rest
        case QueueSort.SEVERITY:
            ordered = sorted(cases, key=newest, reverse=True)
            ordered.sort(key=lambda c: RANK[Severity(c.severity)])
    return [c.number for c in ordered]


@pytest.mark.parametrize("sort", list(QueueSort))
@pytest.mark.parametrize("limit", [1, 3, 4])
def test_walking_every_page_gives_the_full_ordered_list(
    org: Any, book: list[Case], sort: QueueSort, limit: int
) -> None:
    authority = authority_of(org["supervisor"], now=at(NOW))
    assert any(c.next_due is None for c in book)  # both segments of the deadline order
    seen: list[str] = []
    cursor = None
    for _page in range(len(book) + 1):
        page = selectors.list_cases(
            authority, CaseFilters(), now=at(NOW), cursor=cursor, limit=limit, sort=sort
        )
        seen += [c.number for c in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == expected(book, sort)


@translation.override("en")
def test_a_cursor_of_another_sort_or_tampered_is_refused_with_a_reason(
    org: Any, book: list[Case]
) -> None:
    authority = authority_of(org["supervisor"], now=at(NOW))
    page = selectors.list_cases(authority, CaseFilters(), now=at(NOW), limit=2, sort=QueueSort.DUE)
    assert page.next_cursor
    with pytest.raises(selectors.ServiceError, match="another sort order"):
        selectors.list_cases(
            authority, CaseFilters(), now=at(NOW), cursor=page.next_cursor, sort=QueueSort.OLDEST
        )
    for raw in ("due|7|2026-11-20T00:00:00+00:00|3", "due|0|2026-11-20T00:00:00|3", "x|0|y|z"):
        bad = base64.urlsafe_b64encode(raw.encode()).decode()
        with pytest.raises(selectors.ServiceError, match="not valid"):
            selectors.list_cases(
                authority, CaseFilters(), now=at(NOW), cursor=bad, sort=QueueSort.DUE
            )


def test_an_old_cursor_without_a_sort_still_continues_newest_first(
    org: Any, book: list[Case]
) -> None:
    authority = authority_of(org["supervisor"], now=at(NOW))
    newest = sorted(book, key=lambda c: (c.received_at, c.pk), reverse=True)
    raw = f"{newest[1].received_at.isoformat()}|{newest[1].pk}"
    old = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    page = selectors.list_cases(authority, CaseFilters(), now=at(NOW), cursor=old, limit=2)
    assert [c.number for c in page.items] == [c.number for c in newest[2:4]]


def test_the_queue_page_walks_each_sort_and_keeps_the_filters(
    org: Any, book: list[Case], monkeypatch: Any, django_assert_max_num_queries: Any
) -> None:
    monkeypatch.setattr("kesu.web.queue.PAGE_SIZE", 4)
    client = logged_in("supervisor")
    registered = [c for c in book if c.state == "registered"]
    for sort in QueueSort:
        seen: list[str] = []
        query: dict[str, str] = {"sort": sort.value, "state": "registered"}
        with time_machine.travel(at(NOW), tick=False):
            for _page in range(10):
                with django_assert_max_num_queries(18):
                    page = client.get("/cases/", query, HTTP_HX_REQUEST="true").content.decode()
                seen += re.findall(r'<td class="nowrap"><a href="/cases/([^/]+)/"', page)
                link = re.search(r'href="/cases/\?([^"]*cursor=[^"]+)" hx-get[^>]*rel="next"', page)
                if link is None:
                    break
                query = dict(re.findall(r"([^&=]+)=([^&]*)", link.group(1).replace("&amp;", "&")))
                assert query["state"] == "registered"
                assert query["sort"] == sort.value
        assert seen == expected(registered, sort), sort


def test_column_headers_sort_with_htmx_and_say_so_with_aria_sort(
    org: Any, book: list[Case]
) -> None:
    client = logged_in("supervisor")
    with time_machine.travel(at(NOW), tick=False):
        default = client.get("/cases/", {"severity": "major"}).content.decode()
        by_due = client.get(
            "/cases/", {"severity": "major", "sort": "due"}, HTTP_HX_REQUEST="true"
        ).content.decode()
        bad = client.get("/cases/", {"sort": "sideways"})
    assert re.search(
        r'<th class="sortable" aria-sort="descending">'
        r'<a href="/cases/\?severity=major&amp;sort=oldest" hx-get=',
        default,
    )
    assert 'href="/cases/?severity=major&amp;sort=due" hx-get' in default
    assert 'hx-target="#queue-table"' in default
    assert '<input type="hidden" name="sort" value="newest" form="queue-filters">' in default
    assert 'aria-sort="ascending"><a href="/cases/?severity=major&amp;sort=due"' in by_due
    assert '<input type="hidden" name="sort" value="due" form="queue-filters">' in by_due
    assert bad.status_code == 200
    assert 'class="alert"' in bad.content.decode()  # an unknown sort is a form error, newest used


def test_a_tampered_cursor_on_the_page_is_a_message_and_the_first_page(
    org: Any, book: list[Case]
) -> None:
    client = logged_in("supervisor")
    authority = authority_of(org["supervisor"], now=at(NOW))
    due_cursor = selectors.list_cases(
        authority, CaseFilters(), now=at(NOW), limit=1, sort=QueueSort.DUE
    ).next_cursor
    with time_machine.travel(at(NOW), tick=False):
        mismatched = client.get("/cases/", {"sort": "severity", "cursor": due_cursor})
        tampered = client.get("/cases/", {"sort": "due", "cursor": "ZHVlfDB8bm9wZXwx"})
    assert mismatched.status_code == tampered.status_code == 200
    first_major = expected(book, QueueSort.SEVERITY)[0]
    assert first_major in mismatched.content.decode()
    assert 'class="alert"' in tampered.content.decode()

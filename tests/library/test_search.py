"""Full-text search in Chinese: the Pudong water-heater case among decoys, on SQLite (FTS5
trigram) and PostgreSQL (pg_trgm), visibility and masking respected, bounded queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from kesu.cases.models import Case
from kesu.cases.selectors import CaseFilters
from kesu.domain.vocabulary import Action
from kesu.library import fulltext, selectors
from kesu.library.fulltext import terms_of
from kesu.library.services import rebuild_search_index
from kesu.org.access import authority_of
from tests.conftest import Org, at
from tests.factories import act, register

NOW = at("2026-11-30 10:00")

DECOYS = [
    ("海尔热水器 EC6002", "热水器安装后不出热水，师傅说要换配件。", "上海市闵行区莘庄镇"),
    ("美的空调", "空调漏水，滴到地板上，浦东的师傅一直不来。", "上海市浦东新区张江镇"),
    ("洗衣机", "洗衣机漏水严重。", "上海市浦东新区花木街道"),
    ("热水器", "热水器漏水，已经报修三次。", "江苏省苏州市工业园区"),
    ("燃气灶", "燃气灶打不着火。", "上海市浦东新区"),
]


def _cases(org: Org) -> dict[str, Case]:
    made: dict[str, Case] = {}
    for index, (product, facts, address) in enumerate(DECOYS):
        made[f"decoy{index}"] = register(
            org["agent"],
            at(f"2026-11-2{index} 09:00"),
            subject_product=product,
            facts=facts,
            complainant_address=address,
        )
    made["target"] = register(
        org["agent"],
        at("2026-11-10 09:00"),
        subject_product="华联JSQ30 燃气热水器",
        facts="家住浦东新区，热水器连接处漏水，地板泡坏。",
        complainant_address="上海市浦东新区世纪大道100号",
    )
    return made


def test_terms_split_at_spaces_and_punctuation() -> None:
    assert terms_of("热水器 漏水，浦东") == ["热水器", "漏水", "浦东"]
    assert terms_of("  100%_off ") == ["100", "off"]
    assert len(terms_of(" ".join(str(n) for n in range(50)))) == 6


@pytest.mark.django_db
def test_finds_the_pudong_water_heater_among_decoys(
    org: Org, django_assert_max_num_queries: Any
) -> None:
    cases = _cases(org)
    supervisor = authority_of(org["supervisor"], now=NOW)
    with django_assert_max_num_queries(2):
        hits = selectors.search_cases(supervisor, "热水器 漏水 浦东")
    assert [hit.case.pk for hit in hits] == [cases["target"].pk]
    # One term less: the Suzhou heater too; ranked by where the terms occur, then newest.
    hits = selectors.search_cases(supervisor, "热水器 漏水")
    assert hits[0].score >= hits[1].score
    assert {hit.case.pk for hit in hits} == {cases["target"].pk, cases["decoy3"].pk}


@pytest.mark.django_db
def test_personal_columns_only_for_readers_who_see_them(org: Org) -> None:
    cases = _cases(org)
    # 世纪大道 is only in the address: found for the supervisor, never for the analyst.
    supervisor = authority_of(org["supervisor"], now=NOW)
    analyst = authority_of(org["analyst"], now=NOW)
    assert [h.case.pk for h in selectors.search_cases(supervisor, "世纪大道")] == [
        cases["target"].pk
    ]
    assert selectors.search_cases(analyst, "世纪大道") == []
    assert [h.case.pk for h in selectors.search_cases(analyst, "热水器 漏水 浦东")] == [
        cases["target"].pk
    ]


@pytest.mark.django_db
def test_search_respects_visibility(org: Org) -> None:
    cases = _cases(org)
    handler = authority_of(org["handler"], now=NOW)
    assert selectors.search_cases(handler, "热水器 漏水 浦东") == []
    target = cases["target"]
    act(target, org["agent"], Action.ACCEPT, at("2026-11-10 10:00"))
    act(target, org["supervisor"], Action.ASSIGN, at("2026-11-10 11:00"), department="after-sales")
    assert [h.case.pk for h in selectors.search_cases(handler, "热水器 漏水 浦东")] == [target.pk]


@pytest.mark.django_db
def test_the_index_follows_case_writes_and_rebuilds(org: Org) -> None:
    cases = _cases(org)
    supervisor = authority_of(org["supervisor"], now=NOW)
    Case.objects.filter(pk=cases["decoy4"].pk).update(facts="燃气灶旁的热水器漏水")
    found = {h.case.pk for h in selectors.search_cases(supervisor, "热水器 漏水 浦东")}
    assert found == {cases["target"].pk, cases["decoy4"].pk}
    assert rebuild_search_index() == len(cases)
    found = {h.case.pk for h in selectors.search_cases(supervisor, "热水器 漏水 浦东")}
    assert found == {cases["target"].pk, cases["decoy4"].pk}


@pytest.mark.django_db
def test_queue_filters_resolve_to_the_matching_ids(org: Org) -> None:
    cases = _cases(org)
    supervisor = authority_of(org["supervisor"], now=NOW)
    resolved = selectors.resolve_text(supervisor, CaseFilters(text="热水器 漏水 浦东"))
    assert resolved.matched == (cases["target"].pk,)


@pytest.mark.django_db
def test_the_index_is_used(org: Org) -> None:
    _cases(org)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # six rows: make the plan show it
            sql, params = fulltext.matching_sql(connection, ["热水器", "漏水"], personal=False)
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "library_case_text_trgm" in plan
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM library_case_fts")
            assert cursor.fetchone()[0] == 6


@pytest.mark.django_db
def test_codes_in_the_queue_box_are_looked_up_as_before(org: Org) -> None:
    case = register(org["agent"], at("2026-11-10 09:00"), subject_product="华联KFR-35GW 空调")
    supervisor = authority_of(org["supervisor"], now=NOW)
    kept = selectors.resolve_text(supervisor, CaseFilters(text=case.number))
    assert kept.matched is None  # the queue's own identifier match applies
    kept = selectors.resolve_text(supervisor, CaseFilters(text="KFR-35GW"))
    assert kept.matched is None


@pytest.mark.django_db(transaction=True)
def test_migrate_puts_back_the_triggers_a_table_rebuild_dropped() -> None:
    """SQLite drops a table's triggers when a later migration rebuilds `cases_case`."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps the index on the case table itself")
    from django.core.management import call_command

    def triggers() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'library_case_fts%'"
            )
            return int(cursor.fetchone()[0])

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER library_case_fts_insert")
    assert triggers() == 2
    call_command("migrate", verbosity=0)
    assert triggers() == 3

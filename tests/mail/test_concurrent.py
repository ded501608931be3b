"""The same mail arriving by two ways at once (the poller and an upload, two pollers) makes one
case and one stored message: the unique key decides, the loser answers with the winner's row."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from kesu.cases.models import Case
from kesu.mail.models import InboundMessage, Source
from kesu.mail.services import receive
from tests.conftest import at
from tests.mail import messages


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_mail_at_once_on_four_connections_makes_one_case(org: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks across connections are PostgreSQL's; .ci/run runs this there")
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []
    rows: list[int] = []

    def worker() -> None:
        try:
            barrier.wait()
            result = receive(raw=messages.gbk_complaint(), source=Source.IMAP,
                             now=at("2026-12-02 09:00"))  # fmt: skip
            rows.append(result.message.pk)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(rows)) == 1
    assert InboundMessage.objects.count() == 1
    assert Case.objects.count() == 1

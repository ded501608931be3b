"""The notification centre: a handler sees the assignment notice, marks it read."""

from typing import Any

from django.test import Client

from tests.factories import assigned


def test_the_handler_reads_and_clears_notifications(org: Any) -> None:
    case = assigned(org, "2026-11-23")
    client = Client()
    client.force_login(org["handler"])
    home = client.get("/").content.decode()
    assert 'class="badge unread-count">1<' in home  # the assignment notice
    page = client.get("/notifications/").content.decode()
    assert case.number in page
    assert "已分派给您" in page
    client.post("/notifications/read/", {"all": "1"})
    assert "unread-count" not in client.get("/").content.decode()


def test_nobody_marks_someone_elses_notifications(org: Any) -> None:
    from kesu.notify.models import Notification

    assigned(org, "2026-11-23")
    note = Notification.objects.get(recipient=org["handler"], channel="in_app")
    outsider = Client()
    outsider.force_login(org["quality"])
    outsider.post("/notifications/read/", {"id": str(note.pk)})
    note.refresh_from_db()
    assert note.read_at is None

"""Exports from the queue page: a small list downloads at once, a long one shows its progress
(polled with HTMX) until the download appears; only the exporter reads their file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from kesu.exports import services
from kesu.exports.models import ExportJob
from kesu.exports.tasks import run_export
from tests.conftest import Org, at
from tests.factories import register
from tests.web.client import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _exports_dir(settings: Any, tmp_path: Path) -> Path:
    settings.KESU_EXPORTS_DIR = tmp_path
    return tmp_path


def _content(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_a_small_export_downloads_at_once(org: Org) -> None:
    for n in range(3):
        register(org["agent"], at(f"2026-11-1{n} 09:00"), facts=f"第{n}件")
    client = logged_in("manager")
    page = client.get("/cases/").content.decode()
    assert 'action="/cases/export/"' in page
    response = client.post("/cases/export/", {"query": "state=registered", "format": "xlsx"})
    assert response.status_code == 302
    download = client.get(response["Location"])
    assert download["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(_content(download)), read_only=True).active
    assert len(list(sheet.iter_rows(values_only=True))) == 4
    assert logged_in("supervisor").get(response["Location"]).status_code == 404


def test_a_long_export_shows_progress_then_the_download(
    org: Org, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    for n in range(3):
        register(org["agent"], at(f"2026-11-1{n} 09:00"))
    monkeypatch.setattr(services, "SMALL", 1)
    client = logged_in("analyst")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/cases/export/", {"query": "", "format": "csv"})
    assert len(callbacks) == 1  # the worker's task, enqueued after commit
    job = ExportJob.objects.get()
    assert response["Location"] == f"/exports/{job.pk}/"
    status = client.get(f"/exports/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'data-state="queued"' in status
    assert 'hx-trigger="every 1s"' in status
    assert run_export.call(job_id=job.pk) == ExportJob.DONE
    status = client.get(f"/exports/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'data-state="done"' in status
    assert "every 1s" not in status
    assert f"/exports/{job.pk}/download/" in status
    body = _content(client.get(f"/exports/{job.pk}/download/"))
    assert body.startswith(b"\xef\xbb\xbf")
    assert "138****5678" in body.decode("utf-8-sig")  # the analyst reads masked phones
    assert "13812345678" not in body.decode("utf-8-sig")
    assert "/exports/" in client.get("/exports/").content.decode()


def test_who_may_not_export_is_told(org: Org) -> None:
    handler = logged_in("handler")
    assert handler.post("/cases/export/", {"query": "", "format": "xlsx"}).status_code == 403
    assert 'action="/cases/export/"' not in handler.get("/cases/").content.decode()

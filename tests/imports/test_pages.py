"""The import pages with the Django test client: upload → map → dry run → import, the
template download, the permission, and what the case page shows of an import."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from kesu.cases.models import Case
from kesu.imports.models import ImportBatch, ImportedCase
from kesu.imports.readers import open_table
from tests.imports.sheets import HISTORY_HEADINGS, history_row, xlsx
from tests.web.client import logged_in

pytestmark = pytest.mark.django_db
# A regulator's own headings, in its own order, one the presets do not know (序号 is ignored).
HEADINGS = ["序号", "转办单号", "诉求人", "联系电话", "诉求内容", "办理时限", "承办要求"]


def sheet(tmp_path: Any, rows: list[list[Any]]) -> SimpleUploadedFile:
    path = xlsx(tmp_path / "消协转办.xlsx", HEADINGS, rows)
    return SimpleUploadedFile("消协转办.xlsx", path.read_bytes())


def row(number: int, reference: str, **over: Any) -> list[Any]:
    values = {
        "序号": number,
        "转办单号": reference,
        "诉求人": "赵敏",
        "联系电话": 13812345678,  # Excel keeps phone numbers as numbers
        "诉求内容": f"购买的冰箱不制冷，商家拒绝退换（{reference}）。",
        "办理时限": "2026-12-20",
        "承办要求": "请于期限内答复",
    } | over
    return [values[h] for h in HEADINGS]


def test_upload_map_dry_run_and_import(org: Any, tmp_path: Any) -> None:
    client = logged_in("supervisor", "en")
    assert "Import cases" in client.get("/").content.decode()  # the menu offers it
    upload = sheet(tmp_path, [row(1, "XH-001"), row(2, "XH-002", 诉求人="")])
    response = client.post("/imports/", {"source": "transfer", "regulator": "cca", "file": upload})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    page = client.get(response["Location"]).content.decode()
    # The presets chose the columns they know; 承办要求 is left for a person to decide.
    assert '<option value="转办单号" selected>' in page
    assert '<option value="办理时限" selected>' in page
    assert '<option value="承办要求" selected>' not in page
    mapping = {f"map-{k}": v for k, v in batch.mapping.items()} | {"regulator": "cca"}
    mapping["map-demand"] = "承办要求"
    checked = client.post(f"/imports/{batch.pk}/", mapping | {"step": "dry_run"})
    assert checked.status_code == 400
    text = checked.content.decode()
    assert "<td>3</td><td>诉求人</td><td>This field is required.</td>" in text
    assert not Case.objects.exists()
    refused = client.post(f"/imports/{batch.pk}/", mapping | {"step": "import"})
    assert refused.status_code == 400
    assert not Case.objects.exists()

    upload = sheet(tmp_path, [row(1, "XH-001"), row(2, "XH-002")])
    response = client.post("/imports/", {"source": "transfer", "regulator": "cca", "file": upload})
    batch = ImportBatch.objects.latest("pk")
    dry = client.post(f"/imports/{batch.pk}/", mapping | {"step": "dry_run"}).content.decode()
    assert "Dry run: all 2 rows are correct; 2 would be imported" in dry
    assert not Case.objects.exists()
    done = client.post(f"/imports/{batch.pk}/", mapping | {"step": "import"})
    assert done.status_code == 200
    assert "Imported: 2 new cases from 2 rows" in done.content.decode()
    case = ImportedCase.objects.get(reference="XH-001").case
    assert case.demand == "请于期限内答复"
    assert case.complainant_phone == "13812345678"

    # The same file again: nothing new, and the page says so.
    upload = sheet(tmp_path, [row(1, "XH-001"), row(2, "XH-002")])
    client.post("/imports/", {"source": "transfer", "regulator": "cca", "file": upload})
    again = ImportBatch.objects.latest("pk")
    second = client.post(f"/imports/{again.pk}/", mapping | {"step": "import"}).content.decode()
    assert "Imported: 0 new cases from 2 rows; 2 were imported before" in second
    assert Case.objects.count() == 2

    shown = client.get(f"/cases/{case.number}/").content.decode()
    assert "Consumers&#x27; association" in shown or "Consumers' association" in shown
    assert "XH-001" in shown
    assert "Reply due to" in shown
    assert "2026-12-20 23:59" in shown


def test_the_templates_are_real_workbooks_the_import_reads(org: Any, tmp_path: Any) -> None:
    client = logged_in("manager")
    for source in ("transfer", "history"):
        response = client.get(f"/imports/template/{source}.xlsx")
        assert response.status_code == 200
        workbook = load_workbook(io.BytesIO(response.content), read_only=True)
        assert len(workbook.sheetnames) == 2
        path = tmp_path / f"{source}.xlsx"
        path.write_bytes(response.content)
        table = open_table(path)
        assert table.headings[0] in {"工单编号*", "原编号*"}


def test_only_people_with_the_permission_reach_the_pages(org: Any) -> None:
    assert logged_in("handler").get("/imports/").status_code == 403
    assert logged_in("agent").get("/imports/template/transfer.xlsx").status_code == 403
    assert "导入" not in logged_in("handler").get("/").content.decode().split("<main>")[0]


def test_an_unreadable_upload_is_refused_with_a_message(org: Any) -> None:
    client = logged_in("supervisor", "en")
    bad = SimpleUploadedFile("x.xlsx", b"not a workbook")
    response = client.post("/imports/", {"source": "history", "file": bad})
    assert response.status_code == 400
    assert "The file is not a readable .xlsx workbook." in response.content.decode()
    other = SimpleUploadedFile("x.pdf", b"%PDF")
    response = client.post("/imports/", {"source": "history", "file": other})
    assert "Only .xlsx and .csv files can be imported." in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_an_imported_history_case_is_marked_on_its_page(org: Any, tmp_path: Any) -> None:
    client = logged_in("manager", "en")
    path = xlsx(tmp_path / "old.xlsx", HISTORY_HEADINGS, [history_row("OLD-7")])
    upload = SimpleUploadedFile("old.xlsx", path.read_bytes())
    client.post("/imports/", {"source": "history", "file": upload})
    batch = ImportBatch.objects.get()
    mapping = {f"map-{k}": v for k, v in batch.mapping.items()}
    client.post(f"/imports/{batch.pk}/", mapping | {"step": "import"})
    page = client.get("/cases/H-OLD-7/").content.decode()
    assert "Imported history" in page
    assert "Number in the previous system" in page
    assert "OLD-7" in page
    assert "已结案" in page

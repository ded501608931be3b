"""Evidence files: stored with size and type limits and a checksum, once per case."""

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kesu.cases.models import Attachment, CaseEvent
from tests.conftest import PHONE_COMPLAINT

# A real 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def number(api: Any) -> str:
    return str(api("agent").post("/cases", PHONE_COMPLAINT).json()["number"])


def upload(api: Any, number: str, name: str, content: bytes, content_type: str) -> Any:
    client = api("agent").client
    return client.post(
        f"/api/v1/cases/{number}/attachments",
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_a_photo_is_stored_with_its_checksum(
    api: Any, number: str, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    response = upload(api, number, "故障照片.png", PNG, "image/png")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sha256"] == hashlib.sha256(PNG).hexdigest()
    assert body["size"] == len(PNG)
    stored = Attachment.objects.get()
    assert Path(stored.file.path).read_bytes() == PNG
    assert CaseEvent.objects.filter(action="attach").count() == 1
    again = upload(api, number, "again.png", PNG, "image/png")
    assert again.json()["id"] == body["id"]
    assert Attachment.objects.count() == 1


def test_disallowed_types_and_sizes_are_refused(
    api: Any, number: str, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.KESU_ATTACHMENT_MAX_BYTES = 10
    too_big = upload(api, number, "big.png", PNG, "image/png")
    assert too_big.status_code == 400
    assert too_big.json()["code"] == "file_too_large"
    settings.KESU_ATTACHMENT_MAX_BYTES = 10_000
    exe = upload(api, number, "run.exe", b"MZ....", "application/x-msdownload")
    assert exe.status_code == 400
    assert exe.json()["code"] == "file_type_not_allowed"
    empty = upload(api, number, "empty.png", b"", "image/png")
    assert empty.status_code == 400
    assert Attachment.objects.count() == 0


def test_evidence_can_be_listed_and_downloaded_by_those_who_see_the_case(
    api: Any, number: str, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    created = upload(
        api, number, "发票.pdf", b"%PDF-1.4\n%fake invoice\n", "application/pdf"
    ).json()
    listing = api("agent").get(f"/cases/{number}/attachments").json()
    assert [(a["name"], a["size"]) for a in listing] == [("发票.pdf", 23)]
    download = api("supervisor").client.get(f"/api/v1/cases/{number}/attachments/{created['id']}")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4\n%fake invoice\n"
    assert "attachment" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    # A handler of another department does not see the case, so not its evidence either.
    assert (
        api("quality").client.get(f"/api/v1/cases/{number}/attachments/{created['id']}").status_code
        == 404
    )
    assert api("agent").client.get(f"/api/v1/cases/{number}/attachments/999").status_code == 404


def test_a_program_renamed_as_a_photo_is_refused(
    api: Any, number: str, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    response = upload(api, number, "photo.png", b"MZ\x90\x00fake exe", "image/png")
    assert response.status_code == 400
    assert response.json()["code"] == "file_content_mismatch"
    jpeg_as_pdf = upload(api, number, "scan.pdf", b"\xff\xd8\xff\xe0 jpeg", "application/pdf")
    assert jpeg_as_pdf.status_code == 400


def test_read_only_roles_cannot_add_evidence(
    api: Any, number: str, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = api("analyst").client
    response = client.post(
        f"/api/v1/cases/{number}/attachments",
        {"file": SimpleUploadedFile("a.png", PNG, content_type="image/png")},
    )
    assert response.status_code == 403
    assert Attachment.objects.count() == 0

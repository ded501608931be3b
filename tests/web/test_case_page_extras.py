"""The case page's evidence previews, the caller's other cases and follow-up links (R-06)."""

from __future__ import annotations

import re
import struct
import zlib
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.cases.test_follow import REASON, closed_case
from tests.conftest import at
from tests.factories import assigned, register
from tests.web.client import logged_in


def tiny_png() -> bytes:
    """A valid 1×1 PNG (signature, IHDR, IDAT, IEND with their CRCs)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    body = chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def upload(client: Any, number: str, name: str, content: bytes, content_type: str) -> None:
    file = SimpleUploadedFile(name, content, content_type=content_type)
    response = client.post(f"/cases/{number}/attachments/", {"file": file})
    assert response.status_code == 302, response.content.decode()


def test_pictures_and_pdfs_are_previewed_inline_and_safely(org: Any) -> None:
    case = assigned(org, "2026-11-23")
    other = assigned(org, "2026-11-23", complainant_name="李明")
    handler = logged_in("handler")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        upload(handler, case.number, "现场照片.png", tiny_png(), "image/png")
        upload(handler, case.number, "发票.pdf", TINY_PDF, "application/pdf")
        upload(handler, case.number, "说明.txt", b"<script>alert(1)</script>", "text/plain")
        upload(handler, other.number, "别的.png", tiny_png() + b"x", "image/png")
        page = handler.get(f"/cases/{case.number}/").content.decode()
        previews = re.findall(rf'href="(/cases/{case.number}/attachments/(\d+)/preview/)"', page)
        assert len({url for url, _id in previews}) == 2  # the picture and the PDF, not the text
        assert re.search(r'<img src="/cases/[^"]+/preview/" alt="现场照片.png"', page)
        answers = {}
        for url, _id in previews:
            response = handler.get(url)
            answers[response["Content-Type"]] = response
        text_id = case.attachments.get(content_type="text/plain").pk
        text = handler.get(f"/cases/{case.number}/attachments/{text_id}/preview/")
        foreign_id = other.attachments.get().pk
        foreign = handler.get(f"/cases/{case.number}/attachments/{foreign_id}/preview/")
        image_id = case.attachments.get(content_type="image/png").pk
        outsider = logged_in("quality").get(f"/cases/{case.number}/attachments/{image_id}/preview/")
    png, pdf = answers["image/png"], answers["application/pdf"]
    assert b"".join(png.streaming_content) == tiny_png()
    assert b"".join(pdf.streaming_content) == TINY_PDF
    for response in (png, pdf):
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("inline")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "sandbox" in png["Content-Security-Policy"]
    assert "script-src" not in pdf["Content-Security-Policy"]
    assert text.status_code == 404  # other types are only downloaded
    assert foreign.status_code == 404  # another case's file through this case's address
    assert outsider.status_code == 404  # invisible case: exactly like the download


def test_the_callers_other_cases_newest_first_bounded_and_visible_only(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    earlier = [
        register(org["agent"], at(f"2026-11-{day:02d} 09:00"), complainant_name=f"王丽{day}")
        for day in range(2, 15)
    ]  # thirteen earlier cases of the same phone, registered (visible to front office only)
    current = assigned(org, "2026-11-23")
    register(org["agent"], at("2026-11-20 09:00"), complainant_phone="13900001111")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        agent = logged_in("agent")
        # 12th: the UPDATE reading the case's notices; 13th: the case's deliberations 合议;
        # 14th: the INSERT putting this unmasked read on record (issue 20); 15th: the active
        # categories for the category panel, 16th: is there a newer triage model (at most every
        # 5 s per process; issue 19).
        with django_assert_max_num_queries(16):
            page = agent.get(f"/cases/{current.number}/").content.decode()
        handler_page = logged_in("handler").get(f"/cases/{current.number}/").content.decode()
    section = page[page.index('id="related-title"') :]
    shown = re.findall(r'<td><a href="/cases/(\d+)/">', section)
    assert shown == [c.number for c in reversed(earlier)][:10]  # newest first, at most ten
    handler_section = handler_page[handler_page.index('id="related-title"') :]
    assert not re.findall(r'<td><a href="/cases/(\d+)/">', handler_section)  # not theirs
    assert "没有您可查看的该来电人其他案件" in handler_section


def test_a_closed_case_offers_a_follow_up_and_both_pages_link(org: Any) -> None:
    earlier = closed_case(org)
    agent = logged_in("agent")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = agent.get(f"/cases/{earlier.number}/").content.decode()
        assert f'href="/cases/new/?follows={earlier.number}"' in page
        assert "新开跟进案件" in page
        form = agent.get(f"/cases/new/?follows={earlier.number}").content.decode()
        assert f'value="{earlier.number}"' in form
        assert 'value="王丽"' in form
        assert 'value="13812345678"' in form
        assert re.search(r'<option value="after_sales_repair_delay"[^>]* selected', form)
        later = register(
            org["agent"],
            at("2026-11-24 10:00"),
            follows_number=earlier.number,
            follow_reason=REASON,
        )
        followed_page = agent.get(f"/cases/{earlier.number}/").content.decode()
        follower_page = agent.get(f"/cases/{later.number}/").content.decode()
        open_page = agent.get(f"/cases/{later.number}/").content.decode()
    assert f'已由案件 <a href="/cases/{later.number}/">{later.number}</a> 跟进' in followed_page
    assert f'跟进案件 <a href="/cases/{earlier.number}/">{earlier.number}</a>' in follower_page
    assert f"（{REASON}）" in follower_page
    assert "新开跟进案件" not in open_page  # only a closed case is followed up


def test_the_english_case_page_reads_naturally(org: Any) -> None:
    bought = at("2026-08-20").date()
    case = assigned(org, "2026-11-23", complainant_count=3, subject_purchase_date=bought)
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        english = logged_in("agent", "en").get(f"/cases/{case.number}/").content.decode()
        chinese = logged_in("agent").get(f"/cases/{case.number}/").content.decode()
    assert "20 Aug 2026" in english
    assert "（" not in english
    assert "：" not in english
    assert "Responsible department: " in english
    assert "(3 people)" in english
    assert "2026年8月20日" in chinese
    assert "（3人）" in chinese
    assert "责任部门：" in chinese


def test_masked_readers_get_no_list_of_the_callers_cases(org: Any) -> None:
    first = register(org["agent"], at("2026-11-20 09:00"))
    second = register(org["agent"], at("2026-11-23 09:00"), facts="又一次投诉空调。")
    supervisor_page = logged_in("supervisor").get(f"/cases/{second.number}/").content.decode()
    analyst_page = logged_in("analyst").get(f"/cases/{second.number}/").content.decode()
    assert first.number in supervisor_page
    assert "该来电人的其他案件" in supervisor_page
    assert "该来电人的其他案件" not in analyst_page
    assert first.number not in analyst_page

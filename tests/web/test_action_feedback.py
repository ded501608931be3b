"""What the case page says after an action and how its forms help (new-user review D10, D12,
D15, D17): flashes that say what happened, a returned plan that comes back prefilled with the
reason above it, no fake "200.00 → 200" change, history lines in words, and an assign form
whose handlers carry their department."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from kesu.cases.models import CaseEvent
from kesu.domain.vocabulary import Action
from tests.conftest import at
from tests.factories import act, assigned, register
from tests.web.client import logged_in
from tests.web.test_case_page import post_action

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_the_assign_flash_names_the_handler_and_department(org: Any) -> None:
    case = register(org["agent"], at("2026-11-24 09:00"))
    act(case, org["agent"], Action.ACCEPT, at("2026-11-24 09:05"))
    client = logged_in("supervisor")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        response = post_action(
            client, case.number, "assign", department="after-sales", handler="handler"
        )
        assert response.status_code == 302
        page = client.get(response.url).content.decode()
    assert f"案件 {case.number} 已分派给 张伟（{org.after_sales.name}）。" in page
    assert "已完成「" not in page


def test_a_returned_plan_comes_back_prefilled_with_the_reason(org: Any) -> None:
    case = assigned(org, "2026-11-23")
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-11-23 12:00"), note="已联系。")
    handler, supervisor = logged_in("handler"), logged_in("supervisor")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        post_action(handler, case.number, "submit_plan", plan="上门更换压缩机", method="repair",
                    amount="200.00")  # fmt: skip
        post_action(supervisor, case.number, "reject_plan", note="请补充检测报告后再提交。")
        page = handler.get(f"/cases/{case.number}/").content.decode()
        assert "退回方案：请补充检测报告后再提交。" in page
        form = page[page.index('value="submit_plan"') :]
        assert "上门更换压缩机</textarea>" in form
        assert re.search(r'name="submit_plan-amount"[^>]*value="200(\.00)?"', form)
        assert re.search(r'<option value="repair" selected>', form)
        post_action(handler, case.number, "submit_plan", plan="上门更换压缩机", method="repair",
                    amount="200")  # fmt: skip
    second = CaseEvent.objects.filter(case=case, action=Action.SUBMIT_PLAN).order_by("-id")[0]
    assert "plan_amount" not in second.changes  # "200" is 200.00: nothing changed
    history = handler.get(f"/cases/{case.number}/").content.decode()
    assert "200.00 → 200" not in history
    assert "¥200.00" in history


def test_history_lines_are_in_words(org: Any, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    case = assigned(org, "2026-11-23")
    client = logged_in("handler")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        client.post(
            f"/cases/{case.number}/attachments/",
            {"file": SimpleUploadedFile("现场照片.png", PNG, content_type="image/png")},
        )
        act(case, org["supervisor"], Action.EXTEND_DEADLINE, at("2026-11-24 10:01"),
            extension_amount=5, note="需第三方鉴定。")  # fmt: skip
        page = client.get(f"/cases/{case.number}/").content.decode()
    history = page[page.index('id="history-title"') :]
    assert re.search(rf"附件：现场照片.png（{len(PNG)}\s字节）", history)
    assert "sha256" not in history
    assert "5个工作日" in history
    assert "working_days" not in history
    assert "计时单位" not in history


def test_the_assign_form_lists_handlers_with_their_department(org: Any) -> None:
    case = register(org["agent"], at("2026-11-24 09:00"))
    act(case, org["agent"], Action.ACCEPT, at("2026-11-24 09:05"))
    client = logged_in("supervisor")
    with time_machine.travel(at("2026-11-24 10:00"), tick=False):
        page = client.get(f"/cases/{case.number}/").content.decode()
        quality = re.search(r'<option value="quality" data-path="([^"]+)"', page)
        handler = re.search(r'<option value="handler" data-path="([^"]+)"', page)
        assert quality is not None
        assert handler is not None
        assert not handler.group(1).startswith(quality.group(1))  # JS hides him for 质量管理部
        assert "<optgroup" in page
        refused = post_action(client, case.number, "assign", department="quality",
                              handler="handler")  # fmt: skip
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "承办人须为责任部门的在岗人员" in body
    # The browser swaps the address to the case page, so a reload does not post again.
    assert f'data-canonical-url="/cases/{case.number}/"' in body

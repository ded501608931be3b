"""Deliberation 合议 end to end (R-14, seed 004 恒康天安 第七条): asked for and approved or
convened for a major case, participants told, each confirms their own opinion, the chair
decides; every step in the case history; the archive; the printed 投诉案件合议记录表."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import BytesIO, StringIO
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from kesu.cases.models import Case, CaseEvent
from kesu.cases.services.attachments import add_attachment
from kesu.core.errors import Conflict, Forbidden, NotFound, ServiceError
from kesu.decisions.models import Deliberation
from kesu.decisions.services import deliberation as service
from kesu.decisions.services.deliberation import Meeting
from kesu.domain.deliberation import Status
from kesu.domain.vocabulary import Severity
from kesu.notify.models import Notification
from kesu.org.access import authority_of
from kesu.org.services import system_user
from tests.cases.test_attachments import PNG
from tests.conftest import at
from tests.factories import assigned

MEETING = "2026-11-05 14:00"


def who(org: Any, username: str, now: datetime) -> Any:
    return authority_of(org[username], now=now)


def major_case(org: Any) -> Case:
    case = assigned(org, "2026-11-02", severity=Severity.MAJOR)
    add_attachment(
        case_id=case.pk,
        upload=SimpleUploadedFile("现场照片.png", PNG, content_type="image/png"),
        authority=who(org, "handler", at("2026-11-02 12:00")),
        now=at("2026-11-02 12:00"),
    )
    return case


def convened(org: Any, case: Case, **overrides: Any) -> Deliberation:
    now = at("2026-11-03 09:00")
    meeting = Meeting(
        meeting_at=at(MEETING),
        place="三楼会议室",
        participants=["manager", "handler", "quality"],
        evidence=[item.pk for item in case.attachments.all()],
        note="客户已向媒体反映",
    )
    return service.convene(
        case_id=case.pk,
        authority=who(org, overrides.get("chair", "supervisor"), now),
        meeting=meeting,
        now=now,
    )


def actions(case: Case) -> list[str]:
    return list(
        CaseEvent.objects.filter(case=case, action__startswith="deliberation").values_list(
            "action", flat=True
        )
    )


def test_a_major_case_is_deliberated_and_every_step_is_in_the_history(org: Any) -> None:
    for username in ("manager", "handler", "quality"):
        org[username].email = f"{username}@example.cn"
        org[username].save()
    case = major_case(org)
    deliberation = convened(org, case)
    assert deliberation.status == Status.CONVENED
    assert deliberation.chair == org["supervisor"]
    # 15 calendar days after the meeting's day (第八条(四)): 2026-11-20, end of day.
    assert deliberation.due_at == at("2026-11-20 23:59:59")
    seated = list(deliberation.seats.values_list("user__username", flat=True).order_by("pk"))
    assert seated == ["supervisor", "manager", "handler", "quality"]
    # Every participant but the chair is told, in the workspace and by e-mail.
    told = Notification.objects.filter(template="deliberation_convened")
    assert {n.recipient.username for n in told} == {"manager", "handler", "quality"}
    assert {n.channel for n in told} == {"in_app", "email"}
    body = told.filter(recipient__username="quality", channel="in_app").get().body
    assert "三楼会议室" in body
    assert "2026年11月5日 14:00" in body

    after = at("2026-11-05 16:00")
    service.record_minutes(
        deliberation_id=deliberation.pk,
        authority=who(org, "supervisor", after),
        minutes="讨论了赔付方案，厂家承担主要责任。",
        now=after,
    )
    for username, opinion in (
        ("supervisor", "同意退货并补偿。"),
        ("manager", "同意。"),
        ("handler", "建议厂家承担60%。"),
        ("quality", "产品存在质量缺陷。"),
    ):
        service.confirm_opinion(
            deliberation_id=deliberation.pk,
            authority=who(org, username, after),
            opinion=opinion,
            now=after,
        )
    service.record_decision(
        deliberation_id=deliberation.pk,
        authority=who(org, "supervisor", after),
        text="退货退款，厂家承担60%，我司承担40%。",
        final=True,
        now=after,
    )
    deliberation.refresh_from_db()
    assert deliberation.status == Status.DECIDED
    assert actions(case) == [
        "deliberation_convened",
        "deliberation_minutes",
        *["deliberation_opinion"] * 4,
        "deliberation_decided",
    ]
    convening = CaseEvent.objects.get(case=case, action="deliberation_convened")
    assert convening.data["place"] == "三楼会议室"
    assert convening.data["evidence"] == ["现场照片.png"]
    opinions = CaseEvent.objects.filter(case=case, action="deliberation_opinion")
    assert {e.actor.username for e in opinions} == {"supervisor", "manager", "handler", "quality"}


def test_nobody_confirms_for_another_and_a_signature_is_final(org: Any) -> None:
    deliberation = convened(org, major_case(org))
    before, after = at("2026-11-04 09:00"), at("2026-11-05 15:00")
    with pytest.raises(Conflict, match="会议开始后"):
        service.confirm_opinion(
            deliberation_id=deliberation.pk, authority=who(org, "handler", before),
            opinion="同意", now=before,
        )  # fmt: skip
    with pytest.raises(Conflict) as refused:  # the head sees the case but has no seat
        service.confirm_opinion(
            deliberation_id=deliberation.pk, authority=who(org, "head", after),
            opinion="同意", now=after,
        )  # fmt: skip
    assert refused.value.code == "not_participant"
    service.confirm_opinion(
        deliberation_id=deliberation.pk, authority=who(org, "handler", after), opinion="同意",
        now=after,
    )  # fmt: skip
    with pytest.raises(Conflict, match="不能更改"):
        service.confirm_opinion(
            deliberation_id=deliberation.pk, authority=who(org, "handler", after),
            opinion="不同意", now=after,
        )  # fmt: skip


def test_the_chair_decides_only_with_minutes_and_every_confirmation(org: Any) -> None:
    deliberation = convened(org, major_case(org))
    now = at("2026-11-05 16:00")
    decide = {"deliberation_id": deliberation.pk, "text": "倾向退货", "now": now}
    with pytest.raises(Forbidden):  # a participant, not the chair
        service.record_decision(authority=who(org, "manager", now), final=True, **decide)
    with pytest.raises(Conflict, match="会议内容"):
        service.record_decision(authority=who(org, "supervisor", now), final=True, **decide)
    service.record_minutes(
        deliberation_id=deliberation.pk, authority=who(org, "supervisor", now),
        minutes="意见不一。", now=now,
    )  # fmt: skip
    with pytest.raises(Conflict, match="全部与会人员"):
        service.record_decision(authority=who(org, "supervisor", now), final=False, **decide)


def test_a_preliminary_leaning_then_the_final_decision_late_is_reported_once(org: Any) -> None:
    deliberation = convened(org, major_case(org))
    now = at("2026-11-05 16:00")
    service.record_minutes(
        deliberation_id=deliberation.pk, authority=who(org, "supervisor", now),
        minutes="意见不一。", now=now,
    )  # fmt: skip
    for username in ("supervisor", "manager", "handler", "quality"):
        service.confirm_opinion(
            deliberation_id=deliberation.pk, authority=who(org, username, now), opinion="待定",
            now=now,
        )  # fmt: skip
    service.record_decision(
        deliberation_id=deliberation.pk, authority=who(org, "supervisor", now),
        text="倾向于退货，待厂家鉴定。", final=False, now=now,
    )  # fmt: skip
    system = authority_of(system_user(), now=now)
    assert service.report_late_deliberations(now=at("2026-11-20 23:00"), authority=system) == 0
    late = at("2026-11-21 08:00")
    with time_machine.travel(late, tick=False):
        out = StringIO()
        call_command("sweep_deliberations", stdout=out)
        assert out.getvalue().strip() == "reported 1 late deliberation(s)"
    assert service.report_late_deliberations(now=late) == 0  # once
    told = Notification.objects.filter(template="deliberation_overdue", channel="in_app")
    assert {n.recipient.username for n in told} == {"supervisor", "manager"}
    assert "deliberation_overdue" in actions(deliberation.case)
    service.record_decision(
        deliberation_id=deliberation.pk, authority=who(org, "supervisor", late),
        text="退货退款。", final=True, now=late,
    )  # fmt: skip
    deliberation.refresh_from_db()
    assert deliberation.status == Status.DECIDED
    assert deliberation.preliminary == "倾向于退货，待厂家鉴定。"


def test_a_request_is_approved_by_a_supervisor_never_by_its_author(org: Any) -> None:
    case = assigned(org, "2026-11-02")  # a general case: only on request
    now = at("2026-11-03 09:00")
    with pytest.raises(Conflict):  # not major: no convening without a request
        convened(org, case)
    asked = service.request_deliberation(
        case_id=case.pk, authority=who(org, "handler", now), reason="疑难案件", now=now
    )
    assert asked.status == Status.REQUESTED
    told = Notification.objects.filter(template="deliberation_requested", channel="in_app")
    assert {n.recipient.username for n in told} == {"supervisor", "manager", "gm"}
    with pytest.raises(Conflict, match="已有进行中的合议"):
        service.request_deliberation(
            case_id=case.pk, authority=who(org, "handler", now), reason="再次", now=now
        )
    meeting = Meeting(meeting_at=at(MEETING), place="会议室", participants=["handler"])
    with pytest.raises(Forbidden):  # a handler approves nothing
        service.convene(
            case_id=case.pk, authority=who(org, "handler", now), meeting=meeting, now=now,
            deliberation_id=asked.pk,
        )  # fmt: skip
    made = service.convene(
        case_id=case.pk, authority=who(org, "supervisor", now), meeting=meeting, now=now,
        deliberation_id=asked.pk,
    )  # fmt: skip
    assert made.pk == asked.pk
    assert made.status == Status.CONVENED
    assert made.answered_by == org["supervisor"]
    assert actions(case) == ["deliberation_requested", "deliberation_convened"]


def test_a_refused_request_tells_its_author_and_a_new_one_may_follow(org: Any) -> None:
    case = assigned(org, "2026-11-02")
    now = at("2026-11-03 09:00")
    asked = service.request_deliberation(
        case_id=case.pk, authority=who(org, "handler", now), reason="疑难案件", now=now
    )
    with pytest.raises(ServiceError, match="原因"):
        service.refuse_request(
            deliberation_id=asked.pk, authority=who(org, "supervisor", now), note=" ", now=now
        )
    service.refuse_request(
        deliberation_id=asked.pk, authority=who(org, "supervisor", now), note="按一般案件处理",
        now=now,
    )  # fmt: skip
    assert Notification.objects.filter(
        template="deliberation_refused", recipient=org["handler"]
    ).exists()
    again = service.request_deliberation(
        case_id=case.pk, authority=who(org, "handler", now), reason="客户升级投诉", now=now
    )
    assert again.status == Status.REQUESTED


def test_a_participant_of_another_department_sees_the_case_while_it_is_open(org: Any) -> None:
    case = major_case(org)
    client = Client()
    client.force_login(org["quality"])
    assert client.get(f"/cases/{case.number}/").status_code == 404
    deliberation = convened(org, case)
    assert client.get(f"/cases/{case.number}/").status_code == 200
    assert client.get(f"/deliberations/{deliberation.pk}/").status_code == 200
    outsider = Client()
    outsider.force_login(org["quality_head"])
    assert outsider.get(f"/deliberations/{deliberation.pk}/").status_code == 404
    with pytest.raises(NotFound):
        service.record_minutes(
            deliberation_id=deliberation.pk,
            authority=who(org, "quality_head", at("2026-11-05 15:00")),
            minutes="x",
            now=at("2026-11-05 15:00"),
        )


def test_bad_meetings_are_refused_with_their_field(org: Any) -> None:
    case = major_case(org)
    now = at("2026-11-03 09:00")
    supervisor = who(org, "supervisor", now)

    def convene(**fields: Any) -> None:
        meeting = Meeting(
            **({"meeting_at": at(MEETING), "place": "会议室", "participants": ["handler"]} | fields)
        )
        service.convene(case_id=case.pk, authority=supervisor, meeting=meeting, now=now)

    for fields, field in (
        ({"place": ""}, "place"),
        ({"place": "长" * 201}, "place"),
        ({"participants": []}, "participants"),
        ({"participants": ["nobody"]}, "participants"),
        ({"evidence": [999999]}, "evidence"),
    ):
        with pytest.raises(ServiceError) as refused:
            convene(**fields)
        assert refused.value.field == field, fields
    assert not Deliberation.objects.exists()  # nothing half-stored


def test_the_page_walks_a_deliberation_and_the_pdf_prints_it(org: Any) -> None:
    case = major_case(org)
    chair = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    chair.force_login(org["supervisor"])
    page = chair.get(f"/cases/{case.number}/")
    assert "召集合议（重大案件）" in page.content.decode()
    form = chair.get(f"/cases/{case.number}/deliberations/new/")
    assert form.status_code == 200
    attachment = case.attachments.get().pk
    posted = chair.post(
        f"/cases/{case.number}/deliberations/new/",
        {
            "meeting_at": "2026-11-05T14:00",
            "place": "三楼会议室",
            "participants": ["handler", "manager"],
            "evidence": [str(attachment)],
        },
    )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    deliberation = Deliberation.objects.get()
    with time_machine.travel(at("2026-11-05 15:00"), tick=False):
        assert (
            chair.post(
                f"/deliberations/{deliberation.pk}/act/",
                {"step": "minutes", "minutes-text": "讨论了退货方案。"},
            ).status_code
            == 302
        )
        for username, opinion in (("supervisor", "同意退货"), ("handler", "同意，厂家担责"),
                                  ("manager", "同意")):  # fmt: skip
            client = Client()
            client.force_login(org[username])
            answer = client.post(
                f"/deliberations/{deliberation.pk}/act/",
                {"step": "opinion", "opinion-text": opinion},
            )
            assert answer.status_code == 302
        refused = chair.post(
            f"/deliberations/{deliberation.pk}/act/",
            {"step": "opinion", "opinion-text": "再签一次"},
        )
        assert refused.status_code == 409
        assert (
            chair.post(
                f"/deliberations/{deliberation.pk}/act/",
                {"step": "decide", "decide-text": "退货退款，厂家承担60%。"},
            ).status_code
            == 302
        )
    pdf = chair.get(f"/deliberations/{deliberation.pk}/record.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    for expected in (
        "投诉案件合议记录表", case.number, "三楼会议室", "现场照片.png", "讨论了退货方案。",
        "王建国", "张伟", "赵敏", "同意，厂家担责", "已确认", "退货退款，厂家承担60%。",
    ):  # fmt: skip
        assert expected in text, expected


def test_the_archive_lists_filters_and_pages_in_bounded_queries(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    now = at("2026-11-03 09:00")
    for index in range(30):
        case = assigned(
            org, "2026-11-02", severity=Severity.MAJOR, complainant_phone=f"138000000{index:02d}"
        )
        service.convene(
            case_id=case.pk,
            authority=who(org, "supervisor", now),
            meeting=Meeting(
                meeting_at=at(MEETING) + timedelta(days=index % 3), place="会议室",
                participants=["handler", "manager"],
            ),
            now=now,
        )  # fmt: skip
    client = Client()
    client.force_login(org["manager"])
    client.get("/deliberations/")  # warm the session and caches
    with django_assert_max_num_queries(12):
        page = client.get("/deliberations/")
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count("/deliberations/") >= 25
    assert "0/3" in body
    with django_assert_max_num_queries(12):
        second = client.get("/deliberations/?page=2")
    assert second.status_code == 200
    late = client.get("/deliberations/?late=on", headers={"accept-language": "en"})
    assert late.status_code == 200
    with django_assert_max_num_queries(12):
        filtered = client.get(f"/deliberations/?status=decided&number={case.number}")
    assert (
        "No deliberations" in filtered.content.decode() or "没有合议" in filtered.content.decode()
    )
    outsider = Client()
    outsider.force_login(org["quality"])
    assert "0/3" not in outsider.get("/deliberations/").content.decode()

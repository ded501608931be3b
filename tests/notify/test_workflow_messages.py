"""What the workflow's messages say, delivered through a real SMTP server (aiosmtpd) and a
recording SMS gateway: the answer carries the answer (P3), a declined customer is told why and
what they can do (P6), and the staff hear of a plan to approve, a plan returned or approved and
a return visit to make (D3)."""

from __future__ import annotations

from decimal import Decimal
from email.message import EmailMessage
from typing import Any

import pytest

from kesu.cases.models import Case, DeclineReason
from kesu.cases.services.escalation import sweep
from kesu.domain.vocabulary import Action
from kesu.notify.models import Channel, Notification, Status
from kesu.notify.tasks import deliver
from tests.conftest import at
from tests.factories import act, assigned, register
from tests.notify.conftest import SmtpServer
from tests.notify.sms import RecordingSmsGateway

LONG_ANSWER = (
    "经核实，您家空调压缩机因质量问题损坏，我们同意为您免费更换压缩机，维修师傅将于12月5日上午"
    "上门更换。因维修不及时给您带来不便，我们另行补偿您200元，款项将在7个工作日内退回您的支付"
    "账户。同时我们已对负责该区域的服务网点进行通报批评，并要求其改进派单流程。"
    "如更换后仍有问题，请随时与我们联系，我们将优先安排处理。"
)


@pytest.fixture
def sms(settings: Any) -> list[tuple[str, str]]:
    settings.KESU_SMS_GATEWAY = "tests.notify.sms.RecordingSmsGateway"
    RecordingSmsGateway.sent.clear()
    return RecordingSmsGateway.sent


def deliver_all() -> None:
    """What the worker does: send every pending e-mail and SMS."""
    pending = Notification.objects.filter(status=Status.PENDING).order_by("pk")
    for pk in pending.values_list("pk", flat=True):
        assert deliver.call(pk) == "sent"


def mail_to(smtp: SmtpServer, address: str) -> list[EmailMessage]:
    return [m for m in smtp.messages if m["To"] == address]


def text_of(message: EmailMessage) -> str:
    return str(message.get_content()).replace("\r\n", "\n")


def approved(org: Any, **fields: Any) -> Case:
    case = assigned(org, "2026-11-02", **fields)
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-11-02 14:00"), note="已联系客户")
    act(case, org["handler"], Action.SUBMIT_PLAN, at("2026-11-03 10:00"),
        plan="免费更换压缩机并补偿200元", method="compensation", amount=Decimal("200"))  # fmt: skip
    return act(case, org["supervisor"], Action.APPROVE_PLAN, at("2026-11-03 11:00"))


def test_the_answer_email_carries_the_answer_and_the_sms_its_beginning(
    org: Any, smtp: SmtpServer, sms: list[tuple[str, str]]
) -> None:
    case = approved(org, complainant_email="wangli@example.cn")
    act(case, org["handler"], Action.ANSWER, at("2026-11-03 15:00"), answer=LONG_ANSWER)
    deliver_all()

    [_acknowledgement, mail] = mail_to(smtp, "wangli@example.cn")
    assert mail["Subject"] == f"对您投诉的答复（编号 {case.number}）"
    assert LONG_ANSWER in text_of(mail)  # the whole answer, in writing
    [(phone, text)] = [(phone, text) for phone, text in sms if "答复：" in text]
    assert phone == "13812345678"
    assert text.startswith(f"【客诉中心】您好王丽，对您的投诉（编号{case.number}），我们的答复：")
    assert "我们的答复：经核实，您家空调压缩机" in text
    # Cut after a whole sentence, and the customer is told where the rest is.
    assert "免费更换压缩机" in text
    assert "通报批评" not in text
    assert "。…（完整答复已发送至您的邮箱）" in text
    assert len(text) < 200


def test_without_e_mail_the_sms_says_how_to_get_the_rest_and_a_short_answer_goes_whole(
    org: Any, smtp: SmtpServer, sms: list[tuple[str, str]], settings: Any
) -> None:
    settings.KESU_HOTLINE = "400-800-1234"
    long_case = approved(org)
    act(long_case, org["handler"], Action.ANSWER, at("2026-11-03 15:00"), answer=LONG_ANSWER)
    short_case = approved(org, complainant_phone="13900001111")
    act(short_case, org["handler"], Action.ANSWER, at("2026-11-03 16:00"),
        answer="已为您免费更换压缩机。")  # fmt: skip
    deliver_all()

    texts = {phone: text for phone, text in sms if "答复：" in text}
    assert "（完整答复请致电400-800-1234查询）如有异议请致电400-800-1234。" in texts["13812345678"]
    assert texts["13900001111"] == (
        f"【客诉中心】您好王丽，对您的投诉（编号{short_case.number}），我们的答复：已为您免费更换"
        "压缩机。如有异议请致电400-800-1234。"
    )
    assert smtp.messages == []  # no address, no e-mail
    assert len(texts) == 2


def test_a_declined_customer_is_told_why_and_what_they_can_do(
    org: Any, smtp: SmtpServer, sms: list[tuple[str, str]], settings: Any
) -> None:
    settings.KESU_HOTLINE = "400-800-1234"
    case = register(org["agent"], at("2026-11-02 09:00"), complainant_email="wangli@example.cn")
    act(case, org["agent"], Action.DECLINE, at("2026-11-02 10:00"), reason_code="too_old",
        note="客户称2023年购买")  # fmt: skip
    deliver_all()

    [mail] = mail_to(smtp, "wangli@example.cn")
    body = text_of(mail)
    assert mail["Subject"] == f"关于您的投诉（编号 {case.number}）"
    assert "未能受理" in body
    assert "您反映的事项发生至今已超过二年，超出了受理期限。" in body  # in plain words
    assert "如您对此有异议，请致电 400-800-1234" in body  # what the customer can do
    assert "有关主管部门" in body
    assert "客户称2023年购买" not in body  # the staff's note stays internal
    [(_phone, text)] = sms
    assert "原因：您反映的事项发生至今已超过二年" in text
    assert "如有异议，请致电400-800-1234" in text


def test_a_reason_without_customer_text_sends_its_name(
    org: Any, smtp: SmtpServer, sms: list[tuple[str, str]]
) -> None:
    DeclineReason.objects.create(code="spam", name_zh="与本公司业务无关的推销来电")
    case = register(org["agent"], at("2026-11-02 09:00"))
    act(case, org["agent"], Action.DECLINE, at("2026-11-02 10:00"), reason_code="spam")
    deliver_all()
    [(_phone, text)] = sms
    assert "原因：与本公司业务无关的推销来电。如有异议" in text


def test_the_plan_goes_to_the_approvers_and_its_fate_to_the_handler(
    org: Any, smtp: SmtpServer, sms: list[tuple[str, str]]
) -> None:
    for name in ("handler", "supervisor", "manager", "agent", "head"):
        org[name].email = f"{name}@huilian.example.cn"
        org[name].save()
    case = assigned(org, "2026-11-02")
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-11-02 14:00"), note="已联系客户")
    deliver_all()
    smtp.mailbox.envelopes.clear()  # the assignment and the acknowledgement
    act(case, org["handler"], Action.SUBMIT_PLAN, at("2026-11-03 10:00"),
        plan="免费更换压缩机", amount=Decimal("200"))  # fmt: skip
    deliver_all()
    # Submitted: those who may approve (not the author), in the workspace and by e-mail.
    asked = Notification.objects.filter(template="plan_submitted", channel=Channel.IN_APP)
    assert {n.recipient.username for n in asked} == {"supervisor", "manager"}
    [mail] = mail_to(smtp, "supervisor@huilian.example.cn")
    assert mail["Subject"] == f"待审批方案：案件 {case.number}"
    assert "张伟 提交了案件" in text_of(mail)
    assert "方案：免费更换压缩机" in text_of(mail)
    assert "金额：¥200.00" in text_of(mail)
    assert mail_to(smtp, "handler@huilian.example.cn") == []

    act(case, org["supervisor"], Action.REJECT_PLAN, at("2026-11-03 11:00"),
        note="补偿金额请先与客户确认")  # fmt: skip
    deliver_all()
    [returned] = mail_to(smtp, "handler@huilian.example.cn")
    assert returned["Subject"] == f"方案被退回：案件 {case.number}"
    assert "被 王建国 退回" in text_of(returned)
    assert "退回原因：补偿金额请先与客户确认" in text_of(returned)

    act(case, org["handler"], Action.SUBMIT_PLAN, at("2026-11-03 14:00"),
        plan="免费更换压缩机，补偿已与客户确认", amount=Decimal("200"))  # fmt: skip
    act(case, org["manager"], Action.APPROVE_PLAN, at("2026-11-03 15:00"))
    deliver_all()
    approval = mail_to(smtp, "handler@huilian.example.cn")[-1]
    assert approval["Subject"] == f"方案已批准：案件 {case.number}"
    assert "已由 赵敏 批准，请按方案处理并答复客户" in text_of(approval)

    act(case, org["handler"], Action.ANSWER, at("2026-11-03 16:00"), answer="同意免费更换压缩机。")
    deliver_all()
    # Answered: the receiver makes the return visit 回访, and is asked to, with the answer.
    [visit] = mail_to(smtp, "agent@huilian.example.cn")
    assert visit["Subject"] == f"请回访：案件 {case.number}"
    assert "已由 张伟 答复客户，请回访客户" in text_of(visit)
    assert "回访时限为 2026年11月6日 23:59" in text_of(visit)
    assert "答复：同意免费更换压缩机。" in text_of(visit)
    # Nobody is told of what they did themselves, and the head is not bothered with plans.
    assert not Notification.objects.filter(recipient=org["manager"], template="plan_approved")
    assert mail_to(smtp, "head@huilian.example.cn") == []


def test_the_assignment_names_the_first_contact_deadline(org: Any) -> None:
    case = register(org["agent"], at("2026-11-23 09:00"))
    act(case, org["agent"], Action.ACCEPT, at("2026-11-23 10:00"))
    act(case, org["supervisor"], Action.ASSIGN, at("2026-11-23 11:00"), department="after-sales",
        handler="handler", note="客户情绪激动，请尽快联系")  # fmt: skip
    [notice] = Notification.objects.filter(template="case_assigned", channel=Channel.IN_APP)
    assert notice.recipient == org["handler"]
    # Accepted Monday 23 Nov: first contact within 7 working days, resolution within 15.
    assert notice.body == (
        f"案件 {case.number} 已分派给您，请于 2026年12月2日 23:59 前完成「首次联系」，"
        "办结时限为 2026年12月14日 23:59。\n说明：客户情绪激动，请尽快联系"
    )


def test_the_escalation_of_the_acceptance_clock_says_not_yet_accepted(org: Any) -> None:
    case = register(org["agent"], at("2026-11-02 09:00"))  # nobody accepts it
    for day in ("2026-11-04", "2026-11-05", "2026-11-06", "2026-11-09", "2026-11-10"):
        sweep(now=at(f"{day} 12:00"))
    escalations = Notification.objects.filter(
        case=case, template="deadline_escalation", channel=Channel.IN_APP
    )
    assert escalations.exists()
    for notice in escalations:
        assert "「受理」时限" in notice.body
        assert "仍未受理，现提请您督办" in notice.body
        assert "办结" not in notice.body

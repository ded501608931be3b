"""The default message templates, in Chinese and English. `load_default_templates` adds the
missing ones, updates those still reading like an earlier default (`PREVIOUS_DEFAULTS`) and never
overwrites a template an administrator has edited (the data migrations and `load_presets` call
it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ZH, EN = "zh-hans", "en"
IN_APP, EMAIL, SMS = "in_app", "email", "sms"

ZH_DAY = "{{ due|date:'Y年n月j日' }}"
ZH_TIME = "{{ due|date:'Y年n月j日 H:i' }}"
EN_DAY = "{{ due|date:'j F Y' }}"
EN_TIME = "{{ due|date:'j F Y, H:i' }}"


@dataclass(frozen=True)
class Preset:
    code: str
    language: str
    channel: str
    subject: str
    body: str


def _customer(code: str, language: str, *, sms: str, subject: str, email: str) -> list[Preset]:
    return [
        Preset(code, language, SMS, "", sms),
        Preset(code, language, EMAIL, subject, email),
    ]


def _staff(code: str, language: str, *, subject: str, text: str) -> list[Preset]:
    """Staff messages: the same words in the workspace and by e-mail (the e-mail adds a
    greeting and the link)."""
    if language == ZH:
        email = (
            "{{ staff_name }}，您好：\n\n"
            + text
            + "\n{% if case_url %}\n查看案件：{{ case_url }}\n"
            "{% endif %}\n——客诉中心（系统邮件，请勿直接回复）"
        )
    else:
        email = (
            "Dear {{ staff_name }},\n\n" + text + "\n{% if case_url %}\nOpen the case: "
            "{{ case_url }}\n{% endif %}\n— Complaints Centre (automatic message, do not reply)"
        )
    return [
        Preset(code, language, IN_APP, subject, text),
        Preset(code, language, EMAIL, subject, email),
    ]


ZH_SIGNATURE = "\n\n客诉中心"
EN_SIGNATURE = "\n\nComplaints Centre"
ZH_HOTLINE = "{% if hotline %}如有疑问，请致电 {{ hotline }} 并告知投诉编号。\n{% endif %}"
EN_HOTLINE = (
    "{% if hotline %}Questions? Call {{ hotline }} and give your complaint number.\n{% endif %}"
)
ZH_LINK = "{% if case_url %}查看处理进度：{{ case_url }}\n{% endif %}"
EN_LINK = "{% if case_url %}Follow your complaint: {{ case_url }}\n{% endif %}"

#: Notes longer than this (an extension's reason, a progress report) are cut in an SMS, which
#: then names where to read them in full (the portal, else the e-mail or the hotline).
SMS_NOTE_CHARS = 40
ZH_MORE = "{% if case_url %}详见{{ case_url }}{% elif hotline %}详询{{ hotline }}{% endif %}"
EN_MORE = (
    "{% if case_url %} More: {{ case_url }}{% elif hotline %} More: call {{ hotline }}.{% endif %}"
)
ANSWERED_SMS_ZH = (
    "【客诉中心】您好{{ name }}，对您的投诉（编号{{ number }}），我们的答复："
    "{{ answer_sms }}{% if answer_cut %}{% if case_url %}（完整答复请见{{ case_url }}）"
    "{% elif has_email %}（完整答复已发送至您的邮箱）"
    "{% elif hotline %}（完整答复请致电{{ hotline }}查询）"
    "{% else %}（完整答复请与我们联系查询）{% endif %}{% endif %}"
    "{% if hotline %}如有异议请致电{{ hotline }}。{% endif %}"
)
ANSWERED_SMS_EN = (
    "[Complaints Centre] Dear {{ name }}, our answer to your complaint {{ number }}: "
    "{{ answer_sms }}{% if answer_cut %}{% if case_url %} (The full answer: {{ case_url }}){% elif "
    "has_email %} (The full answer has been sent to your e-mail.){% elif hotline %} (For the "
    "full answer, call {{ hotline }}.){% else %} (Contact us for the full answer.){% endif %}"
    "{% endif %}{% if hotline %} If you disagree, call {{ hotline }}.{% endif %}"
)
EXTENDED_SMS_ZH = (
    "【客诉中心】您好{{ name }}，您的投诉（编号{{ number }}）处理时限延长至" + ZH_DAY + "，原因："
    "{{ note|truncatechars:40 }}{% if note|length > 40 %}" + ZH_MORE + "{% endif %}"
)
EXTENDED_SMS_EN = (
    "[Complaints Centre] Dear {{ name }}, the time to handle your complaint {{ number }} is "
    "extended to "
    + EN_DAY
    + ". Reason: {{ note|truncatechars:80 }}{% if note|length > 80 %}"
    + EN_MORE
    + "{% endif %}"
)
PROGRESS_SMS_ZH = (
    "【客诉中心】您好{{ name }}，您的投诉（编号{{ number }}）有新进展：{{ note|truncatechars:40 }}"
    "{% if note|length > 40 %}" + ZH_MORE + "{% endif %}"
)
PROGRESS_SMS_EN = (
    "[Complaints Centre] Dear {{ name }}, news on your complaint {{ number }}: "
    "{{ note|truncatechars:80 }}{% if note|length > 80 %}" + EN_MORE + "{% endif %}"
)
#: How many SMS segments each customer message may take at most in Chinese (70 characters each,
#: 67 when concatenated); English one more (a Chinese name makes it UCS-2 too, and English
#: takes more characters). `tests/notify/test_customer_notices.py` renders every default on
#: realistic cases against `sms_budget`.
SMS_BUDGETS: dict[str, int] = {
    "case_acknowledged": 2,
    "case_acknowledged_contact": 2,
    "deadline_extended": 3,
    "case_progress": 3,
    "case_answered": 4,
    "case_declined": 3,
    "return_visit_invitation": 3,
    "case_reopened": 2,
}


def sms_budget(code: str, language: str) -> int | None:
    """The most SMS segments the customer message `code` should take in `language`."""
    budget = SMS_BUDGETS.get(code)
    if budget is None:
        return None
    return budget if language == ZH else budget + 1


DEFAULT_TEMPLATES: tuple[Preset, ...] = (
    # --- to the customer (SMS and e-mail) ---------------------------------------------------
    *_customer(
        "case_acknowledged",
        ZH,
        sms="【客诉中心】您好{{ name }}，您的投诉已受理，编号{{ number }}，我们将于"
        + ZH_DAY
        + "前给您答复。{% if hotline %}咨询电话{{ hotline }}。{% endif %}",
        subject="您的投诉已受理（编号 {{ number }}）",
        email="{{ name }}，您好：\n\n您的投诉已受理，编号 {{ number }}。我们将于 "
        + ZH_DAY
        + " 前给您答复。\n\n"
        + ZH_LINK
        + ZH_HOTLINE
        + ZH_SIGNATURE,
    ),
    *_customer(
        "case_acknowledged",
        EN,
        sms="[Complaints Centre] Dear {{ name }}, your complaint has been accepted under number "
        "{{ number }}. We will answer by " + EN_DAY + ".{% if hotline %} Hotline: {{ hotline }}."
        "{% endif %}",
        subject="Your complaint has been accepted (no. {{ number }})",
        email="Dear {{ name }},\n\nYour complaint has been accepted under number {{ number }}. "
        "We will answer by " + EN_DAY + ".\n\n" + EN_LINK + EN_HOTLINE + EN_SIGNATURE,
    ),
    # Seed 004 恒康天安 第五条(一)「受理客户的投诉后，应告知客户7个工作日内给予联系和处理」:
    # sent instead of case_acknowledged where the policy promises first contact (W6).
    *_customer(
        "case_acknowledged_contact",
        ZH,
        sms="【客诉中心】您好{{ name }}，您的投诉已受理，编号{{ number }}，我们将于"
        + ZH_DAY
        + "前与您联系并处理。{% if hotline %}咨询电话{{ hotline }}。{% endif %}",
        subject="您的投诉已受理（编号 {{ number }}）",
        email="{{ name }}，您好：\n\n您的投诉已受理，编号 {{ number }}。我们将于 "
        + ZH_DAY
        + " 前与您联系并处理。\n\n"
        + ZH_LINK
        + ZH_HOTLINE
        + ZH_SIGNATURE,
    ),
    *_customer(
        "case_acknowledged_contact",
        EN,
        sms="[Complaints Centre] Dear {{ name }}, your complaint has been accepted under number "
        "{{ number }}. We will contact you and handle it by " + EN_DAY + ".{% if hotline %} "
        "Hotline: {{ hotline }}.{% endif %}",
        subject="Your complaint has been accepted (no. {{ number }})",
        email="Dear {{ name }},\n\nYour complaint has been accepted under number {{ number }}. "
        "We will contact you and handle it by "
        + EN_DAY
        + ".\n\n"
        + EN_LINK
        + EN_HOTLINE
        + EN_SIGNATURE,
    ),
    # Receipt of a complaint sent by e-mail (kesu.mail), by e-mail only: the number in the
    # subject lets the customer's reply thread into the case.
    Preset(
        "mail_received",
        ZH,
        EMAIL,
        "我们已收到您的来信 [投诉编号 {{ number }}]",
        "{{ name }}，您好：\n\n您的来信{% if subject %}《{{ subject }}》{% endif %}已收到并登记，"
        "投诉编号 {{ number }}。我们将尽快处理并与您联系。"
        "回复本邮件即可补充信息，请保留邮件主题中的编号。"
        "\n\n" + ZH_LINK + ZH_HOTLINE + ZH_SIGNATURE,
    ),
    Preset(
        "mail_received",
        EN,
        EMAIL,
        "We have received your e-mail [complaint no. {{ number }}]",
        "Dear {{ name }},\n\nYour e-mail{% if subject %} \"{{ subject }}\"{% endif %} has been "
        "received and registered under complaint number {{ number }}. We will handle it and be "
        "in touch. Reply to this e-mail to add information, keeping the number in the subject."
        "\n\n" + EN_LINK + EN_HOTLINE + EN_SIGNATURE,
    ),
    # CBIRC 2020 Order 3: an extended time limit is told to the customer, with the reason.
    *_customer(
        "deadline_extended",
        ZH,
        sms=EXTENDED_SMS_ZH,
        subject="您的投诉处理时限已延长（编号 {{ number }}）",
        email="{{ name }}，您好：\n\n您的投诉（编号 {{ number }}）处理时限延长至 "
        + ZH_DAY
        + "。\n原因：{{ note }}\n\n"
        + ZH_LINK
        + ZH_HOTLINE
        + ZH_SIGNATURE,
    ),
    *_customer(
        "deadline_extended",
        EN,
        sms=EXTENDED_SMS_EN,
        subject="More time to handle your complaint (no. {{ number }})",
        email="Dear {{ name }},\n\nThe time to handle your complaint {{ number }} is extended "
        "to " + EN_DAY + ".\nReason: {{ note }}\n\n" + EN_LINK + EN_HOTLINE + EN_SIGNATURE,
    ),
    *_customer(
        "case_progress",
        ZH,
        sms=PROGRESS_SMS_ZH,
        subject="您的投诉有新进展（编号 {{ number }}）",
        email="{{ name }}，您好：\n\n您的投诉（编号 {{ number }}）有新进展：\n\n{{ note }}\n\n"
        + ZH_LINK
        + ZH_HOTLINE
        + ZH_SIGNATURE,
    ),
    *_customer(
        "case_progress",
        EN,
        sms=PROGRESS_SMS_EN,
        subject="News on your complaint (no. {{ number }})",
        email="Dear {{ name }},\n\nThere is news on your complaint {{ number }}:\n\n{{ note }}\n\n"
        + EN_LINK
        + EN_HOTLINE
        + EN_SIGNATURE,
    ),
    # The answer itself: in full by e-mail; by SMS its beginning (`answer_sms`, cut after a
    # whole sentence, see `kesu.domain.excerpt`) and, when cut, where the rest is.
    *_customer(
        "case_answered",
        ZH,
        sms=ANSWERED_SMS_ZH,
        subject="对您投诉的答复（编号 {{ number }}）",
        email="{{ name }}，您好：\n\n对您的投诉（编号 {{ number }}），我们的答复如下：\n\n"
        "{{ answer }}\n\n如您对处理结果有异议，请在收到本答复后与我们联系。\n"
        + ZH_LINK
        + ZH_HOTLINE
        + ZH_SIGNATURE,
    ),
    *_customer(
        "case_answered",
        EN,
        sms=ANSWERED_SMS_EN,
        subject="Our answer to your complaint (no. {{ number }})",
        email="Dear {{ name }},\n\nThis is our answer to your complaint {{ number }}:\n\n"
        "{{ answer }}\n\nIf you disagree with the outcome, please contact us.\n"
        + EN_LINK
        + EN_HOTLINE
        + EN_SIGNATURE,
    ),
    # Not accepted 不予受理: the reason in the customer's words (the decline reason's customer
    # text) and what the customer can do about it.
    *_customer(
        "case_declined",
        ZH,
        sms="【客诉中心】您好{{ name }}，很抱歉，您的投诉（编号{{ number }}）未能受理。原因："
        "{{ reason|truncatechars:50 }}{% if reason|length > 50 %}" + ZH_MORE + "。{% endif %}"
        "如有异议，{% if hotline %}请致电{{ hotline }}；{% else %}请与我们联系；"
        "{% endif %}您也可以依法向有关主管部门反映。",
        subject="关于您的投诉（编号 {{ number }}）",
        email="{{ name }}，您好：\n\n感谢您的反映。很抱歉，您的投诉（编号 {{ number }}）未能受理，"
        "原因如下：\n\n{{ reason }}\n\n如您对此有异议，{% if hotline %}请致电 {{ hotline }} "
        "并告知投诉编号，{% else %}请与我们联系，{% endif %}我们会认真听取您的意见。您也可以依法"
        "向有关主管部门反映。" + ZH_SIGNATURE,
    ),
    *_customer(
        "case_declined",
        EN,
        sms="[Complaints Centre] Dear {{ name }}, we are sorry: your complaint {{ number }} cannot "
        "be taken up. Reason: {{ reason|truncatechars:80 }}{% if reason|length > 80 %}"
        + EN_MORE
        + "{% endif %} If you disagree, {% if hotline %}call {{ hotline }}"
        "{% else %}please contact us{% endif %}; you may also turn to the competent authority.",
        subject="About your complaint (no. {{ number }})",
        email="Dear {{ name }},\n\nThank you for contacting us. We are sorry that your complaint "
        "{{ number }} cannot be taken up, for this reason:\n\n{{ reason }}\n\nIf you disagree, "
        "{% if hotline %}please call {{ hotline }} and give your complaint number{% else %}"
        "please contact us{% endif %}; we will listen carefully. You may also turn to the "
        "competent authority." + EN_SIGNATURE,
    ),
    *_customer(
        "return_visit_invitation",
        ZH,
        sms="【客诉中心】您好{{ name }}，您的投诉（编号{{ number }}）已处理完毕，诚邀您评价"
        "处理结果和过程{% if case_url %}：{{ case_url }}{% else %}，我们将致电回访{% endif %}。"
        "感谢您的支持！",
        subject="请评价我们对您投诉的处理（编号 {{ number }}）",
        email="{{ name }}，您好：\n\n您的投诉（编号 {{ number }}）已处理完毕。请花一分钟告诉我们"
        "您对处理结果和处理过程是否满意，以及您的意见和建议。\n\n"
        "{% if case_url %}参加评价：{{ case_url }}\n{% endif %}" + ZH_HOTLINE + ZH_SIGNATURE,
    ),
    *_customer(
        "return_visit_invitation",
        EN,
        sms="[Complaints Centre] Dear {{ name }}, your complaint {{ number }} has been handled. "
        "Please rate the outcome and how we handled it{% if case_url %}: {{ case_url }}"
        "{% else %}; we will call you{% endif %}. Thank you!",
        subject="How did we handle your complaint? (no. {{ number }})",
        email="Dear {{ name }},\n\nYour complaint {{ number }} has been handled. Please take a "
        "minute to tell us whether you are satisfied with the outcome and with how we handled "
        "it, and what we could do better.\n\n{% if case_url %}Rate us: {{ case_url }}\n"
        "{% endif %}" + EN_HOTLINE + EN_SIGNATURE,
    ),
    # Back to the department (not satisfied at the return visit, or reopened in the window).
    *_customer(
        "case_reopened",
        ZH,
        sms="【客诉中心】您好{{ name }}，您的投诉（编号{{ number }}）已重新处理"
        "{% if due %}，我们将于" + ZH_DAY + "前再次答复您{% endif %}。"
        "{% if case_url %}进度查询{{ case_url }}{% elif hotline %}咨询电话{{ hotline }}{% endif %}",
        subject="您的投诉已重新处理（编号 {{ number }}）",
        email="{{ name }}，您好：\n\n感谢您的反馈。您的投诉（编号 {{ number }}）"
        "已重新交由相关部门处理"
        "{% if due %}，我们将于 "
        + ZH_DAY
        + " 前再次答复您{% endif %}。\n\n"
        + ZH_LINK
        + ZH_HOTLINE
        + ZH_SIGNATURE,
    ),
    *_customer(
        "case_reopened",
        EN,
        sms="[Complaints Centre] Dear {{ name }}, your complaint {{ number }} is being handled "
        "again{% if due %}; we will answer by " + EN_DAY + "{% endif %}.{% if case_url %} "
        "Follow it: {{ case_url }}{% elif hotline %} Hotline: {{ hotline }}.{% endif %}",
        subject="Your complaint is being handled again (no. {{ number }})",
        email="Dear {{ name }},\n\nThank you for telling us. Your complaint {{ number }} is being "
        "handled again{% if due %}; we will answer by "
        + EN_DAY
        + "{% endif %}.\n\n"
        + EN_LINK
        + EN_HOTLINE
        + EN_SIGNATURE,
    ),
    # --- to staff (in-app and e-mail) --------------------------------------------------------
    # `due` and `clock`: the earliest deadline the assignee must meet (first contact, as a
    # rule); `resolution_due` when that is another clock's.
    *_staff(
        "case_assigned",
        ZH,
        subject="案件 {{ number }} 已分派给您",
        text="案件 {{ number }} 已分派给您{% if due %}，请于 " + ZH_TIME + " 前完成「{{ clock }}」"
        "{% endif %}{% if resolution_due %}，办结时限为 {{ resolution_due|date:'Y年n月j日 H:i' }}"
        "{% endif %}。{% if note %}\n说明：{{ note }}{% endif %}",
    ),
    *_staff(
        "case_assigned",
        EN,
        subject="Case {{ number }} is assigned to you",
        text="Case {{ number }} is assigned to you{% if due %}; {{ clock }} is due by "
        + EN_TIME
        + "{% endif %}{% if resolution_due %}, resolution by "
        "{{ resolution_due|date:'j F Y, H:i' }}{% endif %}.{% if note %}\nNote: {{ note }}"
        "{% endif %}",
    ),
    *_staff(
        "deadline_warning",
        ZH,
        subject="时限提醒：案件 {{ number }}",
        text="案件 {{ number }} 的「{{ clock }}」时限将于 " + ZH_TIME + " 到期，请及时办理。",
    ),
    *_staff(
        "deadline_warning",
        EN,
        subject="Deadline coming: case {{ number }}",
        text="The {{ clock }} deadline of case {{ number }} falls on " + EN_TIME + ".",
    ),
    *_staff(
        "deadline_overdue",
        ZH,
        subject="已超期：案件 {{ number }}",
        text="案件 {{ number }} 的「{{ clock }}」时限已于 " + ZH_TIME + " 到期，现已超期，"
        "请尽快办理。",
    ),
    *_staff(
        "deadline_overdue",
        EN,
        subject="Overdue: case {{ number }}",
        text="The {{ clock }} deadline of case {{ number }} passed on " + EN_TIME + ". Please "
        "handle it at once.",
    ),
    # 督办 says what is still outstanding on the clock that ran out (`clock_code`).
    *_staff(
        "deadline_escalation",
        ZH,
        subject="督办（第 {{ level }} 级）：案件 {{ number }}",
        text="案件 {{ number }} 的「{{ clock }}」时限已于 " + ZH_TIME + " 到期，"
        "{% if clock_code == 'acceptance' %}仍未受理{% elif clock_code == 'first_contact' %}"
        "仍未首次联系客户{% elif clock_code == 'investigation' %}仍未完成调查"
        "{% elif clock_code == 'return_visit' %}仍未回访{% else %}仍未办结{% endif %}，"
        "现提请您督办（第 {{ level }} 级）。",
    ),
    *_staff(
        "deadline_escalation",
        EN,
        subject="Escalated (level {{ level }}): case {{ number }}",
        text="The {{ clock }} deadline of case {{ number }} passed on " + EN_TIME + " and "
        "{% if clock_code == 'acceptance' %}the case is still not accepted"
        "{% elif clock_code == 'first_contact' %}the customer has still not been contacted"
        "{% elif clock_code == 'investigation' %}the investigation is still not done"
        "{% elif clock_code == 'return_visit' %}the return visit is still not made"
        "{% else %}the case is still open{% endif %}. It is escalated to you (level {{ level }}).",
    ),
    *_staff(
        "case_hastened",
        ZH,
        subject="客户催办：案件 {{ number }}",
        text="客户就案件 {{ number }} 催办{% if note %}：{{ note }}{% else %}。{% endif %}"
        "{% if due %}\n当前时限：" + ZH_TIME + "。{% endif %}",
    ),
    *_staff(
        "case_hastened",
        EN,
        subject="Customer chasing: case {{ number }}",
        text="The customer is chasing case {{ number }}{% if note %}: {{ note }}{% else %}."
        "{% endif %}{% if due %}\nCurrent deadline: " + EN_TIME + ".{% endif %}",
    ),
    # Five or more complainants on one issue (kesu.intake.services.grouping): a group
    # complaint 群诉, major, for the supervisors and managers at once (seed 004 重大投诉 逐级上报).
    *_staff(
        "group_complaint_formed",
        ZH,
        subject="群诉：{{ count }}位客户投诉同一问题（{{ subject }}）",
        text="{{ count }}位客户在近期就同一问题（{{ subject }}）投诉，已按群诉升级为重大投诉："
        "{{ numbers }}。请按重大投诉程序处理。",
    ),
    *_staff(
        "group_complaint_formed",
        EN,
        subject="Group complaint: {{ count }} customers on one issue ({{ subject }})",
        text="{{ count }} customers have complained about the same issue ({{ subject }}); the "
        "cases are raised to major as a group complaint: {{ numbers }}. Please handle them as "
        "major complaints.",
    ),
    # The customer added information or evidence on the portal (`note`: their words, or how
    # many files they sent).
    *_staff(
        "customer_added_information",
        ZH,
        subject="客户补充了信息：案件 {{ number }}",
        text="客户在客户门户为案件 {{ number }} 补充了信息：{{ note }}"
        "{% if due %}\n当前时限：" + ZH_TIME + "。{% endif %}",
    ),
    *_staff(
        "customer_added_information",
        EN,
        subject="Customer added information: case {{ number }}",
        text="The customer added information to case {{ number }} on the portal: {{ note }}"
        "{% if due %}\nCurrent deadline: " + EN_TIME + ".{% endif %}",
    ),
    # The customer wrote about their case by e-mail (kesu.mail; `note`: the text or subject).
    *_staff(
        "customer_wrote_email",
        ZH,
        subject="客户来信：案件 {{ number }}",
        text="客户就案件 {{ number }} 发来邮件：{{ note }}"
        "{% if due %}\n当前时限：" + ZH_TIME + "。{% endif %}",
    ),
    *_staff(
        "customer_wrote_email",
        EN,
        subject="The customer wrote: case {{ number }}",
        text="The customer wrote about case {{ number }} by e-mail: {{ note }}"
        "{% if due %}\nCurrent deadline: " + EN_TIME + ".{% endif %}",
    ),
    # The plan's way through approval (`actor`: who did it).
    *_staff(
        "plan_submitted",
        ZH,
        subject="待审批方案：案件 {{ number }}",
        text="{{ actor }} 提交了案件 {{ number }} 的处理方案，请审批。\n方案：{{ plan }}"
        "{% if amount %}\n金额：{{ amount }}{% endif %}",
    ),
    *_staff(
        "plan_submitted",
        EN,
        subject="Plan to approve: case {{ number }}",
        text="{{ actor }} submitted a handling plan for case {{ number }}; please approve or "
        "return it.\nPlan: {{ plan }}{% if amount %}\nAmount: {{ amount }}{% endif %}",
    ),
    *_staff(
        "plan_returned",
        ZH,
        subject="方案被退回：案件 {{ number }}",
        text="案件 {{ number }} 的处理方案被 {{ actor }} 退回，请修改后重新提交。\n"
        "退回原因：{{ note }}",
    ),
    *_staff(
        "plan_returned",
        EN,
        subject="Plan returned: case {{ number }}",
        text="{{ actor }} returned the handling plan of case {{ number }}; please revise it and "
        "submit it again.\nReason: {{ note }}",
    ),
    *_staff(
        "plan_approved",
        ZH,
        subject="方案已批准：案件 {{ number }}",
        text="案件 {{ number }} 的处理方案已由 {{ actor }} 批准，请按方案处理并答复客户"
        "{% if due %}（办结时限 " + ZH_TIME + "）{% endif %}。{% if note %}\n审批意见：{{ note }}"
        "{% endif %}",
    ),
    *_staff(
        "plan_approved",
        EN,
        subject="Plan approved: case {{ number }}",
        text="{{ actor }} approved the handling plan of case {{ number }}; please carry it out "
        "and answer the customer{% if due %} (resolution deadline " + EN_TIME + "){% endif %}."
        "{% if note %}\nNote: {{ note }}{% endif %}",
    ),
    # The answer is given: whoever makes the return visit 回访 hears of it, with the answer.
    *_staff(
        "return_visit_requested",
        ZH,
        subject="请回访：案件 {{ number }}",
        text="案件 {{ number }} 已由 {{ actor }} 答复客户，请回访客户，确认其是否满意"
        "{% if due %}，回访时限为 " + ZH_TIME + "{% endif %}。\n答复：{{ answer }}",
    ),
    *_staff(
        "return_visit_requested",
        EN,
        subject="Return visit: case {{ number }}",
        text="{{ actor }} has answered the customer of case {{ number }}. Please call the "
        "customer back to check they are satisfied{% if due %}, by " + EN_TIME + "{% endif %}."
        "\nAnswer: {{ answer }}",
    ),
    # A return visit found the customer unhappy and the plan escalates.
    *_staff(
        "visit_unhappy",
        ZH,
        subject="回访不满意：案件 {{ number }}",
        text="案件 {{ number }} 回访时客户不满意，已退回处理部门，请关注。\n{{ note }}",
    ),
    *_staff(
        "visit_unhappy",
        EN,
        subject="Unhappy at the return visit: case {{ number }}",
        text="At the return visit the customer of case {{ number }} was not satisfied; the case "
        "is back with its department. Please follow it up.\n{{ note }}",
    ),
    # Accountability: no message names a penalty or the person penalised.
    *_staff(
        "finding_to_decide",
        ZH,
        subject="待审批责任追究：案件 {{ number }}",
        text="案件 {{ number }} 有一项责任追究待您审批，请在“责任追究”页面查看。",
    ),
    *_staff(
        "finding_to_decide",
        EN,
        subject="Accountability to decide: case {{ number }}",
        text="An accountability finding on case {{ number }} waits for your decision; open it "
        "on the accountability page.",
    ),
    *_staff(
        "rectification_issued",
        ZH,
        subject="整改通知书：案件 {{ number }}",
        text="{{ department }} 收到案件 {{ number }} 的《整改通知书》，请于 "
        + ZH_DAY
        + " 前提交《整改报告》。\n整改要求：{{ note }}",
    ),
    *_staff(
        "rectification_issued",
        EN,
        subject="Rectification notice: case {{ number }}",
        text="{{ department }} has a rectification notice for case {{ number }}; submit the "
        "rectification report by " + EN_DAY + ".\nRequired: {{ note }}",
    ),
    *_staff(
        "rectification_reported",
        ZH,
        subject="整改报告待验证：案件 {{ number }}",
        text="{{ department }} 提交了案件 {{ number }} 的《整改报告》，请验证整改结果。\n"
        "整改情况：{{ note }}",
    ),
    *_staff(
        "rectification_reported",
        EN,
        subject="Rectification report to verify: case {{ number }}",
        text="{{ department }} submitted the rectification report of case {{ number }}; "
        "please verify it.\nWhat was done: {{ note }}",
    ),
    *_staff(
        "rectification_returned",
        ZH,
        subject="整改未通过验证：案件 {{ number }}",
        text="案件 {{ number }} 的整改未通过验证，请继续整改并于 "
        + ZH_DAY
        + " 前重新提交《整改报告》。\n原因：{{ note }}",
    ),
    *_staff(
        "rectification_returned",
        EN,
        subject="Rectification not sufficient: case {{ number }}",
        text="The rectification of case {{ number }} was not sufficient; rectify further and "
        "report again by " + EN_DAY + ".\nReason: {{ note }}",
    ),
    *_staff(
        "rectification_verified",
        ZH,
        subject="整改已验证：案件 {{ number }}",
        text="{{ department }} 对案件 {{ number }} 的整改已通过验证。",
    ),
    *_staff(
        "rectification_verified",
        EN,
        subject="Rectification verified: case {{ number }}",
        text="The rectification by {{ department }} for case {{ number }} has been verified.",
    ),
    *_staff(
        "rectification_due",
        ZH,
        subject="整改今日到期：案件 {{ number }}",
        text="案件 {{ number }} 的整改于 " + ZH_DAY + " 到期，请尽快提交《整改报告》。",
    ),
    *_staff(
        "rectification_due",
        EN,
        subject="Rectification due today: case {{ number }}",
        text="The rectification of case {{ number }} is due on " + EN_DAY + "; please submit "
        "the rectification report.",
    ),
    *_staff(
        "rectification_overdue",
        ZH,
        subject="整改逾期：案件 {{ number }}",
        text="{{ department }} 未在 " + ZH_DAY + " 前提交案件 {{ number }} 的《整改报告》，"
        "请督办。",
    ),
    *_staff(
        "rectification_overdue",
        EN,
        subject="Rectification overdue: case {{ number }}",
        text="{{ department }} did not report the rectification of case {{ number }} by "
        + EN_DAY
        + "; please follow it up.",
    ),
    # Deliberation 合议 (seed 004 第七条): asked for, not approved, scheduled, decided, late.
    *_staff(
        "deliberation_requested",
        ZH,
        subject="合议申请：案件 {{ number }}",
        text="{{ actor }} 提请对案件 {{ number }} 召开合议，请审核。\n理由：{{ note }}",
    ),
    *_staff(
        "deliberation_requested",
        EN,
        subject="Deliberation asked for: case {{ number }}",
        text="{{ actor }} asks for a deliberation on case {{ number }}; please approve or "
        "refuse it.\nReason: {{ note }}",
    ),
    *_staff(
        "deliberation_refused",
        ZH,
        subject="合议申请未获同意：案件 {{ number }}",
        text="{{ actor }} 未同意案件 {{ number }} 的合议申请。\n原因：{{ note }}",
    ),
    *_staff(
        "deliberation_refused",
        EN,
        subject="Deliberation not approved: case {{ number }}",
        text="{{ actor }} did not approve the deliberation on case {{ number }}.\n"
        "Reason: {{ note }}",
    ),
    *_staff(
        "deliberation_convened",
        ZH,
        subject="合议会议通知：案件 {{ number }}",
        text="{{ actor }} 召集案件 {{ number }} 的合议会议，请您参加。\n时间："
        + ZH_TIME
        + "\n地点：{{ place }}{% if note %}\n案情说明：{{ note }}{% endif %}",
    ),
    *_staff(
        "deliberation_convened",
        EN,
        subject="Deliberation meeting: case {{ number }}",
        text="{{ actor }} calls you to the deliberation on case {{ number }}.\nTime: "
        + EN_TIME
        + "\nPlace: {{ place }}{% if note %}\nBackground: {{ note }}{% endif %}",
    ),
    *_staff(
        "deliberation_preliminary",
        ZH,
        subject="合议初步意见：案件 {{ number }}",
        text="案件 {{ number }} 的合议形成初步倾向性意见：{{ note }}\n最终意见期限："
        + ZH_TIME
        + "。",
    ),
    *_staff(
        "deliberation_preliminary",
        EN,
        subject="Deliberation leaning: case {{ number }}",
        text="The deliberation on case {{ number }} reached a preliminary leaning: {{ note }}\n"
        "Final decision due: " + EN_TIME + ".",
    ),
    *_staff(
        "deliberation_decided",
        ZH,
        subject="合议决定：案件 {{ number }}",
        text="案件 {{ number }} 的合议作出决定：{{ note }}",
    ),
    *_staff(
        "deliberation_decided",
        EN,
        subject="Deliberation decided: case {{ number }}",
        text="The deliberation on case {{ number }} decided: {{ note }}",
    ),
    *_staff(
        "deliberation_overdue",
        ZH,
        subject="合议最终意见逾期：案件 {{ number }}",
        text="案件 {{ number }} 的合议最终处理意见应于 " + ZH_TIME + " 前给出，现已逾期。",
    ),
    *_staff(
        "deliberation_overdue",
        EN,
        subject="Deliberation overdue: case {{ number }}",
        text="The final decision of the deliberation on case {{ number }} was due by "
        + EN_TIME
        + " and is overdue.",
    ),
)


OLD_ANSWERED_SMS_ZH = (
    "【客诉中心】您好{{ name }}，对您的投诉（编号{{ number }}），我们的答复："
    "{{ answer_sms }}{% if answer_cut %}{% if has_email %}（完整答复已发送至您的邮箱）"
    "{% elif hotline %}（完整答复请致电{{ hotline }}查询）"
    "{% else %}（完整答复请与我们联系查询）{% endif %}{% endif %}"
    "{% if hotline %}如有异议请致电{{ hotline }}。{% endif %}"
)
OLD_ANSWERED_SMS_EN = (
    "[Complaints Centre] Dear {{ name }}, our answer to your complaint {{ number }}: "
    "{{ answer_sms }}{% if answer_cut %}{% if has_email %} (The full answer has been sent to "
    "your e-mail.){% elif hotline %} (For the full answer, call {{ hotline }}.){% else %} "
    "(Contact us for the full answer.){% endif %}{% endif %}{% if hotline %} If you "
    "disagree, call {{ hotline }}.{% endif %}"
)
OLD_EXTENDED_SMS_ZH = (
    "【客诉中心】您好{{ name }}，您的投诉（编号{{ number }}）处理时限延长至"
    + ZH_DAY
    + "，原因：{{ note }}{% if hotline %}咨询电话{{ hotline }}。{% endif %}"
)
OLD_EXTENDED_SMS_EN = (
    "[Complaints Centre] Dear {{ name }}, the time to handle your complaint {{ number }} "
    "is extended to " + EN_DAY + ". Reason: {{ note }}{% if hotline %} Hotline: "
    "{{ hotline }}.{% endif %}"
)
OLD_DECLINED_SMS_ZH = (
    "【客诉中心】您好{{ name }}，很抱歉，您的投诉（编号{{ number }}）未能受理。原因："
    "{{ reason }}如有异议，{% if hotline %}请致电{{ hotline }}；{% else %}请与我们联系；"
    "{% endif %}您也可以依法向有关主管部门反映。"
)
OLD_DECLINED_SMS_EN = (
    "[Complaints Centre] Dear {{ name }}, we are sorry: your complaint {{ number }} cannot "
    "be taken up. Reason: {{ reason }} If you disagree, {% if hotline %}call {{ hotline }}"
    "{% else %}please contact us{% endif %}; you may also turn to the competent authority."
)
OLD_PROGRESS_SMS_ZH = "【客诉中心】您好{{ name }}，您的投诉（编号{{ number }}）有新进展：{{ note }}"
OLD_PROGRESS_SMS_EN = (
    "[Complaints Centre] Dear {{ name }}, news on your complaint {{ number }}: {{ note }}"
)

#: Earlier releases' defaults that a later text replaces. A stored template still reading
#: exactly like one of them (line ends aside) was never edited, so loading brings it up to date;
#: a template an administrator changed is left alone.
PREVIOUS_DEFAULTS: tuple[Preset, ...] = (
    # 2026-12 (visits): SMS texts without the portal link, notes not cut.
    Preset("case_answered", ZH, SMS, "", OLD_ANSWERED_SMS_ZH),
    Preset("case_answered", EN, SMS, "", OLD_ANSWERED_SMS_EN),
    Preset("deadline_extended", ZH, SMS, "", OLD_EXTENDED_SMS_ZH),
    Preset("deadline_extended", EN, SMS, "", OLD_EXTENDED_SMS_EN),
    Preset("case_progress", ZH, SMS, "", OLD_PROGRESS_SMS_ZH),
    Preset("case_progress", EN, SMS, "", OLD_PROGRESS_SMS_EN),
    Preset("case_declined", ZH, SMS, "", OLD_DECLINED_SMS_ZH),
    Preset("case_declined", EN, SMS, "", OLD_DECLINED_SMS_EN),
    # 2026-12: the answer message did not carry the answer (its context had no `note`).
    *_customer(
        "case_answered",
        ZH,
        sms="【客诉中心】您好{{ name }}，我们已就您的投诉（编号{{ number }}）作出答复。"
        "{% if note %}{{ note }}{% endif %}"
        "{% if hotline %}如有异议请致电{{ hotline }}。{% endif %}",
        subject="对您投诉的答复（编号 {{ number }}）",
        email="{{ name }}，您好：\n\n对您的投诉（编号 {{ number }}），我们的答复如下：\n\n"
        "{{ note }}\n\n如您对处理结果有异议，请在收到本答复后与我们联系。\n"
        + ZH_LINK
        + ZH_HOTLINE
        + ZH_SIGNATURE,
    ),
    *_customer(
        "case_answered",
        EN,
        sms="[Complaints Centre] Dear {{ name }}, we have answered your complaint {{ number }}."
        "{% if note %} {{ note }}{% endif %}{% if hotline %} If you disagree, call {{ hotline }}."
        "{% endif %}",
        subject="Our answer to your complaint (no. {{ number }})",
        email="Dear {{ name }},\n\nThis is our answer to your complaint {{ number }}:\n\n"
        "{{ note }}\n\nIf you disagree with the outcome, please contact us.\n"
        + EN_LINK
        + EN_HOTLINE
        + EN_SIGNATURE,
    ),
    # 2026-12: the assignment named the resolution date, not the first deadline to meet.
    *_staff(
        "case_assigned",
        ZH,
        subject="案件 {{ number }} 已分派给您",
        text="案件 {{ number }} 已分派给您{% if due %}，请于 " + ZH_TIME + " 前办理{% endif %}。"
        "{% if note %}\n说明：{{ note }}{% endif %}",
    ),
    *_staff(
        "case_assigned",
        EN,
        subject="Case {{ number }} is assigned to you",
        text="Case {{ number }} is assigned to you{% if due %}; please handle it by "
        + EN_TIME
        + "{% endif %}.{% if note %}\nNote: {{ note }}{% endif %}",
    ),
    # 2026-12: 督办 said 仍未办结 whatever the clock.
    *_staff(
        "deadline_escalation",
        ZH,
        subject="督办（第 {{ level }} 级）：案件 {{ number }}",
        text="案件 {{ number }} 的「{{ clock }}」时限已于 " + ZH_TIME + " 到期，仍未办结，"
        "现提请您督办（第 {{ level }} 级）。",
    ),
    *_staff(
        "deadline_escalation",
        EN,
        subject="Escalated (level {{ level }}): case {{ number }}",
        text="The {{ clock }} deadline of case {{ number }} passed on " + EN_TIME + " and the "
        "case is still open. It is escalated to you (level {{ level }}).",
    ),
)


def _same(a: str, b: str) -> bool:
    """Equal but for line ends (a form in the admin posts CRLF)."""
    return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")


def load_default_templates(model: Any = None) -> int:
    """Create the default templates that are missing and bring those still reading like an
    earlier release's default up to date; return how many were created or updated. Templates
    an administrator edited are kept. Idempotent.

    `model` is the migration's historical model (or the live one when omitted)."""
    if model is None:
        from kesu.notify.models import NotificationTemplate  # noqa: PLC0415

        model = NotificationTemplate
    current = {(p.code, p.language, p.channel): p for p in DEFAULT_TEMPLATES}
    previous: dict[tuple[str, str, str], list[Preset]] = {}
    for old in PREVIOUS_DEFAULTS:
        previous.setdefault((old.code, old.language, old.channel), []).append(old)
    existing, updated = set(), 0
    for row in model.objects.all():
        key = (row.code, row.language, row.channel)
        existing.add(key)
        new = current.get(key)
        untouched = any(
            _same(row.subject, old.subject) and _same(row.body, old.body)
            for old in previous.get(key, [])
        )
        if new is not None and untouched and (row.subject, row.body) != (new.subject, new.body):
            row.subject, row.body = new.subject, new.body
            row.save(update_fields=["subject", "body", "updated_at"])
            updated += 1
    missing = [
        model(code=p.code, language=p.language, channel=p.channel, subject=p.subject, body=p.body)
        for key, p in current.items()
        if key not in existing
    ]
    model.objects.bulk_create(missing)
    return len(missing) + updated

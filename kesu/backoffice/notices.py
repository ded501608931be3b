"""Settings pages for what customers are told and how they are called back: every customer
message template (zh/en, SMS and e-mail) editable, previewed with a real case and its SMS
length in segments; and the return-visit plans 回访计划."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kesu.backoffice import services
from kesu.backoffice.access import actor, manager_required
from kesu.backoffice.pages import Row, Table, edit, show_table, typed, yes_no
from kesu.cases.models import Case
from kesu.cases.services.notices import SMS_ANSWER_CHARS, portal_url
from kesu.domain.excerpt import excerpt
from kesu.domain.visits import sms_segments
from kesu.notify.models import NotificationTemplate
from kesu.notify.presets import SMS_BUDGETS, sms_budget
from kesu.notify.rendering import render_subject, render_text
from kesu.visits.models import VisitPlan

#: The templates customers receive (the others go to staff).
CUSTOMER_CODES = tuple(SMS_BUDGETS)


class NoticeTemplateForm(forms.ModelForm):
    class Meta:
        model = NotificationTemplate
        fields = ("subject", "body")
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}


class VisitPlanForm(forms.ModelForm):
    class Meta:
        model = VisitPlan
        fields = (
            "policy", "share_percent", "seed", "max_tries", "send_link", "on_unhappy",
            "on_unreachable",
        )  # fmt: skip


@manager_required
def notices(request: HttpRequest) -> HttpResponse:
    rows = [
        Row(
            cells=[
                t.code,
                t.get_language_display(),
                t.get_channel_display(),
                sms_budget(t.code, t.language) or "—" if t.channel == "sms" else "—",
                t.updated_at.strftime("%Y-%m-%d %H:%M"),
            ],
            url=reverse("backoffice:notice", args=[t.pk]),
        )
        for t in NotificationTemplate.objects.filter(code__in=CUSTOMER_CODES).order_by(
            "code", "language", "channel"
        )
    ]
    table = Table(
        title=_("Customer notices"),
        columns=[
            _("template"),
            _("language"),
            _("channel"),
            _("SMS segments at most"),
            _("updated at"),
        ],
        rows=rows,
        intro=_(
            "What customers are told by SMS and e-mail: acknowledgement, decline, extension, "
            "progress, the answer, the return-visit link, reopening. Each opens with a preview "
            "on a real case."
        ),
    )
    return show_table(request, table)


def preview_context(case: Case, language: str) -> dict[str, Any]:
    """What the workflow would put into a message about `case`, for the preview (sample
    words in the template's language where the case has none)."""
    with translation.override(language):
        return _sample(case)


def _sample(case: Case) -> dict[str, Any]:
    short = excerpt(case.answer or _("(the answer)"), SMS_ANSWER_CHARS)
    note = _("We are waiting for the appraisal report and will contact you again.")
    return {
        "number": case.number,
        "name": case.complainant_name,
        "due": case.resolution_due or case.received_at,
        "note": note,
        "case_url": portal_url(),
        "answer": case.answer or _("(the answer)"),
        "answer_sms": short.text,
        "answer_cut": short.cut,
        "has_email": bool(case.complainant_email),
        "reason": _("The matter is already before a court."),
        "hotline": "",
    }


def _preview(template: NotificationTemplate, number: str) -> dict[str, Any]:
    cases = Case.objects.exclude(complainant_name="").order_by("-received_at")
    case = cases.filter(number=number).first() if number else None
    case = case or cases.filter(answer__gt="").first() or cases.first()
    if case is None:
        return {"preview": None}
    context = preview_context(case, template.language) | {
        "hotline": getattr(settings, "KESU_HOTLINE", "")
    }
    body = render_text(template.body, context, language=template.language)
    return {
        "preview": {
            "case": case.number,
            "subject": render_subject(template.subject, context, language=template.language),
            "body": body,
            "segments": sms_segments(body) if template.channel == "sms" else None,
            "budget": sms_budget(template.code, template.language),
            "chars": len(body),
        }
    }


@manager_required
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(NotificationTemplate, pk=pk, code__in=CUSTOMER_CODES)
    extra = _preview(template, request.GET.get("case", "").strip()[:40])
    extra["preview_of"] = template
    return edit(
        request,
        form=NoticeTemplateForm(request.POST or None, instance=template),
        save=lambda f: services.save_notice_template(
            actor=actor(request), data=typed(services.NoticeTemplateInput, f), pk=pk
        ),
        title=_("Customer notice"),
        back=reverse("backoffice:notices"),
        intro=_(
            "Django template syntax. Available: number, name, due, case_url (the portal), "
            "hotline, note; the answer: answer, answer_sms, answer_cut, has_email; a decline: "
            "reason; the return visit: visit_url."
        ),
        extra=extra,
    )


@manager_required
def visit_plans(request: HttpRequest) -> HttpResponse:
    rows = [
        Row(
            cells=[
                str(p),
                f"{p.share_percent}%",
                p.seed,
                p.max_tries,
                yes_no(p.send_link),
                p.get_on_unhappy_display(),
                p.get_on_unreachable_display(),
            ],
            url=reverse("backoffice:visit-plan", args=[p.pk]),
        )
        for p in VisitPlan.objects.select_related("policy").order_by("policy__name", "pk")
    ]
    table = Table(
        title=_("Return-visit plans"),
        columns=[
            _("deadline policy"),
            _("share"),
            _("sampling seed"),
            _("calls"),
            _("link"),
            _("unhappy"),
            _("unreachable"),
        ],
        rows=rows,
        new_url=reverse("backoffice:visit-plan-new"),
        new_label=_("New return-visit plan"),
        intro=_(
            "Which answered cases are called back 回访: every major case and a drawn share of "
            "the rest. Without a plan every case is called back, 3 calls before unreachable."
        ),
    )
    return show_table(request, table)


@manager_required
def visit_plan(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(VisitPlan, pk=pk) if pk else VisitPlan()
    return edit(
        request,
        form=VisitPlanForm(request.POST or None, instance=instance),
        save=lambda f: services.save_visit_plan(
            actor=actor(request), data=typed(services.VisitPlanInput, f), pk=pk
        ),
        title=_("Return-visit plan") if pk else _("New return-visit plan"),
        back=reverse("backoffice:visit-plans"),
    )

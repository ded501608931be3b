"""The penalty catalogue 处罚标准 on the settings pages (seed 002's tiers, loaded by
`load_presets`)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from kesu.backoffice.access import actor, manager_required
from kesu.backoffice.pages import Row, Table, edit, show_table, yes_no
from kesu.decisions import accountability_selectors as accountability
from kesu.decisions.models import PenaltyTier
from kesu.decisions.services.accountability import save_penalty_tier


class PenaltyTierForm(forms.ModelForm):
    class Meta:
        model = PenaltyTier
        fields = (
            "name_zh",
            "name_en",
            "code",
            "fine_min",
            "fine_max",
            "performance_points",
            "forfeits_performance_pay",
            "company_notice",
            "sanction",
            "legal_referral",
            "circumstances",
            "source",
            "rectification_days",
            "sort_order",
            "is_active",
        )


def _fine(tier: PenaltyTier) -> str:
    if tier.fine_min is None:
        return "—"
    if tier.fine_min == tier.fine_max:
        return f"{tier.fine_min:.0f}"
    return f"{tier.fine_min:.0f}–{tier.fine_max:.0f}"


@manager_required
def penalties(request: HttpRequest) -> HttpResponse:
    rows = [
        Row(
            cells=[
                tier.name_zh,
                tier.code,
                _fine(tier),
                tier.rectification_days,
                yes_no(tier.is_active),
            ],
            url=reverse("backoffice:penalty", args=[tier.pk]),
            inactive=not tier.is_active,
        )
        for tier in accountability.penalty_tiers(active_only=False)
    ]
    table = Table(
        title=_("Penalty catalogue"),
        columns=[
            _("name (Chinese)"),
            _("code"),
            _("fine (yuan)"),
            _("working days to rectify"),
            _("active"),
        ],
        rows=rows,
        new_url=reverse("backoffice:penalty-new"),
        new_label=_("New penalty tier"),
        intro=_(
            "The penalties an accountability finding proposes (seed 002). Findings keep the tier "
            "they name; switch a tier off to stop offering it."
        ),
    )
    return show_table(request, table)


@manager_required
def penalty(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(PenaltyTier, pk=pk) if pk else PenaltyTier()
    return edit(
        request,
        form=PenaltyTierForm(request.POST or None, instance=instance),
        save=lambda f: save_penalty_tier(f.instance, actor=actor(request)),
        title=_("Penalty tier") if pk else _("New penalty tier"),
        back=reverse("backoffice:penalties"),
    )

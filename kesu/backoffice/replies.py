"""Reply templates 答复模板 and the FAQ 常见问题 on the settings pages (R-24): edited by whoever
holds MANAGE_REPLY_TEMPLATES (supervisors, the manager, the administrator); offered in the
answer form of a case and on the hotline form."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from kesu.backoffice.access import acting_authority
from kesu.backoffice.pages import Row, Table, edit, show_table, yes_no
from kesu.domain.permissions import Permission
from kesu.library import selectors
from kesu.library.models import ReplyTemplate
from kesu.library.services import save_reply_template
from kesu.library.templating import NAMES


def editor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not acting_authority(request).may(Permission.MANAGE_REPLY_TEMPLATES):
            raise PermissionDenied(_("You may not edit reply templates."))
        return view(request, *args, **kwargs)

    return wrapper


class ReplyTemplateForm(forms.ModelForm):
    class Meta:
        model = ReplyTemplate
        fields = ("kind", "title", "category", "body", "sort_order", "is_active")
        widgets = {"body": forms.Textarea(attrs={"rows": 8, "maxlength": 4000})}


@editor_required
def replies(request: HttpRequest) -> HttpResponse:
    rows = [
        Row(
            cells=[
                item.title,
                item.get_kind_display(),
                item.category.name if item.category else _("every case"),
                yes_no(item.is_active),
            ],
            url=reverse("backoffice:reply", args=[item.pk]),
            inactive=not item.is_active,
        )
        for item in selectors.all_templates()[:500]
    ]
    table = Table(
        title=_("Reply templates and FAQ"),
        columns=[_("title"), _("kind"), _("category"), _("active")],
        rows=rows,
        new_url=reverse("backoffice:reply-new"),
        new_label=_("New reply template"),
        intro=_(
            "Offered in a case's answer form (for its category and those above it) and on the "
            "hotline form. Placeholders filled from the case: %(names)s."
        )
        % {"names": " ".join("{" + name + "}" for name in NAMES)},
    )
    return show_table(request, table)


@editor_required
def reply(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(ReplyTemplate, pk=pk) if pk else ReplyTemplate()
    authority = acting_authority(request)
    return edit(
        request,
        form=ReplyTemplateForm(request.POST or None, instance=instance),
        save=lambda f: save_reply_template(f.instance, authority=authority),
        title=_("Reply template") if pk else _("New reply template"),
        back=reverse("backoffice:replies"),
    )

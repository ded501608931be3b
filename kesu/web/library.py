"""The case library 案例库 (R-24): typical cases with their lessons and a full-text search over
the cases the reader may see; marking a case as typical; reply templates and FAQ offered in the
answer form and on the hotline form (HTMX: choosing one fills the text)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kesu.cases import catalogue_selectors
from kesu.core.errors import ServiceError
from kesu.domain.permissions import Permission
from kesu.library import selectors, templating
from kesu.library.models import LibraryEntry
from kesu.library.services import EntryInput, mark_typical_case, unmark_typical_case
from kesu.web.common import acting, row_id, visible_case


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Words"), required=False, max_length=200)
    category = forms.ChoiceField(label=gettext_lazy("Category"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["category"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (c.code, "　" * depth + c.name) for c, depth in catalogue_selectors.category_tree()
        ]


class EntryForm(forms.ModelForm):
    class Meta:
        model = LibraryEntry
        fields = ("title", "summary", "lessons", "excellent")
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
            "lessons": forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
        }


@login_required
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    authority, _now = acting(request)
    if not authority.may(Permission.SEE_LIBRARY):
        raise PermissionDenied(_("The case library is for the staff who handle complaints."))
    form = LibrarySearchForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    text, category = data.get("q", ""), data.get("category", "")
    hits = selectors.search_cases(authority, text, category=category) if text else []
    context = {
        "form": form,
        "entries": selectors.library_entries(authority, category=category, text=text),
        "hits": hits,
        "searched": bool(text),
    }
    return render(request, "web/library.html", context)


@login_required
def mark(request: HttpRequest, number: str) -> HttpResponse:
    """收入案例库: the summary and lessons of a typical case (stored masked)."""
    authority, now = acting(request)
    if not authority.may(Permission.CURATE_LIBRARY):
        raise PermissionDenied(_("Only supervisors and the manager mark typical cases."))
    case = visible_case(authority, number)
    entry = selectors.entry_for(case)
    form = EntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and request.POST.get("remove"):
        unmark_typical_case(case_id=case.pk, authority=authority, now=now)
        messages.success(request, _("Removed from the case library."))
        return HttpResponseRedirect(reverse("web:case", args=[case.number]))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mark_typical_case(
                case_id=case.pk,
                authority=authority,
                data=EntryInput(
                    title=data["title"],
                    summary=data["summary"],
                    lessons=data["lessons"],
                    excellent=data["excellent"],
                ),
                now=now,
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("Saved in the case library."))
            return HttpResponseRedirect(reverse("web:library"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "web/library_mark.html",
        {"case": case, "form": form, "entry": entry},
        status=status,
    )


@login_required
@require_GET
def reply_text(request: HttpRequest, number: str) -> HttpResponse:
    """The answer's text area, filled from the chosen template (an HTMX swap)."""
    authority, _now = acting(request)
    case = visible_case(authority, number)
    pk = row_id(request.GET.get("template", ""))
    chosen = selectors.template(pk) if pk else None
    text = templating.fill(chosen.body, templating.values_for(case, authority)) if chosen else ""
    return render(request, "web/_reply_text.html", {"text": text})


@login_required
@require_GET
def hotline_reply(request: HttpRequest) -> HttpResponse:
    """On the hotline form: the FAQ answer or reply to read out, {name} from the typed name."""
    authority, _now = acting(request)
    pk = row_id(request.GET.get("template", ""))
    chosen = selectors.template(pk) if pk else None
    name = request.GET.get("complainant_name", "")[:60]
    text = (
        templating.fill(chosen.body, templating.values_for(None, authority, name=name))
        if (chosen)
        else ""
    )
    return render(request, "web/_hotline_reply.html", {"text": text, "chosen": chosen})

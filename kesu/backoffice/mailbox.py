"""Settings → Mailbox: the e-mail intake's status (last success, last error, consecutive
failures, messages received and quarantined), the quarantine list with each message's raw
`.eml`, and an upload form for `.eml` files (registered as the poller would: `kesu.mail`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kesu.backoffice.access import acting_authority, manager_required
from kesu.cases.models import AccessRecord
from kesu.cases.services.access import record_access
from kesu.core import clock
from kesu.mail import selectors
from kesu.mail.imap import configured
from kesu.mail.models import InboundMessage, Outcome, Source
from kesu.mail.parsing import parse
from kesu.mail.services import receive

MAX_FILES = 20


@manager_required
@require_http_methods(["GET", "POST"])
def mailbox(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        files = request.FILES.getlist("eml")
        if not files:
            error = _("Choose one or more .eml files.")
        elif len(files) > MAX_FILES:
            error = _("At most %(n)s files at once.") % {"n": MAX_FILES}
        elif any(f.size is None or f.size > settings.KESU_ATTACHMENT_MAX_BYTES for f in files):
            error = _("A file is larger than the limit for evidence.")
        else:
            for upload in files:
                result = receive(raw=upload.read(), source=Source.UPLOAD, now=clock.now())
                _report(request, upload.name or "", result.message, created=result.created)
            return redirect("backoffice:mailbox")
    status = selectors.mailbox_status(name=settings.KESU_MAIL_IMAP_NAME, configured=configured())
    context = {
        "status": status,
        "host": settings.KESU_MAIL_IMAP_HOST,
        "folder": settings.KESU_MAIL_IMAP_FOLDER,
        "set_aside": selectors.set_aside(),
        "recent": selectors.recent(),
        "error": error,
        # Senders and subjects are personal data: the administrator sees the counts only.
        "reads": acting_authority(request).sees_personal_data,
    }
    return render(request, "backoffice/mailbox.html", context, status=400 if error else 200)


def _report(request: HttpRequest, name: str, message: InboundMessage, *, created: bool) -> None:
    number = message.case.number if message.case else ""
    if not created:
        messages.info(request, _("%(file)s: already received.") % {"file": name})
    elif message.outcome == Outcome.NEW_CASE:
        messages.success(
            request, _("%(file)s: case %(number)s registered.") % {"file": name, "number": number}
        )
    elif message.outcome == Outcome.REPLY:
        messages.success(
            request, _("%(file)s: added to case %(number)s.") % {"file": name, "number": number}
        )
    elif message.outcome == Outcome.QUARANTINED:
        reason = message.get_quarantine_reason_display()
        messages.warning(
            request, _("%(file)s: quarantined (%(reason)s).") % {"file": name, "reason": reason}
        )
    else:
        messages.error(
            request,
            _("%(file)s: not registered: %(error)s") % {"file": name, "error": message.error},
        )


def _may_read(request: HttpRequest, item: InboundMessage, what: str) -> None:
    """A customer's mail is personal data: the administrator keeps the mailbox running but reads
    no complaints (403); a reader who may is on record against the case the mail belongs to."""
    authority = acting_authority(request)
    if not authority.sees_personal_data:
        raise PermissionDenied(_("Only staff who may see personal data read customers' mail."))
    if item.case is not None:
        record_access(authority, item.case, what, now=clock.now(), detail="e-mail")


@manager_required
@require_GET
def message(request: HttpRequest, pk: int) -> HttpResponse:
    """One received message as staff read it: headers, the text, and the HTML body as nh3 left
    it when it arrived (no scripts, styles, handlers or images), with its attachments listed."""
    item = selectors.raw_of(pk)
    if item is None:
        return HttpResponse(status=404)
    _may_read(request, item, AccessRecord.VIEW)
    parsed = parse(bytes(item.raw))
    context = {"item": item, "text": parsed.text, "attachments": parsed.attachments}
    return render(request, "backoffice/mailbox_message.html", context)


@manager_required
@require_GET
def raw(request: HttpRequest, pk: int) -> HttpResponse:
    """A received message's bytes as an `.eml` download (never shown inline)."""
    message = selectors.raw_of(pk)
    if message is None:
        return HttpResponse(status=404)
    _may_read(request, message, AccessRecord.DOWNLOAD)
    response = HttpResponse(bytes(message.raw), content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="message-{message.pk}.eml"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

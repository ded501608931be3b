"""Storing evidence files with size and type limits and a checksum."""

from __future__ import annotations

import hashlib
import mimetypes
from datetime import datetime

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kesu.cases.models import ATTACH, Attachment, Case
from kesu.cases.services.events import record_event
from kesu.cases.services.transitions import facts_of, reopen_with_new_material
from kesu.core.errors import Forbidden, NotFound, ServiceError
from kesu.domain.workflow import may_attach
from kesu.org.access import Authority

MAX_NAME = 200
#: File signatures: a declared type must match the file's first bytes (a renamed program is
#: not a photo). Types without a fixed signature (text, audio, Office) are taken as declared.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
    "application/pdf": (b"%PDF-",),
}
EXECUTABLE = (b"MZ", b"\x7fELF", b"#!")
#: Served inline, a file runs nothing and loads nothing: no scripts, framed only by our pages.
_IMAGE_POLICY = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox"
)
#: Chromium's and Firefox's PDF viewers are blocked by `sandbox`; `object-src 'self'` lets
#: the viewer show this one document and nothing else loads.
_PDF_POLICY = (
    "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
)
#: Types a browser may show inline (their signatures were checked on upload), each with the
#: Content-Security-Policy it is served under. Everything else is only ever downloaded.
PREVIEW_POLICIES: dict[str, str] = {
    "image/jpeg": _IMAGE_POLICY,
    "image/png": _IMAGE_POLICY,
    "image/gif": _IMAGE_POLICY,
    "image/webp": _IMAGE_POLICY,
    "application/pdf": _PDF_POLICY,
}


def preview_policy(item: Attachment) -> str | None:
    """The Content-Security-Policy to show `item` inline under, or None: download only."""
    return PREVIEW_POLICIES.get(item.content_type)


def is_image(item: Attachment) -> bool:
    return item.content_type.startswith("image/") and item.content_type in PREVIEW_POLICIES


def _check_content(head: bytes, content_type: str) -> None:
    expected = SIGNATURES.get(content_type)
    if head.startswith(EXECUTABLE) or (expected and not head.startswith(expected)):
        raise ServiceError(
            "file_content_mismatch",
            _("The file's content does not match its type %(type)s.") % {"type": content_type},
            field="file",
        )


def check_upload(upload: UploadedFile) -> tuple[str, str, str]:
    """The checks every evidence file passes before anything is stored (size, allowed type,
    content matching the type); returns its name, type and SHA-256. The portal runs them on
    every file before it registers a case, so a bad file leaves nothing half-stored."""
    limit = settings.KESU_ATTACHMENT_MAX_BYTES
    if upload.size is None or upload.size == 0:
        raise ServiceError("empty_file", _("The file is empty."), field="file")
    if upload.size > limit:
        raise ServiceError(
            "file_too_large",
            _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)},
            field="file",
        )
    name = (upload.name or "file")[-MAX_NAME:]
    content_type = (upload.content_type or mimetypes.guess_type(name)[0] or "").lower()
    if content_type not in settings.KESU_ATTACHMENT_TYPES:
        raise ServiceError(
            "file_type_not_allowed",
            _("Files of type %(type)s cannot be attached.") % {"type": content_type or "?"},
            field="file",
        )
    digest = hashlib.sha256()
    head = b""
    for chunk in upload.chunks():
        head = head or chunk[:16]
        digest.update(chunk)
    _check_content(head, content_type)
    return name, content_type, digest.hexdigest()


def add_attachment(
    *, case_id: int, upload: UploadedFile, authority: Authority, now: datetime
) -> Attachment:
    """Attach an evidence file. The same file twice on one case is stored once. Inside the
    window of a provisional closure the new evidence reopens the case (its own history step)."""
    name, content_type, sha256 = check_upload(upload)
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("assigned_department")
            .filter(pk=case_id)
            .first()
        )
        if case is None:
            raise NotFound("not_found", _("Case not found."))
        facts, roles = facts_of(case, authority, now)
        if not may_attach(facts, roles):
            raise Forbidden("not_allowed", _("Your role cannot add evidence to this case."))
        existing = Attachment.objects.filter(case=case, sha256=sha256).first()
        if existing is not None:
            return existing
        upload.seek(0)
        attachment = Attachment(
            case=case,
            original_name=name,
            content_type=content_type,
            size=upload.size,
            sha256=sha256,
            uploaded_by=authority.user,
            uploaded_at=now,
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()
        record_event(
            case=case,
            authority=authority,
            action=ATTACH,
            at=now,
            changes={"attachment": [None, name]},
            data={"size": upload.size, "sha256": sha256},
        )
        # New evidence inside a provisional window continues the same case (seed 004 恒康天安
        # 第五条(五)「3个月内客户提供新证据…经办人员应当重新或继续处理」).
        reopen_with_new_material(
            case=case,
            authority=authority,
            now=now,
            note="",
            details={"new_material": "evidence", "attachment": name},
        )
    return attachment

"""The import page's first step: a file uploaded, kept with its headings and the mapping the
presets suggest, until the person checks it (dry run) and imports it."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kesu.core.errors import Forbidden, ServiceError
from kesu.domain.permissions import Permission
from kesu.imports.fields import Regulator, Source, suggest_mapping
from kesu.imports.models import ImportBatch
from kesu.imports.readers import UnreadableFile, open_table
from kesu.org.access import Authority

#: The largest file the page accepts (100,000 rows of a typical sheet are about 15 MB).
MAX_BYTES = 50 * 1024 * 1024
SUFFIXES = frozenset({".xlsx", ".csv"})


def store_upload(
    *,
    upload: UploadedFile,
    source: Source,
    regulator: Regulator | None,
    authority: Authority,
    now: datetime,
) -> ImportBatch:
    """Keep the uploaded file and read its headings; refuses what cannot be read."""
    if not authority.may(Permission.IMPORT_CASES):
        raise Forbidden("not_allowed", _("Your role cannot import cases."))
    name = Path(upload.name or "").name
    if Path(name).suffix.lower() not in SUFFIXES:
        raise ServiceError(
            "unsupported_file", _("Only .xlsx and .csv files can be imported."), field="file"
        )
    if upload.size is None or upload.size > MAX_BYTES:
        raise ServiceError(
            "file_too_large",
            _("The file is larger than %(n)s MB.") % {"n": MAX_BYTES // (1024 * 1024)},
            field="file",
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        batch = ImportBatch(
            source=source.value,
            regulator=regulator.code if regulator else "",
            file_name=name[:200],
            sha256=digest.hexdigest(),
            uploaded_by=authority.user,
            uploaded_at=now,
        )
        batch.file.save(f"{digest.hexdigest()[:16]}{Path(name).suffix.lower()}", upload, save=False)
        try:
            table = open_table(Path(batch.file.path), name)
        except UnreadableFile as error:
            batch.file.delete(save=False)
            raise ServiceError("unreadable_file", str(error), field="file") from error
        batch.headings = table.headings
        batch.mapping = suggest_mapping(table.headings, source)
        batch.save()
    return batch

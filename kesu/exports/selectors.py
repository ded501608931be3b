"""Reads of exports: one person's own (nobody downloads another's file)."""

from __future__ import annotations

from pathlib import Path

from django.db.models import QuerySet

from kesu.core.errors import NotFound
from kesu.exports.models import ExportJob
from kesu.exports.services import exports_dir
from kesu.org.models import User


def own_exports(user: User, *, limit: int = 20) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(owner=user).order_by("-created_at", "-id")[:limit]


def own_export(user: User, job_id: int) -> ExportJob:
    job = ExportJob.objects.filter(owner=user, pk=job_id).first()
    if job is None:
        raise NotFound("not_found", "export not found")
    return job


def file_of(job: ExportJob) -> Path | None:
    if job.state != ExportJob.DONE or not job.file_name:
        return None
    path = exports_dir() / job.file_name
    return path if path.exists() else None

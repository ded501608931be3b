"""The `/api/v1` NinjaAPI: routers, authentication and the error shape."""

from __future__ import annotations

from ninja import NinjaAPI

from kesu.api import errors
from kesu.api.accountability import router as accountability_router
from kesu.api.approvals import router as approvals_router
from kesu.api.archives import router as archives_router
from kesu.api.audit import router as audit_router
from kesu.api.auth import AUTH
from kesu.api.cases import router as cases_router
from kesu.api.departments import router as departments_router
from kesu.api.notifications import router as notify_router
from kesu.api.portal import router as portal_router
from kesu.api.reference import router as reference_router
from kesu.api.renderer import KesuRenderer
from kesu.api.statistics import router as statistics_router
from kesu.api.triage import router as triage_router
from kesu.api.whistleblowing import router as whistleblowing_router

api = NinjaAPI(
    title="Kesu 客诉 API",
    version="1",
    description=(
        "Complaint handling: register cases, move them through the workflow, read their history. "
        "Authenticate with `Authorization: Bearer <token>` or a browser session. Errors share one "
        "shape: `{code, message, details}`; messages follow `Accept-Language` (zh-hans default)."
    ),
    auth=AUTH,
    urls_namespace="api-v1",
    renderer=KesuRenderer(),
)
errors.install(api)
api.add_router("/cases", cases_router)
api.add_router("/cases", departments_router)
api.add_router("/notifications", notify_router)
api.add_router("/portal", portal_router)
api.add_router("/", reference_router)
api.add_router("/", accountability_router)
api.add_router("/", approvals_router)
api.add_router("/", audit_router)
api.add_router("/", triage_router)
api.add_router("/", statistics_router)
api.add_router("/", whistleblowing_router)
api.add_router("/", archives_router)

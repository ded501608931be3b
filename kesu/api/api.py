"""The `/api/v1` NinjaAPI: routers, authentication and the error shape."""

from __future__ import annotations

from ninja import NinjaAPI

from kesu.api import errors
from kesu.api.auth import AUTH
from kesu.api.cases import router as cases_router
from kesu.api.departments import router as departments_router
from kesu.api.notifications import router as notify_router
from kesu.api.reference import router as reference_router
from kesu.api.renderer import KesuRenderer

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
api.add_router("/", reference_router)

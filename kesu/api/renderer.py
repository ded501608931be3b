"""JSON as Chinese clients expect it: readable characters (no \\u escapes), local times (+08:00)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder


class LocalTimeEncoder(NinjaJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime) and timezone.is_aware(o):
            return timezone.localtime(o).isoformat()
        return super().default(o)


class KesuRenderer(BaseRenderer):
    media_type = "application/json"
    charset = "utf-8"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> str:
        return json.dumps(data, cls=LocalTimeEncoder, ensure_ascii=False)

"""gunicorn settings for bench/triage/latency.py (loaded by path, so it also serves another
checkout of Kesu: `KESU_CODE=/path/to/other/checkout`): the production WSGI application, with
the similarity index holding the whole generated book (three years, as bench/triage/run.py
measures it) instead of the default 365 days."""

from typing import Any

wsgi_app = "config.wsgi:application"


def post_worker_init(worker: Any) -> None:
    from django.conf import settings  # noqa: PLC0415 - after the worker loaded Django

    settings.KESU_TRIAGE_SIMILAR_DAYS = 3650

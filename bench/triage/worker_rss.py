"""RSS of a fresh process that has loaded what a web worker holds for triage: Django, the
category and sentiment models and the similarity index (run by bench/triage/run.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.conf import settings

from kesu.core import clock
from kesu.triage import selectors, similar


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


settings.KESU_TRIAGE_SIMILAR_DAYS = 3650  # as run.py: the whole generated book
before = rss_mb()
selectors.loaded_model()
models = rss_mb()
similar.current(clock.now())
print(f"{before:.0f} {models:.0f} {rss_mb():.0f}")

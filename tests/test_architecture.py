"""The structure rules of docs/architecture.md that a linter cannot see: only services write, and
no package face re-exports its modules (the import-direction rules are import-linter contracts in
pyproject.toml, run by bin/test)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

KESU = Path(__file__).resolve().parents[1] / "kesu"

#: Calls that write to the database when made on a manager or queryset.
QUERYSET_WRITES = frozenset(
    {"create", "update", "delete", "bulk_create", "bulk_update", "get_or_create"}
    | {"update_or_create"}
)
#: Calls that write when made on a model instance.
INSTANCE_WRITES = frozenset({"save", "delete"})

#: Files outside the services that may write, each with its reason. Keep it short.
ALLOWED = {
    "kesu/cases/models.py": "CaseEvent.save refuses changes to a stored row (an invariant)",
    "kesu/core/i18n_add.py": "writes translation catalogues (polib), not the database",
    "kesu/core/translate.py": "writes translation catalogues (polib), not the database",
    "kesu/deadlines/presets.py": "idempotent preset loader, also run by load_presets",
    "kesu/notify/presets.py": "idempotent template loader, also run by a data migration",
    "kesu/backoffice/audit.py": "the settings change log (LogEntry), written inside services",
    "kesu/imports/template.py": "saves an .xlsx template into memory (openpyxl), not the database",
    "kesu/demo/seeding.py": "demo only: marks its own messages unsent and old notices read",
}


def _is_services(path: str) -> bool:
    parts = Path(path).parts
    return "migrations" in parts or "services" in parts or parts[-1] == "services.py"


def _chain(node: ast.expr) -> list[str]:
    """The attribute and call names a receiver is built from: `Case.objects.filter(...)` →
    ["Case", "objects", "filter"]."""
    names: list[str] = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return names[::-1]
        else:
            return names[::-1]


def writes_in(source: str) -> list[tuple[int, str]]:
    """(line, call) of every database write in `source`, as far as the syntax tells."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, _chain(node.func.value)
        on_queryset = "objects" in receiver or any(
            name in {"filter", "exclude", "all", "select_for_update"} for name in receiver
        )
        if (method in QUERYSET_WRITES and on_queryset) or (
            method in INSTANCE_WRITES and not on_queryset and receiver[-1:] != ["super"]
        ):
            found.append((node.lineno, ".".join([*receiver, method])))
    return found


def test_the_write_finder_sees_writes_and_ignores_sets() -> None:
    source = (
        "Case.objects.filter(pk=1).update(note='x')\n"
        "case.save(update_fields=['note'])\n"
        "names.update({'a': 1})\n"
        "CaseEvent.objects.bulk_create(rows)\n"
    )
    assert [call for _line, call in writes_in(source)] == [
        "Case.objects.filter.update",
        "case.save",
        "CaseEvent.objects.bulk_create",
    ]


def test_only_services_write() -> None:
    """Views, selectors, tasks, commands and admin classes call a service to change data, so
    every write has its transaction and its history in one place (a planted
    `case.save()` in a view fails here)."""
    offenders = []
    for path in sorted(KESU.rglob("*.py")):
        relative = path.relative_to(KESU.parent).as_posix()
        if _is_services(relative) or relative in ALLOWED:
            continue
        offenders += [f"{relative}:{line} {call}" for line, call in writes_in(path.read_text())]
    assert offenders == []


def test_package_faces_re_export_nothing() -> None:
    """A package `__init__` that imports its own modules makes a cycle as soon as one of them
    imports a sibling through the package (it once broke runserver's start)."""
    faces = []
    for path in sorted(KESU.rglob("__init__.py")):
        tree = ast.parse(path.read_text())
        if (
            any(
                isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kesu")
                for node in tree.body
            )
            and path.parent.name != "presets"
        ):  # domain/presets defines the preset types
            faces.append(path.relative_to(KESU.parent).as_posix())
    assert faces == []


@pytest.mark.parametrize("attempt", range(3))
def test_two_threads_import_the_services_and_the_template_library_at_once(attempt: int) -> None:
    """What runserver does at start (system checks and the template watcher in two threads):
    a fresh interpreter imports both from two threads released together."""
    probe = """
import sys, threading, importlib, django
django.setup()
errors = []
barrier = threading.Barrier(2)
def load(name):
    barrier.wait()
    try:
        importlib.import_module(name)
    except Exception as error:
        errors.append(repr(error))
threads = [threading.Thread(target=load, args=(name,)) for name in
           ("kesu.web.templatetags.kesu_web", "kesu.cases.services.transitions")]
for thread in threads: thread.start()
for thread in threads: thread.join()
print(errors)
"""
    done = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-B", "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    assert done.stdout.strip() == "[]", done.stderr

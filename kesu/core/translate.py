"""`python -m kesu.core.translate MSGID=译文 …`: set Chinese translations and recompile the
.mo files (a small helper for developers; needs no gettext tools)."""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def compile_all() -> None:
    for po_path in LOCALE.glob("*/LC_MESSAGES/django.po"):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def set_translations(pairs: dict[str, str]) -> list[str]:
    po_path = LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path))
    missing = []
    for msgid, msgstr in pairs.items():
        entry = po.find(msgid)
        if entry is None:
            missing.append(msgid)
            continue
        entry.msgstr = msgstr
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
    po.save()
    compile_all()
    return missing


if __name__ == "__main__":
    pairs = dict(arg.split("=", 1) for arg in sys.argv[1:])
    for msgid in set_translations(pairs):
        print(f"not in the catalogue: {msgid}")

"""`python -m kesu.core.i18n_check`: every Chinese message translated, and the committed .mo
files compiled from the current .po files (so a fresh clone needs no gettext tools)."""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def problems() -> list[str]:
    found = []
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        po = polib.pofile(str(po_path))
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            found.append(f"{mo_path} is missing: run msgfmt (see docs/development.md)")
            continue
        compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo_path))}
        for entry in po:
            if entry.obsolete:
                continue
            if po_path.parts[-3] != "en" and (not entry.translated() or entry.fuzzy):
                found.append(f"{po_path.parts[-3]}: untranslated {entry.msgid!r}")
            elif entry.msgstr and compiled.get((entry.msgctxt, entry.msgid)) != entry.msgstr:
                found.append(f"{mo_path} is older than its .po ({entry.msgid!r})")
    return found


def main() -> int:
    issues = problems()
    for line in issues[:30]:
        print(line)
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main())

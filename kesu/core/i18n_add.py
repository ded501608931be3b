"""`python -m kesu.core.i18n_add FILE.json`: collect the messages from the code and templates
(`makemessages` for zh_Hans and en), fill in the Chinese translations given in FILE.json, and
compile both catalogues, so the committed .mo files match (`kesu.core.i18n_check` verifies).

FILE.json maps an English message to its Chinese text; a plural message maps to a list of one
Chinese form (zh has one plural form): `{"Saved filters": "已存筛选", "%(n)s case": ["%(n)s件"]}`.
A lock file makes concurrent runs take turns (two people, or two agents, in one work tree).
"""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import polib

from kesu.core.i18n_check import LOCALE, problems

ROOT = LOCALE.parents[1]
LANGS = ("zh_Hans", "en")


def collect() -> None:
    args = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location", "-v0"]
    for lang in LANGS:
        args += ["-l", lang]
    subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [*args, "--ignore", ".venv/*", "--ignore", "var/*", "--ignore", "tests/*"],
        cwd=ROOT,
        check=True,
    )


def fill(translations: dict[str, str | list[str]]) -> list[str]:
    """Write the given translations into zh_Hans; return the messages not found in the code."""
    po = polib.pofile(str(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    unknown = set(translations)
    for entry in po:
        given = translations.get(entry.msgid)
        if given is None:
            continue
        unknown.discard(entry.msgid)
        if entry.msgid_plural:
            forms = given if isinstance(given, list) else [given]
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            entry.msgstr = given if isinstance(given, str) else given[0]
        if "fuzzy" in entry.flags:  # a guess of msgmerge's, now replaced by the given text
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    po.save()
    return sorted(unknown)


def compile_all() -> None:
    for lang in LANGS:
        po_path = LOCALE / lang / "LC_MESSAGES" / "django.po"
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def main(argv: list[str]) -> int:
    translations: dict[str, str | list[str]] = {}
    for name in argv:
        translations.update(json.loads(Path(name).read_text(encoding="utf-8")))
    with (LOCALE / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        collect()
        unknown = fill(translations)
        compile_all()
    for msgid in unknown:
        print(f"not in the code (check the spelling): {msgid!r}")
    left = problems()
    for line in left[:30]:
        print(line)
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Whistleblowing 举报 rules (R-28, seed 004 员工投诉举报管理办法): recusal, the report key, the
time limit. Pure Python; the Django layer (`kesu.whistleblowing`) applies them.

- **Recusal 回避** (第十三条「保密、回避的原则」): a report is hidden from every person named in it,
  from everyone in the reported department or a department below it, and from the heads
  (department_head) of the departments above it — the reported department's line. The
  organisation's root is nobody's line: a discipline officer seated at headquarters is not
  recused from every report by sitting at the top of the tree.
- **Time limit** (第十二条): 30 working days from receipt; one extension, approved by the
  president 总裁 (the general manager), to at most 60 working days in all.
- **The key**: an anonymous reporter follows up with a report key and a password; the key is
  random (no case number, no date), the password is shown once and stored hashed.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from kesu.domain.deadlines import Period
from kesu.domain.vocabulary import Role, TimeUnit

#: Seed 004 第十二条「受理部门在30个工作日内办理完毕」.
TIME_LIMIT = Period(30, TimeUnit.WORKING_DAYS)
#: 「经总裁批准, 可适当延长办理期限, 但不得超过60日」: the whole time with the extension.
EXTENDED_LIMIT = Period(60, TimeUnit.WORKING_DAYS)
EXTENSION_APPROVER = Role.GENERAL_MANAGER

KEY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out and typed by hand
KEY_LENGTH = 12
KEY_PREFIX = "JB"
PASSWORD_LENGTH = 12


def new_key() -> str:
    """A report key such as `JB-7KQ2-MX9D-4TPA`: 60 bits of randomness, grouped for reading."""
    body = "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH))
    return "-".join([KEY_PREFIX, body[:4], body[4:8], body[8:]])


def normalise_key(text: str) -> str:
    """What a reporter typed, as stored: upper case, dashes where they belong."""
    body = "".join(ch for ch in text.upper() if ch in KEY_ALPHABET)
    if body.startswith(KEY_PREFIX) and len(body) == KEY_LENGTH + len(KEY_PREFIX):
        body = body[len(KEY_PREFIX) :]
    if len(body) != KEY_LENGTH:
        return ""
    return "-".join([KEY_PREFIX, body[:4], body[4:8], body[8:]])


def new_password() -> str:
    return "".join(
        secrets.choice(KEY_ALPHABET.lower() + "23456789") for _ in range(PASSWORD_LENGTH)
    )


def ancestors(path: str) -> list[str]:
    """The department paths from the root down to `path` itself ("/1/4/" → ["/1/", "/1/4/"])."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def in_line(reported_path: str, member_path: str | None, *, is_head: bool) -> bool:
    """Whether someone in `member_path` is in the line of the reported department: in it or
    below it, or (as a head) in a department above it other than the root."""
    if not member_path:
        return False
    if member_path.startswith(reported_path):
        return True
    return is_head and reported_path.startswith(member_path) and len(ancestors(member_path)) > 1


def recused(
    *,
    user_ids: Iterable[int],
    named_user_ids: Iterable[int],
    reported_path: str | None,
    member_paths: Iterable[tuple[str | None, bool]],
) -> bool:
    """Whether a person (with the ids they act as, and each department they hold a role over,
    with whether that role is a department head's) is recused from a report."""
    if set(user_ids) & set(named_user_ids):
        return True
    if reported_path is None:
        return False
    return any(in_line(reported_path, path, is_head=head) for path, head in member_paths)

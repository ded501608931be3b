"""A logging filter that keeps phone numbers and e-mail addresses out of Kesu's own logs
(issue 20 part 3): every record passing the console handler — Django's request lines from the
development server (`django.server`), warnings with a path, Kesu's own messages — is written
with mainland mobile numbers (`138****5678`, also with +86 or separators), landline numbers
with an area code (`0757-****5678`) and e-mail addresses masked. Dates, times, counts and ids
stay readable. The searches themselves no longer carry a phone in the URL
(kesu/core/sealed.py); this is the net under anything else that might print one."""

from __future__ import annotations

import logging
import re

from kesu.domain.privacy import mask_email, mask_phone

_PHONE = re.compile(
    r"(?<![\d.])(?:(?:\+|%2B)?86[- ]?)?1[3-9]\d(?:[- ]?\d){8}(?![\d.])"  # mobile
    r"|(?<![\d.])0\d{2,3}-\d{7,8}(?![\d.])"  # landline with area code
)
_EMAIL = re.compile(r"[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+")


def mask_log_text(text: str) -> str:
    text = _EMAIL.sub(lambda match: mask_email(match.group().replace("%40", "@")), text)
    return _PHONE.sub(lambda match: mask_phone(match.group()), text)


class MaskPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_log_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True

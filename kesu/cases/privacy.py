"""A case's complainant as a given reader may see them: in full for the roles that need personal
data, masked for everyone else (`kesu.domain.privacy` holds the masks). The API, the pages and
the printed forms all take the complainant from here, so masking is decided once."""

from __future__ import annotations

from typing import Any

from kesu.cases.models import Case
from kesu.domain import privacy
from kesu.org.access import Authority


def complainant(case: Case, authority: Authority) -> dict[str, Any]:
    show = authority.sees_personal_data
    return {
        "name": case.complainant_name if show else privacy.mask_name(case.complainant_name),
        "phone": case.complainant_phone if show else privacy.mask_phone(case.complainant_phone),
        "email": case.complainant_email if show else privacy.mask_email(case.complainant_email),
        "address": case.complainant_address
        if show
        else privacy.mask_address(case.complainant_address),
        "employer": case.complainant_employer,
        "id_number": case.complainant_id_number
        if show
        else privacy.mask_id_number(case.complainant_id_number),
        "relation": case.complainant_relation,
        "count": case.complainant_count,
        "masked": not show,
    }

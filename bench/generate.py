"""Bulk-generate N realistic cases for benchmarks (not through the services: 200,000 cases
through the workflow would take an hour; the rows look the same to the queries measured)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kesu.cases.models import Case, CaseSequence, Category
from kesu.cases.services.deadlines import next_due
from kesu.deadlines.models import DeadlinePolicy
from kesu.demo.corpus import make_case_fields
from kesu.domain.vocabulary import State
from kesu.org.models import Department, User

STATES = [
    (State.REGISTERED, 5), (State.ACCEPTED, 5), (State.ASSIGNED, 8), (State.IN_PROGRESS, 15),
    (State.PLAN_SUBMITTED, 3), (State.PLAN_APPROVED, 2), (State.ANSWERED, 5), (State.CLOSED, 52),
    (State.DECLINED, 3), (State.WITHDRAWN, 2),
]  # fmt: skip
BATCH = 5000
CONTACTED = {
    State.IN_PROGRESS, State.PLAN_SUBMITTED, State.PLAN_APPROVED, State.ANSWERED, State.CLOSED,
}  # fmt: skip
ANSWERED = {State.ANSWERED, State.CLOSED}


def generate(count: int, *, seed: int = 7) -> None:
    rng = random.Random(seed)
    now = timezone.now()
    categories = list(Category.objects.all())
    departments = list(Department.objects.exclude(code="hq"))
    handlers = list(User.objects.filter(role="handler"))
    receiver = User.objects.get(username="agent")
    policy = DeadlinePolicy.objects.filter(code="platform_default").first()
    states, weights = zip(*STATES, strict=True)
    start = Case.objects.count()
    for batch_start in range(0, count, BATCH):
        rows = []
        for index in range(batch_start, min(count, batch_start + BATCH)):
            received = now - timedelta(minutes=rng.randint(10, 3 * 365 * 24 * 60))
            fields = make_case_fields(rng, timezone.localtime(received).date())
            state = rng.choices(states, weights)[0]
            handler = (
                rng.choice(handlers) if state not in {State.REGISTERED, State.ACCEPTED} else None
            )
            accepted = received + timedelta(hours=rng.randint(1, 30))
            case = Case(
                number=f"B{start + index + 1:09d}",
                kind=fields["kind"],
                state=state,
                severity=fields["severity"],
                major_criteria=fields["major_criteria"],
                channel=fields["channel"],
                category=rng.choice(categories),
                received_at=received,
                registered_at=received,
                receiver=receiver,
                complainant_name=fields["complainant_name"],
                complainant_phone=fields["complainant_phone"],
                complainant_phone_reversed=fields["complainant_phone"][::-1],
                complainant_address=fields["complainant_address"],
                subject_product=fields["subject_product"],
                facts=fields["facts"],
                demand=fields["demand"],
                assigned_department=handler.department
                if handler
                else rng.choice([*departments, None]),
                handler=handler,
                policy=policy,
                acceptance_due=received + timedelta(days=1),
                accepted_at=accepted if state != State.REGISTERED else None,
                first_contact_due=accepted + timedelta(days=9),
                resolution_due=accepted + timedelta(days=21),
                first_contact_at=accepted + timedelta(days=2) if state in CONTACTED else None,
                answered_at=accepted + timedelta(days=12) if state in ANSWERED else None,
            )
            case.next_due = next_due(case)
            rows.append(case)
        with transaction.atomic():
            Case.objects.bulk_create(rows, batch_size=1000)
    CaseSequence.objects.update_or_create(year=2099, defaults={"last": 0})

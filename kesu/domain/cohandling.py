"""Several departments on one case (R-10, R-13): co-handling 协办 and handover 转交.

Pure rules: the states a co-handling task and a handover request pass through, the preset
clock of a co-handling answer (seed 004 恒康天安 第八条(三): the assisting department answers
within 5 working days of receiving the material), and the triggers of seed 004 第六条(三) that
suggest asking the legal department 法规部 for a legal opinion.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from kesu.domain.deadlines import Period
from kesu.domain.vocabulary import Channel, Severity, TimeUnit

#: seed 004 第八条(三): 协办部门应于收到协办材料后5个工作日内给予反馈.
CO_HANDLING_PERIOD = Period(5, TimeUnit.WORKING_DAYS)
#: The clock name co-handling alerts are filed under.
CO_HANDLING_CLOCK = "co_handling"


class TaskState(StrEnum):
    PENDING_APPROVAL = "pending_approval"  # waiting for the supervisor (咨诉主管审批)
    OPEN = "open"  # with the assisting department, its clock running
    ANSWERED = "answered"  # the answer is on the 协办记录表
    REFUSED = "refused"  # the approver said no
    WITHDRAWN = "withdrawn"  # the lead department no longer needs it


OPEN_TASK_STATES = frozenset({TaskState.PENDING_APPROVAL, TaskState.OPEN})


class HandoverState(StrEnum):
    PENDING_APPROVAL = "pending_approval"  # waiting for the general manager (seed 002)
    PENDING = "pending"  # waiting for the receiving department's acknowledgement
    ACKNOWLEDGED = "acknowledged"  # the receiver signed: the case moved
    REFUSED = "refused"  # the receiver (or the approver) refused, with a reason
    WITHDRAWN = "withdrawn"


OPEN_HANDOVER_STATES = frozenset({HandoverState.PENDING_APPROVAL, HandoverState.PENDING})


class LegalTrigger(StrEnum):
    """seed 004 第六条(三): cases that may go to the legal department for a legal opinion."""

    MEDIA = "media"  # 媒体负面报道引发 / 媒体记者现场参与 (1, 3)
    REGULATOR_EXPLANATION = "regulator_explanation"  # 监管部门或政府机关责成书面说明 (2)
    CONTRACT_CLAUSE = "contract_clause"  # 保单条款瑕疵或约定不明、不严谨 (4)
    MAJOR_CASE = "major_case"  # 重大、疑难或可能造成重大影响 (5)


#: Words in the facts that point to each trigger (Chinese as the seeds write them, English too).
MEDIA_WORDS = ("媒体", "记者", "曝光", "报道", "报纸", "电视台", "media", "journalist", "reporter")
REGULATOR_WORDS = (
    "书面说明",
    "书面解释",
    "责成",
    "监管",
    "保监",
    "银保监",
    "金融监管",
    "regulator",
)
CLAUSE_WORDS = ("条款", "合同约定", "约定不明", "clause")
CLAUSE_DEFECT_WORDS = (
    "瑕疵",
    "不明",
    "不严谨",
    "歧义",
    "矛盾",
    "模糊",
    "defect",
    "ambiguous",
    "unclear",
)
MEDIA_CRITERIA = frozenset({"mainstream_media"})
REGULATOR_CRITERIA = frozenset({"government_petition"})


@dataclass(frozen=True)
class CaseSignals:
    """What the triggers read from a case."""

    facts: str
    demand: str = ""
    channel: Channel | str = ""
    severity: Severity | str = Severity.GENERAL
    major_criteria: tuple[str, ...] = ()


def legal_triggers(case: CaseSignals) -> tuple[LegalTrigger, ...]:
    """The seed 004 triggers a case shows, in the seed's order; empty: no legal opinion is
    suggested. A suggestion only: the handler decides whether to ask."""
    text = f"{case.facts}\n{case.demand}".lower()
    criteria = frozenset(case.major_criteria)
    found: list[LegalTrigger] = []
    if criteria & MEDIA_CRITERIA or _mentions(text, MEDIA_WORDS):
        found.append(LegalTrigger.MEDIA)
    if (
        case.channel == Channel.REGULATOR
        or ("书面" in text and _mentions(text, REGULATOR_WORDS))
        or criteria & REGULATOR_CRITERIA
    ):
        found.append(LegalTrigger.REGULATOR_EXPLANATION)
    if _mentions(text, CLAUSE_WORDS) and _mentions(text, CLAUSE_DEFECT_WORDS):
        found.append(LegalTrigger.CONTRACT_CLAUSE)
    if case.severity == Severity.MAJOR:
        found.append(LegalTrigger.MAJOR_CASE)
    return tuple(found)


def _mentions(text: str, words: Iterable[str]) -> bool:
    return any(word.lower() in text for word in words)

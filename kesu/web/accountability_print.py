"""Printable accountability forms: 责任追究决定书 (the finding and its penalty, for the roles that
see penalties) and 整改通知书 (the notice, report and verification, no penalty), laid out like
the other forms in `kesu.web.printing` (embedded CJK fonts)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from kesu.core.labels import label
from kesu.decisions.models import Finding, Rectification
from kesu.domain.vocabulary import Role
from kesu.web.printing import HALVES, WHOLE, _grid, _p, _pdf, _when


def _role(code: str) -> str:
    try:
        return str(label(Role(code)))
    except ValueError:
        return code


def _fine(item: Finding) -> str:
    return f"{item.amount:.2f}元" if item.amount is not None else "—"


def decision(item: Finding) -> bytes:
    """责任追究决定书."""
    story = [
        _p("责任追究决定书", 16),
        _grid(
            [
                ["案件编号", item.case.number, "认定日期", _when(item.proposed_at)],
                ["责任部门", item.department, "责任人", item.subject or "—"],
                ["处罚标准", item.tier.name_zh, "罚款金额", _fine(item)],
                ["审批角色", _role(item.approver_role), "状态", item.get_state_display()],
            ],
            HALVES,
        ),
        _grid(
            [
                ["责任认定", item.grounds],
                ["证据", "、".join(a.original_name for a in item.evidence.all()) or "—"],
                ["适用情形", item.tier.circumstances or "—"],
                ["审批意见", item.decision_note or "—"],
            ],
            WHOLE,
        ),
        Spacer(1, 6 * mm),
        _grid(
            [
                [
                    f"提出：{item.proposed_by}",
                    f"审批：{item.decided_by or ''} {_when(item.decided_at)}",
                ]
            ],
            [87 * mm, 87 * mm],
            ruled=False,
        ),
    ]
    return _pdf(f"责任追究决定书 {item.case.number}", story)


def notice(item: Rectification) -> bytes:
    """整改通知书, with the 整改报告 and the verification below it once they exist."""
    story = [
        _p("整改通知书", 16),
        _grid(
            [
                ["案件编号", item.case.number, "责任部门", item.department],
                ["下发日期", _when(item.issued_at), "整改期限", _when(item.due_at)],
                ["下发人", item.issued_by, "状态", item.get_state_display()],
            ],
            HALVES,
        ),
        _grid(
            [
                ["整改要求", item.requirement],
                ["整改报告", item.report or "—"],
                ["整改证据", item.report_evidence or "—"],
                ["退回原因", item.return_reason or "—"],
                [
                    "验证结果",
                    f"已验证 {_when(item.verified_at)}（{item.verified_by}）"
                    if item.verified_at
                    else "—",
                ],
            ],
            WHOLE,
        ),
        Spacer(1, 6 * mm),
        _grid(
            [["督察考评员（签字）：", "责任部门负责人（签字）："]], [87 * mm, 87 * mm], ruled=False
        ),
    ]
    return _pdf(f"整改通知书 {item.case.number}", story)

"""The fixed words of the domain: kinds, severities, channels, roles, states and actions.

Values are stable identifiers stored in the database and used in the API; human labels
(Chinese and English) live in the Django layer (`kesu.core.labels`).
"""

from __future__ import annotations

from enum import StrEnum


class CaseKind(StrEnum):
    ENQUIRY = "enquiry"  # 咨询
    FAULT_REPORT = "fault_report"  # 故障申告
    SUGGESTION = "suggestion"  # 建议
    COMPLAINT = "complaint"  # 投诉
    PRAISE = "praise"  # 表扬
    WHISTLEBLOWING = "whistleblowing"  # 举报: seen only by the discipline function


class Severity(StrEnum):
    MINOR = "minor"  # 轻微
    GENERAL = "general"  # 一般
    MAJOR = "major"  # 重大


class Channel(StrEnum):
    HOTLINE = "hotline"  # 热线电话
    LETTER = "letter"  # 信函
    EMAIL = "email"  # 电子邮件
    VISIT = "visit"  # 来访
    REGULATOR = "regulator"  # 监管转办
    WEB = "web"  # 网站
    MOBILE = "mobile"  # 移动端/微信
    FAX = "fax"  # 传真
    IMPORT = "import"  # 批量导入


class Role(StrEnum):
    INTAKE_AGENT = "intake_agent"  # 热线接听人员 / 客户投诉专员
    SUPERVISOR = "supervisor"  # 客户投诉主管
    HANDLER = "handler"  # 承办人
    DEPARTMENT_HEAD = "department_head"  # 部门主管
    CS_MANAGER = "cs_manager"  # 客服部经理
    GENERAL_MANAGER = "general_manager"  # 总经理
    ANALYST = "analyst"  # 数据分析师
    DISCIPLINE_OFFICER = "discipline_officer"  # 纪检
    ADMINISTRATOR = "administrator"  # 系统管理员
    TECHNICAL_APPROVER = "technical_approver"  # 技术支持 (特案保修、特别理赔的技术审批, seed 004)


class State(StrEnum):
    REGISTERED = "registered"  # 已登记
    ACCEPTED = "accepted"  # 已受理
    DECLINED = "declined"  # 不予受理
    ASSIGNED = "assigned"  # 已分派
    IN_PROGRESS = "in_progress"  # 处理中
    PLAN_SUBMITTED = "plan_submitted"  # 方案待审批
    PLAN_APPROVED = "plan_approved"  # 方案已批准
    ANSWERED = "answered"  # 已答复
    PROVISIONALLY_CLOSED = "provisionally_closed"  # 暂结案
    CLOSED = "closed"  # 已结案
    WITHDRAWN = "withdrawn"  # 已撤诉


class Action(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    CONVERT_TO_COMPLAINT = "convert_to_complaint"
    ASSIGN = "assign"
    LOG_CONTACT = "log_contact"
    RECORD_INVESTIGATION = "record_investigation"
    SUBMIT_PLAN = "submit_plan"
    APPROVE_PLAN = "approve_plan"
    REJECT_PLAN = "reject_plan"
    ANSWER = "answer"
    CONFIRM = "confirm"
    NOT_SATISFIED = "not_satisfied"
    PROVISIONALLY_CLOSE = "provisionally_close"
    FINALIZE = "finalize"
    REOPEN = "reopen"
    WITHDRAW = "withdraw"
    PAUSE_CLOCK = "pause_clock"
    RESUME_CLOCK = "resume_clock"
    EXTEND_DEADLINE = "extend_deadline"
    RECORD_DELIVERY = "record_delivery"  # e.g. the repaired product handed back (starts a clock)
    RECALCULATE_DEADLINES = "recalculate_deadlines"  # explicit, recorded: after a policy changed
    HASTEN = "hasten"  # 催办: the customer contacts us again about the open case


class TimeUnit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    WORKING_HOURS = "working_hours"
    HOURS = "hours"  # plain clock time: 「1小时内」 is 60 minutes, nights and weekends included


class DaySource(StrEnum):
    OFFICIAL = "official"  # published by the State Council and shipped in `holidays`
    ESTIMATED = "estimated"  # weekends and fixed/lunar holidays, no 调休 published yet
    EDITED = "edited"  # changed by an administrator


OPEN_STATES: frozenset[State] = frozenset(State) - {State.DECLINED, State.CLOSED, State.WITHDRAWN}

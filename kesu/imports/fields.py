"""What an import file may hold: our fields per source, the regulators, and the headings the
regulators' and other systems' sheets use for each field (the mapping presets)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Source(StrEnum):
    TRANSFER = "transfer"  # 监管转办: a regulator's sheet of complaints passed to us
    HISTORY = "history"  # 历史数据: cases from the system an organisation moves away from


@dataclass(frozen=True)
class Regulator:
    code: str
    name_zh: str
    name_en: str
    #: Words that name the regulator in a cell of the sheet (the 来源/转办单位 column).
    aliases: tuple[str, ...]


REGULATORS: tuple[Regulator, ...] = (
    Regulator("12315", "全国12315平台", "12315 (market regulation)", ("12315", "市场监管")),
    Regulator("12345", "12345政务服务便民热线", "12345 (government hotline)", ("12345", "政务")),
    Regulator(
        "miit",
        "通信管理局",
        "Communications administration (MIIT)",
        ("通管局", "通信管理局", "工信部", "电信用户申诉", "工业和信息化部"),
    ),
    Regulator(
        "nfra",
        "国家金融监督管理总局",
        "Financial regulator (NFRA, former CBIRC)",
        ("金融监管", "银保监", "国家金融监督管理总局", "银监", "保监"),
    ),
    Regulator("cca", "消费者协会", "Consumers' association", ("消协", "消费者协会", "消委会")),
)
REGULATOR_CODES = frozenset(r.code for r in REGULATORS)


def regulator_named(text: str) -> Regulator | None:
    """The regulator a cell names: its code, or a name containing one of its aliases."""
    value = text.strip()
    for regulator in REGULATORS:
        if value.lower() == regulator.code or any(alias in value for alias in regulator.aliases):
            return regulator
    return None


def regulator_by_code(code: str) -> Regulator | None:
    return next((r for r in REGULATORS if r.code == code), None)


@dataclass(frozen=True)
class Field:
    name: str
    label: Promise
    required: bool
    #: Headings recognised for this field (compared without spaces, brackets and colons).
    headings: tuple[str, ...]
    help: Promise | str = ""


_COMMON = (
    Field(
        "complainant_name",
        _("Complainant"),
        True,
        ("诉求人", "投诉人", "申诉人", "来电人", "客户姓名", "姓名", "反映人", "消费者"),
    ),
    Field(
        "complainant_phone",
        _("Phone"),
        False,
        ("联系电话", "联系方式", "电话", "手机", "手机号码", "来电号码", "投诉人电话"),
    ),
    Field("complainant_address", _("Address"), False, ("地址", "联系地址", "诉求人地址")),
    Field(
        "facts",
        _("Facts"),
        True,
        ("诉求内容", "投诉内容", "申诉内容", "反映内容", "问题描述", "工单内容", "事项内容"),
    ),
    Field("demand", _("Demand"), False, ("诉求要求", "投诉要求", "客户诉求", "客户要求")),
    Field("category", _("Category"), False, ("分类", "投诉分类", "问题分类", "业务类别", "类别")),
    Field(
        "subject_product", _("Product / service"), False, ("产品", "商品", "产品名称", "业务名称")
    ),
    Field(
        "subject_order_number", _("Order / policy number"), False, ("订单号", "保单号", "合同号")
    ),
)

TRANSFER_FIELDS: tuple[Field, ...] = (
    Field(
        "reference",
        _("Transfer reference"),
        True,
        ("工单编号", "转办单号", "工单号", "转办编号", "投诉编号", "申诉编号", "单号", "编号"),
        _("The regulator's own number: the same number is never imported twice."),
    ),
    Field(
        "regulator",
        _("Regulator"),
        False,
        ("转办单位", "来源", "转办机构", "监管机构", "来源渠道"),
        _("Needed only when the sheet mixes regulators; otherwise chosen for the whole file."),
    ),
    Field(
        "received_at",
        _("Transferred on"),
        False,
        ("转办时间", "转办日期", "派单时间", "受理时间", "登记时间", "交办时间"),
    ),
    Field(
        "reply_due",
        _("Reply due"),
        False,
        ("办理时限", "答复期限", "回复时限", "办结时限", "答复时限", "反馈时限", "处理时限"),
        _("The regulator's reply-due date: the stricter of it and our policy runs."),
    ),
    *_COMMON,
)

HISTORY_FIELDS: tuple[Field, ...] = (
    Field(
        "reference",
        _("Original number"),
        True,
        ("原编号", "原投诉编号", "投诉编号", "工单编号", "工单号", "编号", "案件编号"),
        _("The number in the old system: kept as the reference, never imported twice."),
    ),
    Field(
        "received_at",
        _("Received on"),
        True,
        ("受理时间", "登记时间", "投诉时间", "来电时间", "接收时间", "创建时间"),
    ),
    Field("status", _("Status"), True, ("状态", "处理状态", "案件状态", "工单状态")),
    Field("closed_at", _("Closed on"), False, ("结案时间", "办结时间", "关闭时间", "完成时间")),
    Field(
        "department",
        _("Responsible department"),
        False,
        ("责任部门", "处理部门", "承办部门", "部门"),
    ),
    Field("outcome", _("Outcome"), False, ("处理结果", "办理结果", "答复内容", "结案说明")),
    Field("satisfaction", _("Satisfaction"), False, ("满意度", "客户满意度", "评价", "回访结果")),
    *_COMMON,
)


def fields_for(source: Source) -> tuple[Field, ...]:
    return TRANSFER_FIELDS if source is Source.TRANSFER else HISTORY_FIELDS


_NOISE = re.compile(r"[\s:：()（）\[\]【】*＊]")


def squeeze(heading: str) -> str:
    """A heading compared without spaces, brackets, colons and the required-mark asterisk."""
    return _NOISE.sub("", heading).lower()


def suggest_mapping(headings: list[str], source: Source) -> dict[str, str]:
    """`{field: heading}` for every field a heading of the sheet names (exact names first,
    then the first heading that contains a known name). A heading serves one field."""
    squeezed = {heading: squeeze(heading) for heading in headings if heading}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for exact in (True, False):
        for spec in fields_for(source):
            if spec.name in mapping:
                continue
            names = [squeeze(str(spec.label)), spec.name, *map(squeeze, spec.headings)]
            for heading, plain in squeezed.items():
                if heading in used:
                    continue
                if (plain in names) if exact else any(n and n in plain for n in names[2:]):
                    mapping[spec.name] = heading
                    used.add(heading)
                    break
    return mapping

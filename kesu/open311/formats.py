"""GeoReport v2's two formats: JSON, and XML written with the standard library's ElementTree
(which escapes text and attribute values). Errors are `[{"code", "description"}]` in both."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from django.http import HttpResponse

JSON = "json"
XML = "xml"
CONTENT_TYPES = {
    JSON: "application/json; charset=utf-8",
    XML: "text/xml; charset=utf-8",
}
#: Characters XML 1.0 cannot carry at all (escaping does not help): dropped from text.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: The element each list item is written as, by the list's element (GeoReport v2's names).
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(ET.SubElement(element, key), item)
    elif isinstance(value, list):
        name = ITEM_NAMES.get(element.tag, "item")
        for item in value:
            _fill(ET.SubElement(element, name), item)
    else:
        element.text = _text(value)


def to_xml(root: str, value: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, value)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def respond(fmt: str, root: str, value: Any, *, status: int = 200) -> HttpResponse:
    """`value` in the format asked for; `root` is the XML document element."""
    body = (
        to_xml(root, value) if fmt == XML else json.dumps(value, ensure_ascii=False).encode("utf-8")
    )
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return respond(fmt, "errors", [{"code": status, "description": description}], status=status)

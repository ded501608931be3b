"""Open311 GeoReport v2 driven by a real client library (PyPI `georeport`) against a live
server, in JSON and XML. The library reads services, definitions and requests; it cannot post,
so posts go through `requests` (the HTTP library it is built on) in the spec's form encoding."""

from __future__ import annotations

import io
from typing import Any

import pytest
import requests
import xmltodict
from django.core.management import call_command
from georeport import GeoReport

from kesu.cases.models import Case, CaseEvent
from kesu.core import clock
from kesu.domain.vocabulary import Action, Channel, State
from kesu.open311.models import Open311Key, ServiceRequest
from kesu.open311.services import revoke_keys
from tests.factories import act

FORMATS = ("json", "xml")
POST = {
    "service_code": "after_sales_repair_delay",
    "description": "空调报修一周无人上门，请联系 13812345678 或 wang@example.com",
    "first_name": "丽",
    "last_name": "王",
    "phone": "13812345678",
    "email": "wang@example.com",
    "lat": "22.840000",
    "long": "113.250000",
    "address_string": "佛山市顺德区大良街道新桂路8号",
    "attribute[product]": "华联KFR-35GW 挂式空调",
    "attribute[order_number]": "HL20260820123456",
    "attribute[event_date]": "2026-11-20",
    "attribute[demand]": "尽快上门维修 <急>",
}


@pytest.fixture
def key(org: Any) -> str:
    out = io.StringIO()
    call_command("issue_open311_key", "顺德区12345热线", stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def base(live_server: Any, org: Any) -> str:
    return f"{live_server.url}/open311/v2"


def post(base: str, fmt: str, body: dict[str, str], **headers: str) -> requests.Response:
    return requests.post(f"{base}/requests.{fmt}", data=body, headers=headers, timeout=30)


def parsed(response: requests.Response, fmt: str) -> list[dict[str, Any]]:
    if fmt == "json":
        return list(response.json())
    root = xmltodict.parse(response.content)
    name, items = next(iter(root.items()))
    item = items[{"service_requests": "request", "errors": "error"}[name]]
    return item if isinstance(item, list) else [item]


@pytest.mark.parametrize("fmt", FORMATS)
def test_services_and_their_definitions_through_the_client(base: str, fmt: str) -> None:
    client = GeoReport(base, output_format=fmt)
    services = {s["service_code"]: s for s in client.get_service_list()}
    repair = services["after_sales_repair_delay"]
    assert repair["service_name"]  # the category's Chinese name (data, not a msgid)
    assert str(repair["metadata"]).lower() == "true"
    definition = client.get_service_definition("after_sales_repair_delay")
    attributes = definition["attributes"]
    items = attributes if fmt == "json" else attributes["attribute"]
    assert {a["code"] for a in items} >= {"product", "order_number", "event_date", "demand"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_posted_request_is_a_registered_case_read_back_by_the_client(
    base: str, key: str, fmt: str
) -> None:
    response = post(base, fmt, POST | {"api_key": key})
    assert response.status_code == 201, response.text
    (answer,) = parsed(response, fmt)
    number, token = answer["service_request_id"], answer["token"]

    case = Case.objects.get(number=number)
    assert case.channel == Channel.WEB
    assert case.state == State.REGISTERED
    assert case.complainant_name == "王丽"
    assert str(case.event_date) == "2026-11-20"
    assert case.subject_order_number == "HL20260820123456"
    assert case.demand == "尽快上门维修 <急>"
    assert case.acceptance_due is not None  # the deadlines run as for the hotline
    assert CaseEvent.objects.filter(case=case, action="register").count() == 1

    client = GeoReport(base, output_format=fmt)
    one = client.get_service_request(number)
    assert one["service_request_id"] == number
    assert one["status"] == "open"
    assert one["service_code"] == "after_sales_repair_delay"
    assert str(one["lat"]).startswith("22.84")
    # What the spec returns, and no more: no name, no phone, no e-mail, not even in the text.
    text = response.text + str(one)
    for personal in ("王丽", "13812345678", "wang@example.com"):
        assert personal not in str(one), personal
    assert "138****5678" in one["description"] or "*" in one["description"]
    assert "<急>" not in text  # the demand is the case's, not part of the public request

    listed = client.get_service_requests(service_request_id=number)
    listed = listed if isinstance(listed, list) else [listed]
    assert [r["service_request_id"] for r in listed] == [number]
    opened = client.get_service_requests(status="open", service_code="after_sales_repair_delay")
    opened = opened if isinstance(opened, list) else [opened]
    assert number in {r["service_request_id"] for r in opened}

    found = requests.get(f"{base}/tokens/{token}.{fmt}", timeout=30)
    assert found.status_code == 200
    assert parsed(found, fmt)[0]["service_request_id"] == number


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_request_twice_makes_one_case(base: str, key: str, fmt: str) -> None:
    first = post(base, fmt, POST | {"api_key": key})
    again = post(base, fmt, POST | {"api_key": key})
    assert (first.status_code, again.status_code) == (201, 200)
    assert (
        parsed(first, fmt)[0]["service_request_id"] == parsed(again, fmt)[0]["service_request_id"]
    )
    assert Case.objects.count() == 1
    assert ServiceRequest.objects.count() == 1
    # With the Idempotency-Key header a retry after the window is still the same request.
    keyed = POST | {"api_key": key, "description": "另一件事：热水器漏水"}
    one = post(base, fmt, keyed, **{"Idempotency-Key": "retry-1"})
    two = post(base, fmt, keyed, **{"Idempotency-Key": "retry-1"})
    assert parsed(one, fmt)[0]["service_request_id"] == parsed(two, fmt)[0]["service_request_id"]
    assert Case.objects.count() == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bad_key_is_a_403_in_the_spec_error_shape(base: str, key: str, fmt: str) -> None:
    for body in (POST, POST | {"api_key": "o311_wrong"}):
        response = post(base, fmt, body)
        assert response.status_code == 403
        (error,) = parsed(response, fmt)
        assert str(error["code"]) == "403"
        assert error["description"]
    revoke_keys(key_ids=list(Open311Key.objects.values_list("pk", flat=True)), now=clock.now())
    assert post(base, fmt, POST | {"api_key": key}).status_code == 403
    assert not Case.objects.exists()
    client = GeoReport(base, output_format=fmt)
    with pytest.raises(requests.HTTPError) as caught:
        client.get_service_request("000000000")
    assert caught.value.response.status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
def test_bad_input_is_a_400_and_nothing_is_stored(base: str, key: str, fmt: str) -> None:
    cases = [
        {"service_code": "no_such_service"},
        {"description": ""},
        {"lat": "91", "long": "10"},
        {"lat": "22.8", "long": ""},
        {"attribute[event_date]": "yesterday"},
        {"attribute[event_date]": "2999-01-01"},
        {"attribute[amount]": "1e9"},
        {"attribute[product]": "x" * 201},
        {"first_name": "名" * 80},
    ]
    for change in cases:
        response = post(base, fmt, POST | {"api_key": key} | change)
        assert response.status_code == 400, (change, response.text)
        (error,) = parsed(response, fmt)
        assert str(error["code"]) == "400"
        assert error["description"]
    query = requests.get(
        f"{base}/requests.{fmt}",
        params={"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
        timeout=30,
    )
    assert query.status_code == 400
    assert requests.get(f"{base}/requests.{fmt}?status=pending", timeout=30).status_code == 400
    assert not Case.objects.exists()


def test_a_declined_case_is_closed_with_its_reason_in_the_notes(
    base: str, key: str, org: Any
) -> None:
    number = post(base, "json", POST | {"api_key": key}).json()[0]["service_request_id"]
    act(
        Case.objects.get(number=number),
        org["agent"],
        Action.DECLINE,
        clock.now(),
        reason_code="out_of_scope",
    )
    client = GeoReport(base)
    request = client.get_service_request(number)
    assert request["status"] == "closed"
    assert "投诉对象非本单位管理范畴" in request["status_notes"]
    closed = client.get_service_requests(status="closed")
    assert [r["service_request_id"] for r in closed] == [number]
    assert client.get_service_requests(status="open") == []


def test_english_errors_and_only_open311_requests_are_listed(base: str, key: str, org: Any) -> None:
    from tests.factories import register

    register(org["agent"], clock.now())  # a hotline case: not an Open311 request
    response = requests.post(
        f"{base}/requests.json", data=POST, headers={"Accept-Language": "en"}, timeout=30
    )
    assert response.json() == [
        {"code": 403, "description": "An api_key is required to post a request."}
    ]
    assert GeoReport(base).get_service_requests() == []


def test_xml_escapes_markup_and_drops_what_xml_cannot_carry() -> None:
    from kesu.open311.formats import to_xml

    text = 'a<b & "c" \x01 </description><x>'
    body = to_xml("service_requests", [{"description": text, "lat": None, "ok": True}])
    request = xmltodict.parse(body)["service_requests"]["request"]
    assert request["description"] == 'a<b & "c"  </description><x>'
    assert request["lat"] is None
    assert request["ok"] == "true"


def test_listing_reads_a_fixed_number_of_queries(
    org: Any, django_assert_max_num_queries: Any, client: Any
) -> None:
    from kesu.open311.services import PostedRequest, issue_key, submit_request

    key, _raw = issue_key(name="bench", now=clock.now())
    for n in range(6):
        data = PostedRequest("after_sales_repair_delay", f"第{n}件", phone=f"1381234567{n}")
        submit_request(key=key, data=data, now=clock.now())
    client.get("/open311/v2/requests.json")  # sessions, caches
    with django_assert_max_num_queries(3):
        listed = client.get("/open311/v2/requests.json").json()
    assert len(listed) == 6

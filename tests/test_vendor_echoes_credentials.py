"""A vendor whose refusals quote the credentials sent (the access token, the bearer token): they are shown
nowhere, on no page, in no download and not in the ledger (found by hunter-web5: the Results and Review pages
showed finance 'Invalid request (debug: Authorization=Bearer Jvy3T5...)', a token that places orders)."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient
from support.vendor_proxy import Answer, Call, VendorProxy
from test_web import confirm, token, upload, wait_until_finished

from bulkship.settings import SANDBOX_ACCESS_TOKEN
from bulkship.web import create_app

SHEET = (
    "Employee ID,First Name,Last Name,Address,City,State,ZIP,Card,Amount\n"
    "E1,Ann,Lee,1 Main St,Boston,MA,02108,CVS,25\n"
    "E2,Bob,Ray,2 Main St,Boston,MA,02108,CVS,25\n"
)


def test_a_refusal_quoting_the_bearer_token_shows_it_nowhere(tmp_path: Path) -> None:
    bearer: list[str] = []

    def quoting_the_request(call: Call) -> Answer:
        if call.method == "POST" and call.path == "/v1/Orders":
            bearer.append(call.headers["Authorization"].split()[-1])
            said = f"Invalid request (debug: Authorization={call.headers['Authorization']})"
            return Answer.of(400, {"Message": said})
        return call.forward()

    sheet = tmp_path / "staff.csv"
    sheet.write_text(SHEET)
    with VendorProxy(tmp_path) as vendor:
        vendor.rewrite = quoting_the_request
        settings = vendor.settings(tmp_path)
        with TestClient(create_app(settings), follow_redirects=True) as client:
            upload(client, sheet)
            confirm(client, "staff")
            wait_until_finished(client, "staff")
            shown = [
                client.get(f"/batches/staff/{page}").content
                for page in ("results", "review", "progress", "results.csv", "results.xlsx")
            ]
    assert bearer and len(bearer[0]) >= 8
    assert b"Invalid request (debug: Authorization=Bearer [hidden])" in shown[0]  # the refusal, said
    assert not [b for b in shown if bearer[0].encode() in b]
    ours = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != "vendor.sqlite"]  # the vendor's own
    assert not [p for p in ours if bearer[0].encode() in p.read_bytes()]  # the ledger, the result workbook


def test_a_token_refusal_quoting_the_access_token_shows_it_nowhere(tmp_path: Path) -> None:
    def quoting_the_credentials(call: Call) -> Answer:
        if call.path == "/v1/Tokens":
            said = f"AccessToken {call.headers['AccessToken']} is suspended"
            return Answer.of(403, {"Message": said})
        return call.forward()

    sheet = tmp_path / "staff.csv"
    sheet.write_text(SHEET)
    with VendorProxy(tmp_path) as vendor:
        vendor.rewrite = quoting_the_credentials
        settings = vendor.settings(tmp_path)
        with TestClient(create_app(settings), follow_redirects=True) as client:
            client.post(
                "/batches",
                data={"csrf_token": token(client, "/batches/new"), "name": ""},
                files={"file": (sheet.name, sheet.read_bytes(), "text/csv")},
            )
            pages = [client.get(f"/batches/staff/{page}").text for page in ("columns", "review", "cost")]
    assert any(re.search(r"AccessToken \[hidden\] is suspended", p) for p in pages), pages[-1][-2000:]
    assert not [p for p in pages if SANDBOX_ACCESS_TOKEN in p]
    assert not [
        p for p in tmp_path.rglob("*") if p.is_file() and SANDBOX_ACCESS_TOKEN.encode() in p.read_bytes()
    ]


def test_a_vendor_whose_token_is_the_access_token_itself_still_takes_orders(tmp_path: Path) -> None:
    """After ef6671c: a token endpoint answering the access token as the token (a vendor whose 'token' is the
    key) had it hidden, and every call then went out with 'Bearer [hidden]'."""

    sandbox_token: list[str] = []

    def the_key_as_token(call: Call) -> Answer:
        if call.path == "/v1/Tokens":  # the sandbox behind gives its own token; the vendor answers the key
            answer = call.forward()
            sandbox_token.append(answer.json()["Value"])
            return Answer.of(answer.status, {**answer.json(), "Value": call.headers["AccessToken"]})
        if call.headers.get("Authorization") == f"Bearer {SANDBOX_ACCESS_TOKEN}":
            call.headers["Authorization"] = f"Bearer {sandbox_token[-1]}"  # (the dict forward() sends)
        return call.forward()

    sheet = tmp_path / "staff.csv"
    sheet.write_text(SHEET)
    with VendorProxy(tmp_path) as vendor:
        vendor.rewrite = the_key_as_token
        settings = vendor.settings(tmp_path)
        with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
            upload(client, sheet)
            confirm(client, "staff")
            wait_until_finished(client, "staff")
        assert len(vendor.external_ids()) == 2

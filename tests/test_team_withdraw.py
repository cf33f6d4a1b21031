"""A request for approval withdrawn by the person who asked, before an approver decides it (found by
hunter-web19, LO3): on the web page, in the database (revision 0006, from a ledger of revision 0005), and a
withdrawal and an approval at the same moment on PostgreSQL."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient
from support import clients_of, embedded_sandbox_orders, visible_text
from test_team_web import TOKEN, found, send, shown_plan, sign_in, upload, wait_until_finished

from bulkship.db import engine_for, head, upgrade
from bulkship.ledger import Ledger
from bulkship.overview import batch_states
from bulkship.settings import Settings, resolve_settings
from bulkship.team import accounts, approvals, audit, store
from bulkship.web import create_app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

pytestmark = pytest.mark.usefixtures("quick_hashes")  # argon2's cheapest parameters


@pytest.fixture(params=["sqlite", "postgresql"])
def team(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    if request.param == "postgresql":
        settings = replace(settings, ledger_url=request.getfixturevalue("pg_url"))
    for name, roles in (("alice", ["requester"]), ("bob", ["requester"]), ("carol", ["approver"])):
        accounts.add_user(settings, name, f"password-{name}", roles, actor="test")
    approvals.set_threshold(settings, "100", actor="test")
    yield settings
    store.forget_engines()


@pytest.fixture
def browsers(team: Settings) -> Iterator[Any]:
    yield from clients_of(create_app(team))


def test_the_person_who_asked_withdraws_the_request_and_no_approver_can_send_it_after(
    team: Settings, browsers: Any
) -> None:
    """alice asked approval of the wrong list: nothing on the page took the request back, Delete was refused
    while it waited, and carol could still approve it and send its cards. alice withdraws it (only she: not
    bob, not carol); carol's Approve from the page she had open sends nothing and says why; the batch no
    longer waits for approval, can be deleted, and the trail says who withdrew it and why."""
    alice, bob, carol = browsers(), browsers(), browsers()
    for client, name in ((alice, "alice"), (bob, "bob"), (carol, "carol")):
        sign_in(client, name)
    upload(alice, SAMPLES / "anniversary.xlsx")
    assert "Waiting for approval" in send(alice, "anniversary").text
    carol_page = carol.get("/batches/anniversary/approval").text
    assert 'id="withdraw"' not in carol_page and 'id="approve"' in carol_page  # only the asker is offered it
    asked = alice.get("/batches/anniversary/cost").text
    withdraw_url = found(r'action="(/batches/anniversary/approval/\d+/withdraw)"', asked)
    form = {"csrf_token": found(TOKEN.pattern, asked), "reason": "wrong list: the November one"}
    for other in (bob, carol):  # another requester, an approver: refused in words, nothing withdrawn
        refused = other.post(withdraw_url, data={**form, "csrf_token": token_of(other)})
        assert refused.status_code == 409 and "only they may withdraw it" in refused.text, refused.text
    assert approvals.latest(team, "anniversary").state == "pending"  # type: ignore[union-attr]
    withdrawn = alice.post(withdraw_url, data=form)
    assert withdrawn.url.path == "/batches/anniversary/cost"
    said = visible_text(withdrawn.text)
    assert "Withdrawn by alice" in said and "wrong list: the November one" in said, said
    assert 'id="withdraw"' not in withdrawn.text
    again = alice.post(withdraw_url, data=form)  # a double click: the same page, no refusal
    assert again.url.path == "/batches/anniversary/cost" and "Withdrawn by alice" in visible_text(again.text)
    approve = carol.post(
        found(r'action="(/batches/anniversary/approval/\d+/approve)"', carol_page),
        data=shown_plan(carol_page),
    )
    shown = visible_text(approve.text)  # the approval page, its status box saying why: no refusal page
    assert approve.status_code == 200 and approve.url.path == "/batches/anniversary/approval", shown
    assert "Withdrawn by alice" in shown and 'id="approve"' not in approve.text, shown
    rejected = carol.post(
        found(r'action="(/batches/anniversary/approval/\d+/reject)"', carol_page),
        data={**shown_plan(carol_page), "reason": "not this quarter"},
    )
    assert rejected.status_code == 200 and rejected.url.path == "/batches/anniversary/approval"
    assert "Withdrawn by alice" in visible_text(rejected.text)
    assert embedded_sandbox_orders(team.data_dir) == []
    listed = visible_text(carol.get("/approvals").text)
    assert "Nothing is waiting for approval" in listed and "withdrawn" in listed
    with Ledger.open(team.ledger_location, lock=False) as ledger:
        assert batch_states(ledger)["anniversary"] == "awaiting confirmation"
    lines = [(e.actor, e.action, e.detail.get("reason")) for e in audit.entries(team, batch="anniversary")]
    assert ("alice", "approval_withdraw", "wrong list: the November one") in lines
    deleted = alice.post("/batches/anniversary/delete", data={"csrf_token": token_of(alice)})
    assert deleted.url.path == "/" and "anniversary" not in visible_text(deleted.text)


def test_a_batch_sent_again_after_its_request_was_withdrawn_asks_anew_and_goes_out_once_approved(
    team: Settings, browsers: Any
) -> None:
    """Withdrawn is no rejection and no approval: the next Send asks a new request, which carol approves."""
    alice, carol = browsers(), browsers()
    sign_in(alice, "alice")
    sign_in(carol, "carol")
    upload(alice, SAMPLES / "anniversary.xlsx")
    send(alice, "anniversary")
    first = approvals.latest(team, "anniversary")
    assert first is not None
    approvals.withdraw(team, first.id, person="alice")
    assert "Waiting for approval" in send(alice, "anniversary").text
    second = approvals.latest(team, "anniversary")
    assert second is not None and second.id != first.id and second.state == "pending"
    page = carol.get("/batches/anniversary/approval").text
    assert (
        carol.post(
            found(r'action="(/batches/anniversary/approval/\d+/approve)"', page), data=shown_plan(page)
        ).url.path
        == "/batches/anniversary/progress"
    )
    wait_until_finished(carol, "anniversary")
    assert len(embedded_sandbox_orders(team.data_dir)) == 2


def token_of(client: TestClient) -> str:
    return found(TOKEN.pattern, client.get("/account").text)


# -- the database -----------------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def old_ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    """A ledger of revision 0005 (before withdrawals) holding two requests: 1 waiting, 2 approved."""
    url = str(tmp_path / "ledger.sqlite") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = engine_for(url)
    upgrade(engine, "0005")
    with engine.begin() as db:
        for number in (1, 2):
            db.execute(
                sa.text(
                    "INSERT INTO approval_requests (id, batch, requested_by, requested_at, total, plan_print,"
                    " order_prints, reason) VALUES (:id, :batch, 'alice', 'x', '150.00', 'p', :prints, 'r')"
                ),
                {"id": number, "batch": f"b{number}", "prints": json.dumps([f"o{number}"])},
            )
        db.execute(
            sa.text(
                "INSERT INTO approval_decisions (request_id, requested_by, decided_by, decision, reason,"
                " decided_at) VALUES (2, 'alice', 'carol', 'approved', '', 'x')"
            )
        )
    yield engine
    engine.dispose()


def _withdraw(db: sa.Connection, request_id: int, by: str = "alice") -> None:
    db.execute(
        sa.text(
            "INSERT INTO approval_withdrawals (request_id, requested_by, withdrawn_by, reason, withdrawn_at)"
            " VALUES (:id, 'alice', :by, '', 'x')"
        ),
        {"id": request_id, "by": by},
    )


def _decide(db: sa.Connection, request_id: int) -> None:
    db.execute(
        sa.text(
            "INSERT INTO approval_decisions (request_id, requested_by, decided_by, decision, reason,"
            " decided_at) VALUES (:id, 'alice', 'carol', 'approved', '', 'x')"
        ),
        {"id": request_id},
    )


def test_a_ledger_from_before_withdrawals_is_upgraded_and_a_request_is_withdrawn_or_decided_never_both(
    old_ledger: sa.Engine,
) -> None:
    """Whatever code writes them: the database refuses an approval of a withdrawn request, a withdrawal of
    a decided one, a withdrawal by another person than the one who asked, and any change to one."""
    upgrade(old_ledger)
    with old_ledger.connect() as db:
        assert db.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == head()
    with old_ledger.begin() as db:
        _withdraw(db, 1)
    refused = [
        lambda db: _decide(db, 1),  # approving what was withdrawn
        lambda db: _withdraw(db, 2),  # withdrawing what was approved
        lambda db: _withdraw(db, 1),  # twice
        lambda db: db.execute(sa.text("UPDATE approval_withdrawals SET reason = 'changed'")),
        lambda db: db.execute(sa.text("DELETE FROM approval_withdrawals")),
    ]
    for attempt in refused:
        with pytest.raises(sa.exc.DBAPIError), old_ledger.begin() as db:
            attempt(db)
    with old_ledger.begin() as db:
        db.execute(
            sa.text(
                "INSERT INTO approval_requests (id, batch, requested_by, requested_at, total, plan_print,"
                " order_prints, reason) VALUES (3, 'b3', 'alice', 'x', '1', 'p', '[]', 'r')"
            )
        )
    with pytest.raises(sa.exc.IntegrityError), old_ledger.begin() as db:
        _withdraw(db, 3, by="carol")  # only the person who asked
    with old_ledger.connect() as db:
        rows = db.execute(sa.text("SELECT request_id, withdrawn_by FROM approval_withdrawals")).all()
        assert [tuple(r) for r in rows] == [(1, "alice")]
        decided = db.execute(sa.text("SELECT request_id FROM approval_decisions ORDER BY request_id")).all()
        assert [r[0] for r in decided] == [2]


def test_a_withdrawal_and_an_approval_at_the_same_moment_on_postgresql_one_of_them_is_refused(
    pg_url: str,
) -> None:
    """READ COMMITTED: each transaction's check reads only what was committed, so both would pass and the
    request be withdrawn and approved at once (the approval then sending what its requester took back).
    The second waits for the first (the request's advisory lock, taken by the trigger) and is refused."""
    engine = engine_for(pg_url)
    upgrade(engine)
    with engine.begin() as db:
        db.execute(
            sa.text(
                "INSERT INTO approval_requests (id, batch, requested_by, requested_at, total, plan_print,"
                " order_prints, reason) VALUES (1, 'b1', 'alice', 'x', '150.00', 'p', '[]', 'r')"
            )
        )
    with contextlib.ExitStack() as stack:
        first = stack.enter_context(engine.connect())
        second = stack.enter_context(engine.connect())
        first.begin()
        _withdraw(first, 1)  # not committed yet
        second.begin()
        second.execute(sa.text("SET LOCAL lock_timeout = '300ms'"))
        with pytest.raises(sa.exc.OperationalError, match="lock timeout"):
            _decide(second, 1)  # waits for the withdrawal: it may not decide beside it
        second.rollback()
        first.commit()
        with pytest.raises(sa.exc.IntegrityError, match="was withdrawn"), second.begin():
            _decide(second, 1)
    engine.dispose()


def test_a_command_line_request_is_withdrawn_on_its_page_and_the_same_command_asks_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_hashes: None
) -> None:
    """The request of a batch run from the command line (as BULKSHIP_USER=alice) is withdrawn on its
    approval page by alice, whose page then says to run the same command again (it has no Send: 'Sending the
    batch again asks anew' and 'send it again' named a button the page lacks); carol may no longer approve
    it; the same command asks anew, and sends once approved."""
    from test_approval_pages import _signed_in, staff_sheet

    from bulkship.cli import main

    settings = resolve_settings()
    accounts.add_user(settings, "alice", "password-alice", ["requester"], actor="test")
    accounts.add_user(settings, "carol", "password-carol", ["approver"], actor="test")
    approvals.set_threshold(settings, "10", actor="test")
    sheet = staff_sheet(tmp_path / "staff.csv", range(1, 3))
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    command = ["run", str(sheet), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(command) == 1  # waits for an approver
    app = create_app(settings)
    with _signed_in(app, "alice") as alice:
        page = alice.get("/batches/HR/approval").text
        said = visible_text(page)
        assert "Once withdrawn" in said and "running the same bulkship run command again asks anew" in said
        assert "send it again to ask anew" not in said, said
        url = found(r'action="(/batches/HR/approval/\d+/withdraw)"', page)
        after = alice.post(url, data={"csrf_token": found(TOKEN.pattern, page), "reason": "old list"})
        said = visible_text(after.text)
        assert after.url.path == "/batches/HR/approval" and "Withdrawn by alice" in said, said
        assert "Running the same bulkship run command again asks anew" in said, said
        assert "Sending the batch again" not in said, said
    with _signed_in(app, "carol") as carol:
        assert 'id="approve"' not in carol.get("/batches/HR/approval").text
    assert main(command) == 1  # asks anew
    asked = approvals.latest(settings, "HR")
    assert asked is not None and asked.state == "pending"
    approvals.decide(settings, asked.id, person="carol", approve=True)
    assert main(command) == 0
    assert sorted(
        li["ExternalId"] for o in embedded_sandbox_orders(settings.data_dir) for li in o["LineItems"]
    ) == [
        "E1",
        "E2",
    ]
    store.forget_engines()

"""A form's address opened as a page (typed or pasted, Enter pressed in the address bar on a page a form
answered, a link sent to a colleague): the page it belongs to, not 'Error: Method Not Allowed' (found by
hunter-web29 walking the page's addresses)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from support import clients_of, visible_text
from test_team_web import sign_in
from test_web import SAMPLES, upload

from bulkship.settings import resolve_settings
from bulkship.team import accounts, store
from bulkship.web import create_app


@pytest.fixture
def browsers(tmp_path: Path) -> Iterator[Any]:
    yield from clients_of(create_app(replace(resolve_settings(), out_dir=tmp_path / "results"), run_wait_s=0))
    store.forget_engines()


STEP = "the batch's step"  # where the batch's own address, /batches/anniversary, leads
FORMS = [
    ("/batches/anniversary/confirm", STEP),
    ("/batches/anniversary/rows/3", STEP),
    ("/batches/anniversary/columns/reset", "/batches/anniversary/columns"),
    ("/batches/anniversary/track", STEP),
    ("/batches/anniversary/delete", STEP),
    ("/batches/anniversary/approval/1/approve", "/batches/anniversary/approval"),
    ("/account/password", "/account"),
    ("/admin/users/alice", "/admin/users"),
    ("/logout", "/"),
]


@pytest.mark.usefixtures("quick_hashes")
@pytest.mark.parametrize("team", [False, True], ids=["single-user", "team"])
def test_a_form_s_address_opened_as_a_page_leads_to_the_page_it_belongs_to(browsers: Any, team: bool) -> None:
    person = browsers()
    if team:
        settings = person.app.web.settings
        accounts.add_user(
            settings, "admin", "password-admin", ["admin", "requester", "approver"], actor="test"
        )
        accounts.add_user(settings, "alice", "password-alice", ["requester"], actor="test")
        sign_in(person, "admin")
    upload(person, SAMPLES / "anniversary.xlsx")
    step = person.get("/batches/anniversary").url.path
    for form, page in FORMS:
        page = step if page == STEP else page
        if not team and form.startswith(("/account", "/admin", "/logout", "/batches/anniversary/approval")):
            continue  # no accounts: no such pages
        opened = person.get(form)
        said = " ".join(visible_text(opened.text).split())
        assert "Method Not Allowed" not in said, (form, said)
        assert opened.status_code == 200 and opened.url.path == page, (form, opened.url, said)

"""The admin's People page read against what another admin (or the command line) changed since it was shown:
a setting or a person's roles left as shown are not set back."""

from __future__ import annotations

import re
from typing import Any

import pytest
import test_team_web
from test_team_web import sign_in, token

from bulkship.settings import Settings
from bulkship.team import accounts, approvals, audit

pytestmark = pytest.mark.usefixtures("quick_hashes")
settings, team, browsers = test_team_web.settings, test_team_web.team, test_team_web.browsers  # its fixtures


def fields(page: str, action: str) -> dict[str, Any]:
    """The fields of the page's form posting to ``action`` (its hidden fields and text boxes as shown,
    the boxes ticked), as the browser would send them."""
    form = re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', page, re.S)
    assert form, f"no form posting to {action}"
    posted: dict[str, Any] = {}
    for tag in re.findall(r"<input [^>]*>", form.group(0)):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or ('type="checkbox"' in tag and "checked" not in tag):
            continue
        if 'type="checkbox"' in tag:
            posted.setdefault(name.group(1), []).append(value.group(1) if value else "on")
        else:
            posted[name.group(1)] = value.group(1) if value else ""
    return posted


def test_saving_one_setting_does_not_set_back_another_changed_since_the_page_was_shown(
    team: Settings, browsers: Any
) -> None:
    admin = browsers()
    sign_in(admin, "admin")
    shown = admin.get("/admin/users").text  # the threshold 100.00, the idle time 30
    approvals.set_threshold(team, "40", actor="other-admin")  # lowered meanwhile (another admin, the CLI)
    form = fields(shown, "/admin/settings")
    form["idle_minutes"] = "45"  # the admin changes the idle time only
    page = admin.post("/admin/settings", data=form)
    assert "Settings saved" in page.text
    assert approvals.threshold(team) == 40  # it was set back to 100.00: batches up to 100 went unapproved
    assert approvals.idle_minutes(team) == 45
    form = fields(shown, "/admin/settings")
    form["threshold"] = "500"  # a change decided on the 100.00 shown, no longer so
    refused = admin.post("/admin/settings", data=form)
    assert refused.status_code == 400
    assert "approval threshold was changed since this page was shown (it is 40.00 now)" in refused.text
    assert approvals.threshold(team) == 40 and approvals.idle_minutes(team) == 45
    form = fields(refused.text, "/admin/settings")  # the page as shown again: the change is made
    form["threshold"] = "500"
    assert "Settings saved" in admin.post("/admin/settings", data=form).text
    assert approvals.threshold(team) == 500


def test_roles_set_from_a_page_shown_before_another_admin_changed_them_are_refused(
    team: Settings, browsers: Any
) -> None:
    admin = browsers()
    sign_in(admin, "admin")
    shown = admin.get("/admin/users").text  # carol: approver
    accounts.set_roles(team, "carol", ["finance"], actor="other-admin")  # her approver role taken away
    form = fields(shown, "/admin/users/carol")
    assert form["action"] == "roles" and form["role"] == ["approver"]
    form["role"] = ["approver", "finance"]  # the admin adds finance to the roles the page showed
    refused = admin.post("/admin/users/carol", data=form)
    assert refused.status_code == 400
    assert "The roles of carol were changed since this page was shown (now: finance)" in refused.text
    assert getattr(accounts.find_user(team, "carol"), "roles", None) == {
        "finance"
    }  # the approver role stays taken away
    form = fields(refused.text, "/admin/users/carol")
    form["role"] = ["approver", "finance"]  # decided on the page as it is now
    assert "carol: approver, finance." in admin.post("/admin/users/carol", data=form).text
    lines = [e for e in audit.entries(team) if e.action == "user_roles" and e.actor == "admin"]
    assert len(lines) == 1


def test_each_change_of_a_person_is_a_form_of_its_own(team: Settings, browsers: Any) -> None:
    """Enter in the limit box submits the limit (test_team_browser presses it): one form per action."""
    admin = browsers()
    sign_in(admin, "admin")
    form = fields(admin.get("/admin/users").text, "/admin/users/alice")
    assert form["action"] == "roles" and "limit" not in form and "password" not in form
    limit = {"csrf_token": token(admin, "/admin/users"), "action": "limit", "limit": "50"}
    assert "Limit of alice set: 50.00 without approval" in admin.post("/admin/users/alice", data=limit).text
    assert getattr(accounts.find_user(team, "alice"), "spend_limit", None) == 50
    # the box is shown empty: Set limit (or Enter) on it does not take her limit away
    empty = admin.post("/admin/users/alice", data={**limit, "limit": ""})
    assert empty.status_code == 400 and "Type the most alice may send without approval" in empty.text
    assert getattr(accounts.find_user(team, "alice"), "spend_limit", None) == 50
    cleared = admin.post("/admin/users/alice", data={**limit, "limit": "none"})
    assert "Limit of alice set: none (the team threshold applies)" in cleared.text

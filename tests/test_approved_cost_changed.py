"""A page batch approved at 125.00 whose vendor raised a fee before the approval's run sent it: the run
refused 'cost 135.00' (nothing was sent beyond what was approved), and carol, the approver who pressed
Approve, read on its progress page 'The orders to send cost 135.00, more than the 125.00 confirmed on its
cost page' and 'The cost of this batch changed since you confirmed it ...: open its cost page, check the new
total and send it from there': she confirmed nothing on a cost page, and hers says 'Nothing is sent from this
page by you: sending needs the role requester' (found by hunter-money25). The pages name the approval, and
who sends the batch again to ask for the new total."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import visible_text
from test_plan_kept_prices import approving_at_a_raised_fee
from test_web import wait_until_finished

from bulkship.team import approvals


@pytest.mark.usefixtures("quick_hashes")
def test_an_approved_send_refused_for_a_raised_fee_names_the_approval_and_who_asks_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_team_web import send

    with approving_at_a_raised_fee(tmp_path, monkeypatch) as (team, alice, carol, asked, form, approve):
        carol.post(approve, data=form)
        done = " ".join(visible_text(wait_until_finished(carol, "gifts")).split())
        assert f"cost 135.00, more than the 125.00 approved (request #{asked.id})." in done, done
        assert "confirmed on its cost page" not in done and "send it from there" not in done, done
        assert "changed since it was approved" in done, done
        asks = "alice sends the batch again from its cost page, which asks for approval of the new total"
        assert asks in done, done
        # ... and offers carol no cost page to send from: she sends nothing there (the page says so)
        assert "See its cost and send what is left" not in done, done
        assert "A requester of the team sends what is left from its cost page" in done, done
        mine = " ".join(visible_text(alice.get("/batches/gifts/progress").text).split())
        assert "See its cost and send what is left" in mine, mine
        for reader in (alice, carol):  # the Results page says the refusal the same way
            results = " ".join(visible_text(reader.get("/batches/gifts/results").text).split())
            assert f"more than the 125.00 approved (request #{asked.id})" in results, results
        # alice's own Send after it, at 135.00: asks anew, nothing sent without an approver
        assert "Waiting for approval" in send(alice, "gifts").text
        again = approvals.latest(team, "gifts")
        assert again is not None and again.id != asked.id and str(again.total) == "135.00"

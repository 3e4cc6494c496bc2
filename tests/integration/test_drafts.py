"""Unsaved forms kept over a lock: for their author only, once, encrypted, gone with the account."""

import pytest

from tests.integration.conftest import data_files
from wingdesk.domain.errors import AccessDenied, ValidationError

CANARY = "DRAFT-CANARY-quiet-then-asked-twice"
FIELDS = {"prisoner_id": "p-1", "category": "NEEDS_REQUEST", "what_seen_heard": f"He said: {CANARY}",
          "urgent": False, "happened_at": None}


def test_a_kept_draft_goes_back_to_its_author_only_and_only_once(login):
    off1 = login("off1")
    off1.drafts.keep("observation", FIELDS)
    assert login("off2").drafts.take("observation") is None  # another officer on the same PC
    assert login("sup").drafts.take("observation") is None
    draft = off1.drafts.take("observation")
    assert draft.fields == FIELDS and draft.form == "observation" and draft.saved_at
    assert off1.drafts.take("observation") is None
    actions = [(e.action, e.object) for e in off1.ctx.repo.iter_audit() if e.action.startswith("draft_")]
    assert actions == [("draft_keep", "draft:observation"), ("draft_resume", "draft:observation")]


def test_a_newer_draft_replaces_the_older_one(login):
    off1 = login("off1")
    off1.drafts.keep("observation", {"what_seen_heard": "first"})
    off1.drafts.keep("observation", {"what_seen_heard": "second"})
    assert off1.drafts.take("observation").fields == {"what_seen_heard": "second"}


def test_only_plain_values_of_forms_the_person_may_save(login):
    psy = login("psy")
    for form in ("observation", "log_entry"):  # treatment staff write neither, so they keep no draft of either
        with pytest.raises(AccessDenied):
            psy.drafts.keep(form, FIELDS)
    login("off2").drafts.keep("log_entry", {"entry_type": "GENERAL", "fields": '{"text": "Leak"}'})
    off1 = login("off1")
    for form, fields in (("unknown_form", FIELDS), ("observation", {"nested": {"a": 1}}),
                         ("observation", {"": "x"}), ("observation", {"text": "x" * 300_000})):
        with pytest.raises(ValidationError):
            off1.drafts.keep(form, fields)
    assert off1.drafts.take("observation") is None


def test_a_draft_is_encrypted_on_disk_and_goes_with_its_account(login, tmp_path):
    off1 = login("off1")
    user_id = off1.user.id
    off1.drafts.keep("observation", FIELDS)
    off1.lock()
    for path in data_files(tmp_path / "wing"):
        assert CANARY.encode() not in path.read_bytes()
    admin = login("admin")

    def kept():
        return admin.ctx.repo.query_one("SELECT count(*) FROM drafts WHERE user_id = ?", (user_id,))[0]

    assert kept() == 1
    admin.users.remove_user("off1")
    assert kept() == 0

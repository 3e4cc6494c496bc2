"""The sentence for each inbox item, by the source that made it (services.inbox_sources), and loading the inbox
with the prisoners' names on a worker thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from wingdesk.gui.group_prompts import admission_deadline_text
from wingdesk.gui.labels import code_label
from wingdesk.gui.prisoner_names import prisoner_label
from wingdesk.gui.when import day_text, when
from wingdesk.i18n import _, current_language

if TYPE_CHECKING:
    from wingdesk.domain.inbox import InboxItem
    from wingdesk.services.wing import WingServices


@dataclass
class InboxData:
    items: list[InboxItem] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # prisoner id -> "Family, Given (number)"
    today: date | None = None


def load_inbox(session: WingServices) -> InboxData:
    """Runs on a worker thread: the user's items, then the names of the prisoners they are about."""
    data = InboxData(items=session.inbox.items())
    if data.items:  # every role some source serves reads prisoners
        data.today = session.prisoners.today()
    for prisoner_id in {i.prisoner_id for i in data.items if i.prisoner_id}:
        prisoner = session.prisoners.get(prisoner_id)
        data.names[prisoner_id] = prisoner_label(prisoner)
    return data


def item_text(item: InboxItem, data: InboxData) -> str:
    p = item.params
    prisoner = data.names.get(item.prisoner_id or "", _("unknown prisoner"))
    overdue = bool(data.today and p.get("due") and p["due"] < data.today.isoformat())
    if item.source == "urgent_observation":
        return _("Urgent observation about {prisoner} ({category}), {when}. Author: {author}.").format(
            prisoner=prisoner, category=code_label(p.get("category")), when=when(item.at), author=p.get("author", ""))
    if item.source == "returned_entry":
        return _("Your entry ({entry_type}) of {day} was returned by the supervisor: answer it on the Wing log "
                 "page.").format(entry_type=code_label(p.get("entry_type")), day=day_text(p.get("day")))
    if item.source == "plan_review_overdue":
        return _("Treatment plan review for {prisoner} is overdue: it was due on {date}.").format(
            prisoner=prisoner, date=day_text(p.get("due")))
    if item.source == "assessment_review_overdue":  # issue 15 item 2
        return _("Reassessment of {prisoner} is overdue: the review was due on {date}.").format(
            prisoner=prisoner, date=day_text(p.get("due")))
    if item.source == "allocation_proposed":  # issue 15 item 4: on the Approvals page
        return _("An allocation decision about {prisoner} ({decision}) waits for your approval.").format(
            prisoner=prisoner, decision=code_label(p.get("decision")))
    if item.source == "allocation_review_overdue":  # issue 15 item 4
        return _("The allocation decision about {prisoner} ({decision}) is past its review date: it was due on "
                 "{date}.").format(prisoner=prisoner, decision=code_label(p.get("decision")),
                                   date=day_text(p.get("due")))
    if item.source == "assessment_to_countersign":  # issue 15 item 2: on the Approvals page
        return _("An agreed assessment of {prisoner} ({kind}) waits for your countersignature.").format(
            prisoner=prisoner, kind=code_label(p.get("kind")))
    if item.source == "admission_deadline":  # issue 15 item 3
        return admission_deadline_text(p, prisoner, overdue)
    if item.source == "alert_review":
        text = (_("Alert “{alert}” on {prisoner}: review overdue since {date}.") if overdue
                else _("Alert “{alert}” on {prisoner}: review due on {date}."))
        return text.format(alert=code_label(p.get("code")), prisoner=prisoner, date=day_text(p.get("due")))
    if item.source == "alert_end":
        return _("Alert “{alert}” on {prisoner} ends on {date}.").format(
            alert=code_label(p.get("code")), prisoner=prisoner, date=day_text(p.get("due")))
    if item.source == "transfer_waiting":  # issue 19 item 1
        return _("A transfer package from {prison} is waiting for you to accept it.").format(
            prison=p.get("prison", ""))
    if item.source == "transfer_acknowledged":
        return _("{prison} accepted the transfer of this prisoner's file, {when}.").format(
            prison=p.get("prison", ""), when=when(item.at))
    if item.source == "wing_recovered":  # issue 22 item 3
        return _("HQ recovery created a new administrator on this wing, {when}: {admin}. If nobody expected it, "
                 "tell the governor.").format(when=when(item.at), admin=p.get("admin", ""))
    if item.source == "training_due":  # issue 18: the module's title in the user's language, else English
        title = p.get(f"title.{current_language()}") or p.get("title.en") or p.get("module", "")
        if p.get("due"):
            return _("Refresher of the training module “{module}” was due on {date}: take it on the Learning "
                     "page.").format(module=title, date=day_text(p.get("due")))
        return _("Training module “{module}” is required for your role: take it on the Learning page.").format(
            module=title)
    if item.source == "intel_ack":  # issue 16: the reporting officer learns it was graded, never the grade
        return _("Your observation of {day} about {prisoner} was received and graded by security. Thank you.").format(
            day=day_text(p.get("day")), prisoner=prisoner)
    if item.source == "intel_review":  # issue 16: weak or ungraded intelligence is reviewed for deletion
        grade = p.get("grade") or _("not graded")
        text = (_("Intelligence report on {prisoner} ({subject}, {grade}): deletion review overdue since {date}. "
                  "Renew it with a reason, or have it deleted.") if overdue else
                _("Intelligence report on {prisoner} ({subject}, {grade}): deletion review due on {date}. Renew it "
                  "with a reason, or have it deleted."))
        return text.format(prisoner=prisoner, subject=code_label(p.get("subject")), grade=grade,
                           date=day_text(p.get("due")))
    if item.source == "security_task":  # issue 16: a request from security, answered on the Security tasks list
        return _("Security asks: {task} ({prisoner}). Record what was done and the search entry.").format(
            task=code_label(p.get("task_type")), prisoner=prisoner)
    if item.source == "security_task_done":
        return _("Security task done: {task} ({prisoner}). The result is linked to the report.").format(
            task=code_label(p.get("task_type")), prisoner=prisoner)
    return _("{what}: {prisoner}").format(what=code_label(item.source), prisoner=prisoner)

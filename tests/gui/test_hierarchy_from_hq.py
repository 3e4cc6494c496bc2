"""The prison/wing hierarchy end to end (issue 17 item 3): HQ publishes it in the console, the demo wing applies it
from its next HQ→wing bundle, and the screens use it: the window title, the status bar and the overview's heading
show the official prison and wing names for this PC (the wing's own name before any is published); the roll box
shows the occupancy against the published capacity, said in words when over it, and the special units as text;
the transfer dialog names the other prison's PC by its official names."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings, Qt
from starlette.testclient import TestClient

from tests.gui.hq_bundle_fixtures import admin_console, hq, sessions  # noqa: F401
from tests.gui.pages_fixtures import PASSWORDS, demo_template, settle, tasks, wing_dir  # noqa: F401
from tests.hierarchy_documents import IDRIZOVO, changed
from tests.hq.conftest import Wing
from tests.hq.console_fixtures import form_token
from tests.integration.sync_helpers import enrol
from wingdesk.domain.people import PrisonerFilter
from wingdesk.gui.dialogs.transfer_dialog import TransferDialog
from wingdesk.gui.main_window import MainWindow
from wingdesk.gui.pages.home_page import HomePage
from wingdesk.hq.devices import enrol_device
from wingdesk.hq.outbox import build_outbox_bundle
from wingdesk.i18n import set_language


def _publish(c: TestClient, raw: dict) -> None:
    page = c.get("/publish/hierarchy").text
    shown = c.post("/publish/hierarchy/preview",
                   data={"csrf": form_token(page, "/publish/hierarchy/preview"),
                         "document": json.dumps(raw, ensure_ascii=False)},
                   files={"file": ("", b"", "application/octet-stream")})
    assert shown.status_code == 200, shown.text
    digest = shown.text.split('name="sha256" value="')[1].split('"')[0]
    assert c.post("/publish", data={"csrf": form_token(shown.text, "/publish"), "sha256": digest}).status_code == 303


def _import(session, ctx, device: str, path) -> None:
    path.write_bytes(build_outbox_bundle(ctx, device))
    result = session.sync.import_files([path])
    assert result.files[0].outcome == "applied", result.files


def _ours(device: str, peer: str, revision: int, capacity: int) -> dict:
    def edit(d: dict) -> None:
        d["wings"][0].update(devices=[device], capacity=capacity, units=["young", "female"])
        d["wings"][1]["devices"] = [peer]
    return changed(revision, edit)


def _window(qtbot, session, tasks, tmp_path):  # noqa: F811
    window = MainWindow(session, tasks, QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    settle(qtbot, tasks)
    return window


def test_the_screens_show_the_official_names_capacity_and_units(qtbot, sessions, hq, tasks, tmp_path):  # noqa: F811
    ctx = hq.ctx
    device = enrol(sessions("admin"), ctx)
    peer = Wing(ctx.keys, name="Skopje PC")
    enrol_device(ctx.store, *peer.enrolment(), "prod", ctx.clock())
    officer = sessions("officer")
    own = officer.wing
    window = _window(qtbot, officer, tasks, tmp_path)
    assert window.windowTitle() == f"WingDesk: {own}"  # nothing published: the wing's own name
    home = window.pages["home"]
    assert isinstance(home, HomePage) and home.presence is not None
    assert not home.presence.unit_label.isVisible() and home.heading.text() == f"{own}: overview"
    console = admin_console(hq)
    _publish(console, _ours(device, peer.device_id, 1, capacity=3))
    _import(sessions("supervisor"), ctx, device, tmp_path / "1.wdb")
    window.refresh_current()
    home.refresh()
    settle(qtbot, tasks)
    official = f"{IDRIZOVO} – Б крило"
    assert window.windowTitle() == f"WingDesk: {official}"
    assert window.wing_label.text() == f"Wing: {official}" and home.heading.text() == f"{official}: overview"
    on_roll = home.presence.data.roll.on_roll
    assert on_roll > 3
    label = home.presence.unit_label
    assert label.isVisible()
    assert label.text() == f"Over capacity: {on_roll} / 3 · Special unit: Young prisoners, Women"
    assert "font-weight: 600" in label.styleSheet()  # said in words and marked
    window.grab().save(str(tmp_path / "over-capacity-en.png"))
    _publish(console, _ours(device, peer.device_id, 2, capacity=500))
    _import(sessions("supervisor"), ctx, device, tmp_path / "2.wdb")
    home.refresh()
    settle(qtbot, tasks)
    assert label.text() == f"Places: {on_roll} / 500 · Special unit: Young prisoners, Women"
    assert label.styleSheet() == ""
    window.grab().save(str(tmp_path / "overview-en.png"))  # 1280x800 (pytest --basetemp to keep them)
    set_language("mk")
    settle(qtbot, tasks)
    window.grab().save(str(tmp_path / "overview-mk.png"))
    assert label.text() == f"Зафатени места: {on_roll} / 500 · Посебна единица: Млади осудени лица, Жени"
    assert window.windowTitle() == f"WingDesk: {official}"


def test_the_transfer_dialog_names_the_other_prison_officially(qtbot, sessions, hq, tasks, tmp_path):  # noqa: F811
    ctx = hq.ctx
    device = enrol(sessions("admin"), ctx)
    peer = Wing(ctx.keys, name="Skopje PC")
    enrol_device(ctx.store, *peer.enrolment(), "prod", ctx.clock())
    _publish(admin_console(hq), _ours(device, peer.device_id, 1, capacity=40))
    _import(sessions("supervisor"), ctx, device, tmp_path / "1.wdb")
    governor = sessions("governor")
    prisoner = governor.prisoners.page(PrisonerFilter())[0]
    dialog = TransferDialog(governor, tasks, prisoner)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, tasks)
    dialog.destination.setCurrentIndex(dialog.destination.findData(peer.device_id))
    dialog.grab().save(str(tmp_path / "transfer-en.png"))
    combo = dialog.destination
    shown = {combo.itemData(i): (combo.itemText(i), combo.itemData(i, Qt.ItemDataRole.ToolTipRole))
             for i in range(combo.count())}
    assert shown[peer.device_id] == ("Затвор Скопје – Одделение 1", "Skopje PC")  # the name it enrolled under
    others = [(text, tip) for device_id, (text, tip) in shown.items() if device_id != peer.device_id]
    assert others and all(tip is None and "–" not in text for text, tip in others)  # not in HQ's hierarchy: as listed

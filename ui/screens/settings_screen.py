"""Settings (F11): the outlet's rules (manager edits; audited in the core) and this PC's
preferences (language, voice; printers come with printing)."""
from __future__ import annotations

import json  # noqa: F401  (kept so the import block merges cleanly)

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from outlet_desk import changes, settings
from outlet_desk.errors import ValidationError
from outlet_desk.permissions import allowed

from .. import voice
from ..resources import LANGUAGES
from ..widgets.setting_editors import editor_for, editor_kind
from .base import Screen

SECTION_TITLES = settings.SECTION_TITLES


class SettingsScreen(Screen):
    FKEY = 11
    TITLE = "Settings"
    WATCHES = frozenset({changes.SETTINGS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        self.heading = QLabel()
        f = self.heading.font()
        f.setPointSize(16)
        f.setBold(True)
        self.heading.setFont(f)
        outer.addWidget(self.heading)

        # this PC
        self.pc_box = QGroupBox()
        pc_form = QFormLayout(self.pc_box)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language_label = QLabel()
        pc_form.addRow(self.language_label, self.language)
        self.language.currentIndexChanged.connect(self._language_changed)
        # one printer per kind of document, remembered on this PC
        from ..printing import KINDS
        self.printer_boxes: dict[str, QComboBox] = {}
        self.printer_labels: dict[str, QLabel] = {}
        for kind in KINDS:
            combo = QComboBox()
            combo.setObjectName(f"printer:{kind}")
            combo.currentTextChanged.connect(lambda name, k=kind: self._printer_chosen(k, name))
            label = QLabel()
            self.printer_boxes[kind] = combo
            self.printer_labels[kind] = label
            pc_form.addRow(label, combo)
        self.voice_label, self.voice_check = QLabel(), QCheckBox()     # 语音播报, off by default
        self.voice_check.setObjectName("voice_enabled")
        self.voice_check.toggled.connect(self._voice_toggled)
        pc_form.addRow(self.voice_label, self.voice_check)

        # the outlet's rules
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        outer.addWidget(self.scroll, 1)
        # one editor per setting, chosen from its declared kind/shape (ui/widgets/setting_editors.py),
        # with the core's one-line reason under it when a value is refused
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.bad_stored: dict[str, str] = {}
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.boxes: dict[str, QGroupBox] = {}
        order = list(SECTION_TITLES)          # sections in the outlet's order, then the rest
        for spec in sorted(settings.specs().values(),
                           key=lambda s: (order.index(s.section) if s.section in order else len(order),
                                          s.section)):
            box = self.boxes.get(spec.section)
            if box is None:
                box = self.boxes[spec.section] = QGroupBox()
                box.setLayout(QFormLayout())
                self.body_layout.addWidget(box)
            edit = editor_for(spec)
            edit.setObjectName(f"setting:{spec.key}")
            label = QLabel()
            label.setWordWrap(True)
            error = QLabel()
            error.setObjectName(f"setting-error:{spec.key}")
            error.setWordWrap(True)
            error.setStyleSheet("color: #c0392b;")
            error.hide()
            field = QWidget()
            column = QVBoxLayout(field)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(error)
            self.editors[spec.key] = edit
            self.labels[spec.key] = label
            self.errors[spec.key] = error
            if editor_kind(spec) in ("table", "map"):       # tables get the whole width
                box.layout().addRow(label)
                box.layout().addRow(field)
            else:
                box.layout().addRow(label, field)
        self.body_layout.addStretch(1)
        self.scroll.setWidget(body)

        # backups (manager): list, back up now, restore
        self.backup_box = QGroupBox()
        backup_layout = QVBoxLayout(self.backup_box)
        self.backup_list = QListWidget()
        self.backup_list.setMaximumHeight(84)      # three backups; the rules above get the room
        backup_layout.addWidget(self.backup_list)
        backup_buttons = QHBoxLayout()
        self.backup_button = QPushButton()
        self.restore_button = QPushButton()
        self.backup_button.clicked.connect(self.backup_now)
        # not connected directly: clicked(bool) would arrive as confirm=False and do nothing
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        backup_buttons.addWidget(self.backup_button)
        backup_buttons.addWidget(self.restore_button)
        backup_buttons.addStretch(1)
        backup_layout.addLayout(backup_buttons)

        # the rules get the height (at 1366×768 they were a 240 px slot between this PC's box
        # and the backups): their save button under them, this PC and the backups side by side
        buttons = QHBoxLayout()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.readonly_note = QLabel()
        buttons.addWidget(self.readonly_note, 1)
        buttons.addWidget(self.save_button, 0, Qt.AlignRight)
        outer.addLayout(buttons)
        bottom = QHBoxLayout()
        bottom.addWidget(self.pc_box, 3)
        bottom.addWidget(self.backup_box, 2)
        outer.addLayout(bottom)
        self.retranslate()

    def _zh(self) -> bool:
        return self.ctx.prefs.value("language", "zh_CN") != "en"

    def retranslate(self) -> None:
        zh = self._zh()
        self.heading.setText(self.tr("Settings"))
        self.pc_box.setTitle(self.tr("This PC"))
        self.language_label.setText(self.tr("Language"))
        self.printer_labels["labels"].setText(self.tr("Label printer (pickup codes, red labels)"))
        self.printer_labels["receipts"].setText(self.tr("Receipt printer (80 mm)"))
        self.printer_labels["reports"].setText(self.tr("Report printer (A4)"))
        self.voice_label.setText(self.tr("Voice"))
        self.voice_check.setText(
            self.tr("Say the pickup code or the refusal reason after each intake scan"))
        for key, spec in settings.specs().items():
            self.labels[key].setText(spec.label_zh if zh else spec.label)
            self.labels[key].setToolTip(spec.help_zh if zh else spec.help)
            self.editors[key].retranslate(zh)
        for section, box in self.boxes.items():
            en, cn = SECTION_TITLES.get(section, (section, section))
            box.setTitle(cn if zh else en)
        self.save_button.setText(self.tr("Save outlet settings"))
        self.readonly_note.setText(self.tr("Only a manager can change the outlet's settings."))
        self.backup_box.setTitle(self.tr("Backups"))
        self.backup_button.setText(self.tr("Back up now"))
        self.restore_button.setText(self.tr("Restore selected…"))

    def refresh(self) -> None:
        values = settings.all_values()
        can_edit = bool(self.ctx.actor and allowed(self.ctx.actor, "settings.update"))
        for key, edit in self.editors.items():
            edit.set(values[key])
            edit.set_read_only(not can_edit)
        # a stored value that fails its check: the editor shows the default the outlet runs on,
        # the reason is under it, and saving writes what is shown
        self.bad_stored = settings.problems_by_key()
        self.show_errors({k: self.tr("Stored value refused, the default is used: %1").replace("%1", p)
                          for k, p in self.bad_stored.items()})
        self.save_button.setEnabled(can_edit)
        self.readonly_note.setVisible(not can_edit)
        self.refresh_printers()
        self.backup_box.setVisible(bool(self.ctx.actor and self.ctx.actor.is_manager))
        if self.backup_box.isVisible():
            self.refresh_backups()
        lang = self.ctx.prefs.value("language", "zh_CN")
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.language.blockSignals(False)
        self.voice_check.blockSignals(True)
        self.voice_check.setChecked(voice.for_ctx(self.ctx).enabled)
        self.voice_check.blockSignals(False)

    def edited_values(self) -> tuple[dict, dict]:
        """({key: value} of the settings changed in the editors, {key: one-line reason} of those
        the core's check refuses — ``settings.coerce``, which writes nothing)."""
        current = settings.all_values()
        known = settings.specs()
        edited, refused = {}, {}
        for key, edit in self.editors.items():
            try:
                value = edit.get()
                if value == current[key] and key not in self.bad_stored:
                    continue
                settings.coerce(known[key], value)
            except ValidationError as exc:
                refused[key] = exc.message
                continue
            edited[key] = value
        return edited, refused

    def show_errors(self, refused: dict) -> None:
        """Each refused value's reason right under its editor; the others' reasons cleared."""
        for key, label in self.errors.items():
            label.setText(refused.get(key, ""))
            label.setVisible(key in refused)
        if refused:
            first = next(k for k in self.editors if k in refused)
            self.scroll.ensureWidgetVisible(self.editors[first])
            self.scroll.ensureWidgetVisible(self.errors[first])     # the reason at least

    def save(self) -> None:
        edited, refused = self.edited_values()
        self.show_errors(refused)
        if refused:
            first = next(k for k in self.editors if k in refused)
            self.ctx.banner.error(refused[first] if len(refused) == 1 else
                                  self.tr("Not saved: %1 settings need correcting (shown in red).")
                                  .replace("%1", str(len(refused))))
            return
        if not edited:
            self.ctx.banner.show_message(self.tr("Nothing changed."), "info")
            return
        self.ctx.perform(lambda: settings.update(edited, actor=self.ctx.actor, now=self.ctx.now()),
                         success=self.tr("Settings saved."))

    def _language_changed(self, _index) -> None:
        code = self.language.currentData()
        self.ctx.prefs.setValue("language", code)
        switch = self.ctx.extras.get("switch_language")
        if switch:
            switch(code)

    def _voice_toggled(self, on: bool) -> None:
        voice.for_ctx(self.ctx).set_enabled(on)

    # -- printers (per PC) ------------------------------------------------------------------
    def refresh_printers(self) -> None:
        from ..printing import available_printers, chosen_printer
        names = available_printers()
        for kind, combo in self.printer_boxes.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(names)
            current = chosen_printer(self.ctx.prefs, kind)
            if current in names:
                combo.setCurrentText(current)
            combo.setEnabled(bool(names))
            combo.blockSignals(False)

    def _printer_chosen(self, kind: str, name: str) -> None:
        from ..printing import remember_printer
        if name:
            remember_printer(self.ctx.prefs, kind, name)

    # -- backups ---------------------------------------------------------------------------
    def refresh_backups(self) -> None:
        from outlet_desk.datacare import backup
        self.backup_list.clear()
        for b in backup.list_backups(self.ctx.home):
            item = QListWidgetItem(f"{b.taken_at:%Y-%m-%d %H:%M:%S}   {b.reason}   {b.size // 1024} KB")
            item.setData(Qt.UserRole, str(b.path))
            self.backup_list.addItem(item)

    def backup_now(self):
        """Take a verified backup on the database executor (ui/ops.py); the counter keeps working."""
        from outlet_desk.datacare import backup

        from .. import ops
        home, actor, now = self.ctx.home, self.ctx.actor, self.ctx.now()

        def done(info):
            self.ctx.banner.ok(self.tr("Backup taken and verified: %1").replace("%1", info.path.name))
            self.refresh_backups()

        return ops.perform(self.ctx, lambda: backup.backup_now(home, actor=actor, reason="manual", now=now),
                           label=self.tr("Backing up …"), on_done=done)

    def restore_selected(self, confirm=None):
        """Restore the selected backup on the database executor (ui/ops.py): the counter keeps
        painting, the status bar says what runs, and the window refuses database work and scans
        meanwhile (MainWindow.database_away).  The current database is kept aside; the database
        is opened again on the same thread (its migrations and checks too), then everyone logs in
        again on the restored data.  Returns the job, or None when nothing was started."""
        from pathlib import Path

        from outlet_desk.datacare import backup
        from outlet_desk.db import close_database
        from outlet_desk.errors import OutletError

        from .. import ops
        from ..outlet import open_outlet
        item = self.backup_list.currentItem()
        if item is None:
            self.ctx.banner.error(self.tr("Choose a backup first."))
            return None
        path = Path(item.data(Qt.UserRole))     # checked by the restore itself, in the background
        question = self.tr("Restore the backup of %1? The current database is kept aside.") \
            .replace("%1", item.text().split("   ")[0])
        if confirm is None:
            confirm = QMessageBox.question(self, self.tr("Restore"), question) == QMessageBox.Yes
        if not confirm:
            return None
        window = self.window()
        home, actor, now = self.ctx.home, self.ctx.actor, self.ctx.now()
        label = self.tr("Restoring the backup of %1 …").replace("%1", item.text().split("   ")[0])
        if hasattr(window, "database_away"):
            wait_for_readers = window.database_away(label)
        else:                        # the screen on its own (a test)
            self.ctx.db_away, wait_for_readers = label, None
        close_database()             # this (the GUI) thread's connection; the job opens it again

        def run():
            if wait_for_readers is not None:
                wait_for_readers()
            try:
                return backup.restore(home, path, actor=actor, now=now)
            finally:
                open_outlet(home)    # the restored database, or the untouched one if refused

        def back(replaced: bool):
            if hasattr(window, "database_back"):
                window.database_back(replaced=replaced)
            else:
                self.ctx.db_away = ""

        def done(aside):
            back(True)
            self.ctx.bus.emit_changes(changes.ALL)
            said = self.tr("Restored. The previous database was kept as %1").replace("%1", aside.name)
            self.ctx.banner.ok(said)
            if hasattr(window, "login"):
                window.login.say(said + "  " + self.tr("Everyone logs in again."))

        def failed(exc):
            back(False)
            self.ctx.banner.error(str(exc) if isinstance(exc, OutletError)
                                  else f"{type(exc).__name__}: {exc}")

        return ops.run_in_background(run, done, failed, kind=ops.DB, label=label)

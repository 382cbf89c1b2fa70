"""Settings (F11): the outlet's rules (manager edits; audited in the core) and this PC's
preferences (language; printers come with printing)."""
from __future__ import annotations

import json

from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from outlet_desk import changes, settings
from outlet_desk.permissions import allowed

from ..resources import LANGUAGES
from .base import Screen

SECTION_TITLES = {
    "outlet": ("Outlet", "网点"), "shifts": ("Shifts", "班次"), "stock": ("Shelf & storage", "货架与保管"),
}


def _text(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (dict,)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


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
        outer.addWidget(self.pc_box)

        # the outlet's rules
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        outer.addWidget(self.scroll, 1)
        self.editors: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.boxes: dict[str, QGroupBox] = {}
        for spec in sorted(settings.specs().values(), key=lambda s: (s.section, s.key)):
            box = self.boxes.get(spec.section)
            if box is None:
                box = self.boxes[spec.section] = QGroupBox()
                box.setLayout(QFormLayout())
                self.body_layout.addWidget(box)
            edit = QLineEdit()
            edit.setObjectName(f"setting:{spec.key}")
            label = QLabel()
            self.editors[spec.key] = edit
            self.labels[spec.key] = label
            box.layout().addRow(label, edit)
        self.body_layout.addStretch(1)
        self.scroll.setWidget(body)

        buttons = QHBoxLayout()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.readonly_note = QLabel()
        buttons.addWidget(self.readonly_note, 1)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        self.retranslate()

    def _zh(self) -> bool:
        return self.ctx.prefs.value("language", "zh_CN") != "en"

    def retranslate(self) -> None:
        zh = self._zh()
        self.heading.setText(self.tr("Settings"))
        self.pc_box.setTitle(self.tr("This PC"))
        self.language_label.setText(self.tr("Language"))
        for key, spec in settings.specs().items():
            self.labels[key].setText(spec.label_zh if zh else spec.label)
            self.editors[key].setToolTip(spec.help)
        for section, box in self.boxes.items():
            en, cn = SECTION_TITLES.get(section, (section, section))
            box.setTitle(cn if zh else en)
        self.save_button.setText(self.tr("Save outlet settings"))
        self.readonly_note.setText(self.tr("Only a manager can change the outlet's settings."))

    def refresh(self) -> None:
        values = settings.all_values()
        for key, edit in self.editors.items():
            edit.setText(_text(values[key]))
        can_edit = bool(self.ctx.actor and allowed(self.ctx.actor, "settings.update"))
        for edit in self.editors.values():
            edit.setReadOnly(not can_edit)
        self.save_button.setEnabled(can_edit)
        self.readonly_note.setVisible(not can_edit)
        lang = self.ctx.prefs.value("language", "zh_CN")
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.language.blockSignals(False)

    def save(self) -> None:
        current = settings.all_values()
        edited = {k: e.text() for k, e in self.editors.items() if e.text() != _text(current[k])}
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

"""Audit log (F12, manager): browse and filter the append-only log, verify its hash chain."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout

from outlet_desk import audit, audit_text, changes, i18n
from outlet_desk.permissions import SYSTEM

from ..models.rows import Column, RowsTableModel
from .base import Screen


class AuditScreen(Screen):
    FKEY = 12
    TITLE = "Audit log"
    MANAGER_ONLY = True
    WATCHES = frozenset(changes.ALL)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        from outlet_desk.permissions import load_all_operations
        load_all_operations()
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.action_filter = QLineEdit()
        self.who_filter = QLineEdit()
        self.text_filter = QLineEdit()
        self.apply_button = QPushButton()
        self.verify_button = QPushButton()
        for w in (self.action_filter, self.who_filter, self.text_filter):
            w.returnPressed.connect(self.refresh)
            filters.addWidget(w)
        filters.addWidget(self.apply_button)
        filters.addWidget(self.verify_button)
        layout.addLayout(filters)
        self.result = QLabel()
        layout.addWidget(self.result)
        self.model = RowsTableModel(self._columns(), loader=self._load, page=200)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        self.apply_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        self.retranslate()

    def _columns(self):
        return [
            Column(self.tr("#"), lambda r: r.id),
            Column(self.tr("Time"), lambda r: r.at.strftime("%Y-%m-%d %H:%M:%S") if hasattr(r.at, "strftime") else r.at),
            Column(self.tr("Who"), lambda r: i18n._(SYSTEM.name) if r.actor_name == SYSTEM.name
                   else r.actor_name),        # the app itself, stored as 系统
            Column(self.tr("Action"), lambda r: r.action_label),
            Column(self.tr("Record"), lambda r: r.record),
            Column(self.tr("Detail"), lambda r: r.detail),
        ]

    def retranslate(self) -> None:
        self.action_filter.setPlaceholderText(self.tr("Action name or code…"))
        self.who_filter.setPlaceholderText(self.tr("Who"))
        self.text_filter.setPlaceholderText(self.tr("Text in detail or record"))
        self.apply_button.setText(self.tr("Filter"))
        self.verify_button.setText(self.tr("Verify chain"))
        self.model.columns = self._columns()

    def _load(self, offset, limit):
        rows = audit_text.browse(actor=self.ctx.actor, action=self.action_filter.text().strip() or None,
                            who=self.who_filter.text().strip() or None,
                            text=self.text_filter.text().strip() or None, offset=offset, limit=limit)
        return audit_text.describe(rows)

    def refresh(self) -> None:
        if not (self.ctx.actor and self.ctx.actor.is_manager):
            self.model.set_rows([])
            return
        self.model.reload()

    def verify(self) -> None:
        result = audit.verify()
        self.result.setText(result.message())
        self.ctx.banner.show_message(result.message(), "ok" if result.ok else "error")

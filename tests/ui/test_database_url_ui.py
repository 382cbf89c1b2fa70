"""The app at start with a database it cannot use (issue 16): a PostgreSQL server that is down,
or a typo in ``database.url``, is one message naming what is wrong — never a traceback, never a
new SQLite file."""
import pytest

from outlet_desk.db import close_database

from ..pgserver import free_port


class FakeBox:
    """Stands in for QMessageBox (never left modal in a test)."""
    Critical, Yes, No = 0, 1, 2
    shown: list = []

    def setIcon(self, _):
        pass

    def setWindowTitle(self, _):
        pass

    def setText(self, text):
        self.shown.append(text)

    def setStandardButtons(self, _):
        pass

    def exec(self):
        return self.No

    @staticmethod
    def information(*args):
        FakeBox.shown.append(args[-1])


@pytest.fixture
def shown(monkeypatch):
    from ui import app as app_module
    FakeBox.shown = []
    monkeypatch.setattr(app_module, "QMessageBox", FakeBox)
    yield FakeBox.shown
    close_database()


def test_postgresql_down_at_start_names_the_server(qtbot, tmp_path, shown):
    from ui import app as app_module
    port = free_port()
    url = f"postgresql://outlet:secret@127.0.0.1:{port}/outlet803"
    assert app_module.main(home=str(tmp_path / "home"), db_url=url) == 1
    assert len(shown) == 1
    assert f"127.0.0.1:{port}/outlet803" in shown[0] and "secret" not in shown[0]
    assert not (tmp_path / "home" / "outlet.db").exists()


def test_a_typo_in_database_url_is_one_message_and_no_new_file(qtbot, tmp_path, shown, monkeypatch):
    from ui import app as app_module
    home = tmp_path / "home"
    home.mkdir()
    (home / "database.url").write_text("postgresql//outlet:secret@10.0.0.5/outlet803\n")
    monkeypatch.chdir(tmp_path)
    assert app_module.main(home=str(home)) == 1
    assert len(shown) == 1 and "database.url" in shown[0] and "secret" not in shown[0]
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["database.url", "home"]

"""A bug on any thread reaches the clerk as one red line in the banner (the log keeps the rest)."""
import threading
import types

from outlet_desk import logs
from ui.app import BugReporter
from ui.widgets.banner import Banner


def test_a_bug_in_a_worker_thread_shows_one_line_in_the_banner(qtbot):
    banner = Banner()
    qtbot.addWidget(banner)
    reporter = BugReporter(lambda: types.SimpleNamespace(banner=banner))
    line = logs.one_line(ZeroDivisionError("division by zero"))
    worker = threading.Thread(target=reporter.line.emit, args=(line,))   # as the excepthook does
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: banner.text() == line)
    assert "ZeroDivisionError" in banner.text() and "\n" not in banner.text()

"""Bugs leave a trace: the traceback goes to logs/ in the data directory, the clerk sees one line."""
import logging
import sys
import threading

from outlet_desk import logs


def _raise_bug():
    return {}["no such key"]


def test_an_uncaught_exception_is_logged_with_its_traceback_and_shown_as_one_line(tmp_path):
    saved = sys.excepthook, threading.excepthook
    root = logging.getLogger()
    before = list(root.handlers)
    shown = []
    try:
        path = logs.configure(tmp_path)
        assert path == tmp_path / "logs" / "outlet-desk.log"
        logs.install_excepthook(shown.append)
        try:
            _raise_bug()
        except KeyError:
            sys.excepthook(*sys.exc_info())
        worker = threading.Thread(target=_raise_bug)
        worker.start()
        worker.join()
        for handler in root.handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
        assert text.count("Traceback (most recent call last)") == 2 and "_raise_bug" in text
        assert len(shown) == 2 and all("\n" not in line and "KeyError" in line for line in shown)
        assert "Traceback" not in shown[0] and "日志" in shown[0]
    finally:
        sys.excepthook, threading.excepthook = saved
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
                handler.close()


def test_a_data_directory_that_cannot_hold_logs_does_not_stop_the_app(tmp_path):
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        assert logs.configure(tmp_path) is None
    finally:
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
                handler.close()

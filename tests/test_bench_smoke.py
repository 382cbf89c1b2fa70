"""The benchmark runs at a small size and writes its JSON (timings are not asserted here)."""
import json

from outlet_desk.cli import main
from outlet_desk.db import close_database


def test_bench_smoke_writes_every_figure(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert main(["--home", str(tmp_path), "bench", "--parcels", "20000", "--wedge-seconds", "2", "--json", str(out)]) == 0
    close_database()
    data = json.loads(out.read_text())
    names = {f["name"] for f in data["figures"]}
    assert data["parcels"] == 20000
    assert {"floor: raw durable commit p99", "lookup by waybill p99", "start to usable window"} <= names
    # every figure either has a value or says why not
    for f in data["figures"]:
        assert f["value"] is not None or f["note"], f
    assert "measure" in capsys.readouterr().out

"""The benchmark harness works end to end at a tiny scale (the big run,
`make bench`, stays out of the test suite)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import TARGETS

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the harness reads /proc and uses a pty")
def test_smoke_run_writes_every_figure(tmp_path):
    out = tmp_path / "results.json"
    run = subprocess.run([sys.executable, "-m", "bench.run", "--smoke", "--runs", "1", "--out", str(out),
                          "--cache", str(tmp_path / "cache")],
                         cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stdout + run.stderr
    results = json.loads(out.read_text())
    assert set(TARGETS) <= set(results)
    for key in TARGETS:
        figure = results[key]
        if figure.get("skipped"):  # the browser figure where no headless Chromium is installed
            assert key == "web_first_screen_s" and figure["value"] is None
            continue
        assert figure["value"] > 0 and figure["target"] == TARGETS[key] and isinstance(figure["ok"], bool)
    assert results["_meta"]["counts"]["citizens"] == 60
    for key in TARGETS:
        assert key in run.stdout  # the printed table

"""The one maintenance loop runs what features registered, in order and each when due; a failing round is
logged and the next round still comes; retention runs every registered purger."""

from __future__ import annotations

import logging
import math

import pytest
from flask import Flask

from core.registry import periodic_tasks, purgers, register_periodic, register_purger, shutdown_steps
from core.retention import purge_expired
from core.upkeep import run_maintenance, seconds_since_maintenance


class StopLoop(BaseException):
    """Ends the endless loop from inside a task (guarded() lets BaseException through)."""


def bare_app(**config) -> Flask:
    """An app with no features registered: only what each test adds."""
    app = Flask(__name__)
    app.config.update(CHAT_SWEEP_INTERVAL_SECONDS=0, **config)
    return app


def test_the_app_registers_every_feature_s_periodic_work_and_retention_rules(app):
    names = [task.name for task in periodic_tasks(app)]
    assert names[0] == "chat heartbeat" and names[-1] == "retention"
    assert {"member sessions", "age bands", "crisis alerts", "moderator presence"} <= set(names)
    assert len(purgers(app)) == 6 and len(shutdown_steps(app)) == 1
    with app.app_context():
        removed = purge_expired()
    assert {"chat_messages", "staff_messages", "young_until_dates", "stale_library_uploads"} <= set(removed)


def test_tasks_run_in_order_each_when_due_and_a_failing_round_does_not_stop_the_loop(caplog):
    app = bare_app(SLOW_EVERY=3600)
    calls: list[str] = []
    rounds = {"count": 0}

    def every_round(app):
        rounds["count"] += 1
        calls.append("every")
        if rounds["count"] == 2:
            raise RuntimeError("a bug in round two")
        if rounds["count"] == 4:
            raise StopLoop()

    register_periodic(app, "slow", lambda app: calls.append("slow"), every="SLOW_EVERY")
    register_periodic(app, "every round", every_round)
    register_periodic(app, "after", lambda app: calls.append("after"))
    assert math.isnan(seconds_since_maintenance(app))
    with caplog.at_level(logging.ERROR), pytest.raises(StopLoop):
        run_maintenance(app)
    # The hourly task ran once, at once; round two failed before "after"; rounds three and four went on.
    assert calls == ["slow", "every", "after", "every", "every", "after", "every"]
    assert any("maintenance failed" in record.getMessage() for record in caplog.records)
    assert 0 <= seconds_since_maintenance(app) < 60


def test_retention_collects_what_each_purger_removed():
    app = bare_app()
    register_purger(app, lambda: {"a": 2})
    register_purger(app, lambda: {"b": 0, "c": 1})
    with app.app_context():
        assert purge_expired() == {"a": 2, "b": 0, "c": 1}

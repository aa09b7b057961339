"""Templates' cached `url_for` (core/templating.py) answers as Flask's own would, whatever came before."""

from __future__ import annotations

from flask import render_template_string

from tests.support.apps import make_app


def test_an_external_url_keeps_the_scheme_and_host_of_each_request(database_url):
    app = make_app(database_url)
    page = "{{ url_for('pages.home', _external=True) }}"
    app.add_url_rule("/url-probe", "url_probe", lambda: render_template_string(page))
    client = app.test_client()
    answers = [
        client.get("/url-probe", base_url=base).get_data(as_text=True)
        for base in ("http://bryggan.test", "https://bryggan.test", "https://annan.test", "http://bryggan.test")
    ]
    assert answers == [
        "http://bryggan.test/",
        "https://bryggan.test/",
        "https://annan.test/",
        "http://bryggan.test/",
    ]

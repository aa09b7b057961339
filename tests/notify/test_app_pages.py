"""The installable app's files and the settings page: manifests, service worker, offline page."""

from __future__ import annotations

import re


def test_the_manifest_describes_an_installable_app(client):
    answer = client.get("/manifest.webmanifest")
    assert answer.status_code == 200 and answer.mimetype == "application/manifest+json"
    manifest = answer.get_json()
    assert manifest["name"] == "Bryggan" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "/" and manifest["theme_color"] and manifest["background_color"]
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512", "any"} <= sizes
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200 and image.mimetype == icon["type"]
        if icon["type"] == "image/png":
            width, height = int.from_bytes(image.data[16:20], "big"), int.from_bytes(image.data[20:24], "big")
            assert f"{width}x{height}" == icon["sizes"]


def test_the_neutral_manifest_never_says_bryggan(client):
    manifest = client.get("/manifest-neutral.webmanifest").get_json()
    assert manifest["name"] == "Anteckningar"
    assert "bryggan" not in str(manifest).lower()


def test_a_member_who_chose_the_neutral_app_gets_the_neutral_manifest_link(members):
    anna = members("anna")
    assert 'rel="manifest" href="/manifest.webmanifest"' in anna.client.get("/forum").get_data(as_text=True)
    anna.send("PATCH", "/me/notification-settings", {"neutral_app": True})
    assert 'rel="manifest" href="/manifest-neutral.webmanifest"' in anna.client.get("/forum").get_data(
        as_text=True
    )


def test_the_service_worker_is_served_from_the_root_for_the_whole_site(client):
    answer = client.get("/sw.js")
    assert answer.status_code == 200 and answer.mimetype == "text/javascript"
    assert answer.headers["Service-Worker-Allowed"] == "/"
    assert 'var OFFLINE = "/offline"' in answer.get_data(as_text=True)


def test_the_offline_page_holds_nothing_of_any_member(members):
    anna = members("anna")
    answer = anna.client.get("/offline")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "Ingen anslutning just nu" in html
    assert "Set-Cookie" not in answer.headers
    assert anna.pseudonym not in html and "csrf" not in html.lower()
    assert "112" in html


def test_member_pages_are_never_stored(members):
    anna = members("anna")
    for path in ("/forum", "/notifications", "/notifications/settings"):
        assert anna.client.get(path).headers["Cache-Control"] == "no-store"


def test_the_settings_page_saves_every_choice(members):
    anna = members("anna")
    page = anna.client.get("/notifications/settings").get_data(as_text=True)
    assert "Följ trådar som jag svarar i" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    saved = anna.client.post(
        "/notifications/settings", data={"csrf_token": token, "push_details": "1", "neutral_app": "1"}
    )
    assert saved.status_code == 302
    assert anna.get("/me/notification-settings").get_json()["settings"] == {
        "follow_on_reply": False,
        "push_details": True,
        "neutral_app": True,
    }
    assert "Dina inställningar för aviseringar är sparade." in anna.client.get(
        saved.headers["Location"]
    ).get_data(as_text=True)

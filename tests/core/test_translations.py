"""Swedish first: every text a member can read has a Swedish translation, and the catalogue is current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[2]
CATALOG = REPO / "translations" / "sv" / "LC_MESSAGES" / "messages.po"


def catalog_ids() -> dict:
    with CATALOG.open("rb") as handle:
        return {message.id: message.string for message in read_po(handle) if message.id}


def translated(text) -> bool:
    """Singular messages have one string, plural ones a tuple of forms: every form must be filled."""
    return all(text) if isinstance(text, tuple) else bool(text)


def test_every_message_has_a_swedish_translation():
    untranslated = [msgid for msgid, text in catalog_ids().items() if not translated(text)]
    assert untranslated == []


def test_catalogue_holds_every_message_in_code_and_templates(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            Path(sys.executable).parent / "pybabel",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "--ignore-dirs=.venv tests",
            "-o",
            str(pot),
            ".",
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        extracted = {message.id for message in read_po(handle) if message.id}
    missing = extracted - set(catalog_ids())
    assert not missing, f"run `make extract-messages` and translate: {sorted(missing, key=str)}"

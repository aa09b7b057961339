"""Default chat rooms, loaded by `flask seed`. Existing rooms are left as they are."""

from __future__ import annotations

from accounts.age_gate import YOUNG_BAND
from chat.models import Room
from core.seeding import create_missing

DEFAULT_ROOMS = (
    (
        "allmant",
        "Allmänt – öppet dygnet runt",
        "General – open around the clock",
        "Prata om det som känns just nu, med andra anhöriga.",
        "Talk about what is on your mind, with other relatives.",
    ),
    (
        "natten",
        "Nattöppet",
        "Night room",
        "För dig som ligger vaken. Här är det lugnt och stilla.",
        "For you who lie awake. Calm and quiet here.",
    ),
    (
        "demens",
        "Demens",
        "Dementia",
        "För dig som är nära någon med demens.",
        "For those close to someone with dementia.",
    ),
    (
        "psykisk-ohalsa",
        "Psykisk ohälsa",
        "Mental illness",
        "För dig som lever nära någon med psykisk ohälsa.",
        "For those living close to someone with a mental illness.",
    ),
    (
        "beroende",
        "Missbruk och beroende",
        "Addiction",
        "För dig som är anhörig till någon med ett beroende.",
        "For relatives of someone with an addiction.",
    ),
    (
        "unga-anhoriga",
        "Unga anhöriga (16–25)",
        "Young carers (16–25)",
        "För dig som är ung och stöttar någon i familjen.",
        "For young people who support someone in their family.",
    ),
)

# Young carers' space: only for members aged 16–25 (and moderators).
YOUNG = {"unga-anhoriga": {"age_min": YOUNG_BAND.min, "age_max": YOUNG_BAND.max}}


def seed() -> list[str]:
    """Create the default rooms that are missing; report each one created."""
    return create_missing(Room, DEFAULT_ROOMS, "chat room", YOUNG)

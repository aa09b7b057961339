"""The library's topics: names in both languages and the forum category and chat room each one points to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """A subject the library groups its items by; `forum` and `chat` are slugs, linked when they exist."""

    slug: str
    name_sv: str
    name_en: str
    forum: str
    chat: str


TOPICS: tuple[Topic, ...] = (
    Topic("demens", "Demens", "Dementia", "demens", "demens"),
    Topic("psykisk-ohalsa", "Psykisk ohälsa", "Mental illness", "psykisk-ohalsa", "psykisk-ohalsa"),
    Topic("beroende", "Missbruk och beroende", "Addiction", "beroende", "beroende"),
    Topic("funktionsnedsattning", "Funktionsnedsättning", "Disability", "funktionsnedsattning", "allmant"),
    Topic("cancer", "Cancer och allvarlig sjukdom", "Cancer and serious illness", "cancer", "allmant"),
    Topic("unga-anhoriga", "Unga anhöriga", "Young carers", "unga-anhoriga", "unga-anhoriga"),
    Topic(
        "stod-och-rattigheter",
        "Stöd och rättigheter",
        "Support and rights",
        "stod-och-rattigheter",
        "allmant",
    ),
    Topic("egen-halsa", "Att orka själv", "Looking after yourself", "egen-halsa", "natten"),
    Topic("sorg", "Sorg och förlust", "Grief and loss", "sorg", "allmant"),
)

TOPICS_BY_SLUG = {topic.slug: topic for topic in TOPICS}


def topic_name(topic: Topic, language: str) -> str:
    """The topic's name in the page's language."""
    return topic.name_en if language == "en" else topic.name_sv

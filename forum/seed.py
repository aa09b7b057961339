"""Default forum categories, loaded by `flask seed`. Existing categories are left as they are."""

from __future__ import annotations

from accounts.age_gate import YOUNG_BAND
from core.seeding import create_missing
from forum.models import Category

DEFAULT_CATEGORIES = (
    (
        "demens",
        "Demens",
        "Dementia",
        "När någon nära dig glömmer, förändras eller inte längre känner igen dig.",
        "When someone close to you forgets, changes or no longer recognises you.",
    ),
    (
        "psykisk-ohalsa",
        "Psykisk ohälsa",
        "Mental illness",
        "Att leva nära någon med depression, ångest, bipolär sjukdom, psykos eller annan psykisk sjukdom.",
        "Living close to someone with depression, anxiety, bipolar disorder, psychosis or similar.",
    ),
    (
        "beroende",
        "Missbruk och beroende",
        "Addiction and dependency",
        "Alkohol, droger, spel eller läkemedel – när beroendet tar plats i familjen.",
        "Alcohol, drugs, gambling or medicines – when an addiction takes up room in the family.",
    ),
    (
        "funktionsnedsattning",
        "Funktionsnedsättning – barn och vuxna",
        "Disability – children and adults",
        "För dig som är förälder, syskon, partner eller vän till någon med en funktionsnedsättning.",
        "For parents, siblings, partners and friends of someone with a disability.",
    ),
    (
        "cancer",
        "Cancer och allvarlig sjukdom",
        "Cancer and serious illness",
        "Oro, behandlingar, väntan och vardag när någon nära är allvarligt sjuk.",
        "Worry, treatments, waiting and everyday life when someone close is seriously ill.",
    ),
    (
        "unga-anhoriga",
        "Unga anhöriga (16–25)",
        "Young carers (16–25)",
        "För dig som är ung och tar hand om eller oroar dig för en förälder, ett syskon eller en vän.",
        "For young people who care for or worry about a parent, a sibling or a friend.",
    ),
    (
        "stod-och-rattigheter",
        "Stöd och rättigheter",
        "Support and rights",
        "Anhörigstöd, avlösning, biståndsbeslut och kontakter med kommun och vård – tips och frågor.",
        "Carer support, respite, decisions and dealings with the municipality and health care.",
    ),
    (
        "egen-halsa",
        "Att orka själv",
        "Looking after yourself",
        "Sömn, gränser, skuld och återhämtning – om hur du själv mår när du tar hand om någon.",
        "Sleep, boundaries, guilt and rest – how you are doing while you care for someone.",
    ),
    (
        "sorg",
        "Sorg och förlust",
        "Grief and loss",
        "När någon har dött, eller när sjukdomen har tagit den person du kände.",
        "When someone has died, or when an illness has taken the person you knew.",
    ),
    (
        "fikarummet",
        "Fikarummet",
        "The fika corner",
        "Vardag, små glädjeämnen och allt annat. Ta en kopp och sätt dig en stund.",
        "Everyday life, small joys and everything else. Grab a cup and sit down for a while.",
    ),
)

# Young carers' space: only for members aged 16–25 (and moderators).
YOUNG = {"unga-anhoriga": {"age_min": YOUNG_BAND.min, "age_max": YOUNG_BAND.max}}


def seed() -> list[str]:
    """Create the default categories that are missing; report each one created."""
    return create_missing(Category, DEFAULT_CATEGORIES, "category", YOUNG)

"""Loading default rows by slug, for `flask seed`: missing ones are created, existing ones left alone."""

from __future__ import annotations

from sqlalchemy import select

from core.extensions import db

# (slug, name_sv, name_en, description_sv, description_en)
NamedDefault = tuple[str, str, str, str, str]


def create_missing(
    model, defaults: tuple[NamedDefault, ...], label: str, extras: dict[str, dict] | None = None
) -> list[str]:
    """Create the named rows that do not exist yet, in order; report each one created. `extras` gives more
    attributes for some slugs (the young carers' age band)."""
    existing = set(db.session.scalars(select(model.slug)))
    created = []
    for position, (slug, name_sv, name_en, description_sv, description_en) in enumerate(defaults):
        if slug in existing:
            continue
        db.session.add(
            model(
                slug=slug,
                name_sv=name_sv,
                name_en=name_en,
                description_sv=description_sv,
                description_en=description_en,
                position=position,
                **(extras or {}).get(slug, {}),
            )
        )
        created.append(f"{label} {slug}")
    db.session.commit()
    return created

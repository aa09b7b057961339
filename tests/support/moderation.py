"""Members to flag with: new or established (backdated, with a thread written) as the auto-hide rules need."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from accounts.models import User
from core.database import utcnow
from core.extensions import db


def members(new_api, count: int, established: bool = True, prefix: str = "flaggare"):
    """Members to flag with. Established ones (two days old, with a thread written) have flags that count
    toward auto-hide and the safety net; brand-new ones do not."""
    made = []
    for index in range(count):
        member = new_api()
        member.signup(f"{prefix}{index}")
        if established:
            establish(member, f"{prefix}{index}")
        made.append(member)
    return made


def establish(member, username: str, writes: bool = True, days: int = 2) -> None:
    """Backdate a member's account by some days, after (optionally) letting them write a thread."""
    if writes:
        assert member.new_thread("Hej", "Hej allihop", slug="fikarummet").status_code == 201
    app = member.client.application
    with app.app_context():
        db.session.execute(
            update(User).where(User.username == username).values(created_at=utcnow() - timedelta(days=days))
        )
        db.session.commit()


def first_post(member, thread_id: int) -> int:
    """The id of a thread's opening post."""
    return member.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]

"""Who may edit the library: editors, and admins, who are editors too."""

EDITOR_ROLES = ("editor", "admin")


def can_edit_library(user) -> bool:
    """True for a signed-in editor or admin."""
    return user is not None and user.role in EDITOR_ROLES

"""Moderation: flags on posts (and later chat messages), the review queue, sanctions and the audit log."""

from flask import Blueprint

from moderation.api import bp as moderation_api

bp = Blueprint("moderation", __name__)
bp.register_blueprint(moderation_api)

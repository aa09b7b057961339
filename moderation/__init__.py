"""Moderation: flags on posts (and later chat messages), the review queue, sanctions and the audit log."""

from flask import Blueprint

from moderation.api import bp as moderation_api
from moderation.templating import moderation_context
from moderation.views import bp as queue

bp = Blueprint("moderation", __name__)
bp.app_context_processor(moderation_context)
bp.register_blueprint(moderation_api)
bp.register_blueprint(queue)

"""Notify's pages and API as one blueprint, assembled here so importing its models or rules loads no views."""

from flask import Blueprint

from notify.api import bp as notify_api
from notify.templating import notify_context
from notify.views import bp as pages

bp = Blueprint("notify", __name__)
bp.app_context_processor(notify_context)
bp.register_blueprint(pages)
bp.register_blueprint(notify_api)

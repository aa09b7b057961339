"""Moderation's pages and API as one blueprint, assembled here
so importing its models or rules loads no views."""

from flask import Blueprint

from accounts.limits import register_posting_exemption
from moderation.api import bp as moderation_api
from moderation.member_api import bp as member_api
from moderation.member_views import bp as inbox
from moderation.screening import request_speaks_of_crisis
from moderation.templating import moderation_context
from moderation.views import bp as queue

bp = Blueprint("moderation", __name__)
bp.app_context_processor(moderation_context)
bp.register_blueprint(moderation_api)
bp.register_blueprint(queue)
bp.register_blueprint(member_api)
bp.register_blueprint(inbox)
# Crisis text is never refused for writing too often.
bp.record_once(lambda state: register_posting_exemption(state.app, request_speaks_of_crisis))

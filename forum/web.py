"""Forum's pages and API as one blueprint, assembled here so importing its models or rules loads no views."""

from flask import Blueprint

from forum.api import bp as threads_api
from forum.templating import community_context
from forum.views import bp as threads

bp = Blueprint("forum", __name__)
bp.app_context_processor(community_context)
bp.register_blueprint(threads)
bp.register_blueprint(threads_api)

"""Forum's pages and API as one blueprint, assembled here so importing its models or rules loads no views."""

from flask import Blueprint

from forum.api import bp as threads_api
from forum.member_views import add_member_pages
from forum.templating import community_context
from forum.views import bp as threads

add_member_pages(threads)
bp = Blueprint("forum", __name__)
bp.app_context_processor(community_context)
bp.register_blueprint(threads)
bp.register_blueprint(threads_api)

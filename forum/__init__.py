"""The community: accounts, categories, threads, replies, reactions, follows and flags."""

from flask import Blueprint

from forum.accounts.api import bp as accounts_api
from forum.accounts.views import bp as accounts
from forum.api import bp as threads_api
from forum.templating import community_context
from forum.views import bp as threads

bp = Blueprint("forum", __name__)
bp.app_context_processor(community_context)
bp.register_blueprint(accounts)
bp.register_blueprint(accounts_api)
bp.register_blueprint(threads)
bp.register_blueprint(threads_api)

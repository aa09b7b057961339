"""The community: accounts, and (in later work) categories, threads, replies and flags."""

from flask import Blueprint

from forum.accounts.api import bp as accounts_api
from forum.accounts.views import bp as accounts

bp = Blueprint("forum", __name__)
bp.register_blueprint(accounts)
bp.register_blueprint(accounts_api)

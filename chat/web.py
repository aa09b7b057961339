"""Chat's pages and API as one blueprint, assembled here so importing its models or rules loads no views."""

from flask import Blueprint

from chat.api import bp as rooms_api
from chat.views import bp as rooms

bp = Blueprint("chat", __name__)
bp.register_blueprint(rooms)
bp.register_blueprint(rooms_api)

"""Realtime chat rooms over Socket.IO (namespace /chat): anonymous, open all night, safe to scale out."""

from flask import Blueprint

from chat.api import bp as rooms_api
from chat.views import bp as rooms

bp = Blueprint("chat", __name__)
bp.register_blueprint(rooms)
bp.register_blueprint(rooms_api)

"""Content's pages and API as one blueprint, assembled here
so importing its models or rules loads no views."""

from flask import Blueprint

from content.api import bp as library_api
from content.editor_api import bp as editor_api
from content.editor_views import bp as editor
from content.film_api import bp as film_api
from content.film_views import bp as film
from content.templating import library_context
from content.views import bp as library

bp = Blueprint("content", __name__)
bp.app_context_processor(library_context)
bp.register_blueprint(editor)
bp.register_blueprint(library)
bp.register_blueprint(editor_api)
bp.register_blueprint(library_api)
bp.register_blueprint(film)
bp.register_blueprint(film_api)

"""The accounts pages and API as blueprints, assembled here so importing accounts' rules loads no views."""

from accounts.api import bp as accounts_api
from accounts.views import bp as accounts_views

blueprints = (accounts_views, accounts_api)

"""PHP: a plan's PHP tab (``/hosting/<sn>/php``): its configuration and the versions it can run,
change it with a review of what changes, go back to an earlier one."""

from flask import Blueprint

bp = Blueprint("php", __name__)

from app.php import routes  # noqa: E402,F401

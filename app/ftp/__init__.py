"""FTP and SSH access: a plan's Access tab (``/hosting/<sn>/access``), its logins, each login's
connection details, create, password, SSH, switch off, delete.

Named ``ftp`` rather than after its address: ``app/access.py`` already decides who may do what.
"""

from flask import Blueprint

bp = Blueprint("ftp", __name__)

from app.ftp import routes  # noqa: E402,F401

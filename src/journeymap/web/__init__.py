"""The web application: a JSON API under /api over the team store, with accounts and roles.

>>> import tempfile
>>> from journeymap.settings import Settings
>>> folder = tempfile.mkdtemp()
>>> app = create_app(Settings(db=f"sqlite:///{folder}/team.db", data_dir=folder))
>>> "/api/maps/{map_id}" in app.openapi()["paths"]
True
"""

from .app import create_app
from .errors import error_body
from .exports import Exporter, register_exporter
from .jobs import JobContext, register

__all__ = ["Exporter", "JobContext", "create_app", "error_body", "register", "register_exporter"]

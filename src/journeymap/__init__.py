"""journeymap: customer journey maps that measure themselves.

>>> from journeymap import Journey
>>> Journey(title="Onboarding", stages=[{"name": "Sign up"}]).stages[0].id
'sign-up'
"""

from .errors import JourneymapError, MapFileError, MapValidationError
from . import lazy

lazy.export_lazily(__name__, {".files": ["load", "save"], ".model": ["Journey", "Persona", "Stage", "Step"]})

__version__ = "0.1.0"

__all__ = [
    "Journey",
    "JourneymapError",
    "MapFileError",
    "MapValidationError",
    "Persona",
    "Stage",
    "Step",
    "__version__",
    "load",
    "save",
]

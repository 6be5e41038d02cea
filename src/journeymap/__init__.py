"""journeymap: customer journey maps that measure themselves.

>>> from journeymap import Journey
>>> Journey(title="Onboarding", stages=[{"name": "Sign up"}]).stages[0].id
'sign-up'
"""

from typing import TYPE_CHECKING

from . import lazy
from .errors import JourneymapError, MapFileError, MapValidationError

if TYPE_CHECKING:
    from .files import load, save
    from .model import Journey, Persona, Stage, Step

lazy.export_lazily(__name__)

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

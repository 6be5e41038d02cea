"""The compiled poster templates, kept between runs so that a render does not compile them again.

Jinja2 compiles a template to Python on first use; for the poster that takes longer than
rendering it. :func:`bytecode_cache` keeps the compiled code in Jinja2's own per-user folder
(in the temporary directory, private to the user, checked by Jinja2), keyed by the template's
path and its text, so a changed template is compiled anew. The cache is only a speed-up:
where it cannot be created or written, templates are compiled each time.
"""

from __future__ import annotations

import contextlib

import jinja2


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """Jinja2's file cache that gives up quietly when it cannot write (a full or read-only disk)."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Return a cache of compiled templates, or None where no private folder can be made for it.

    >>> bytecode_cache() is not None
    True
    """
    try:
        return _QuietCache()
    except (OSError, RuntimeError):
        return None

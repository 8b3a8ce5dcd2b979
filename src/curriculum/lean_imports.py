"""Optional imports that our processes never use, skipped so that they start seconds sooner.

jsonschema, which nbformat imports to validate notebooks, loads ``rfc3987_syntax`` whenever it is
installed (jupyter-events pulls it in) to check the "iri" string format. nbformat's schema has no
such format, and the import builds a grammar that costs about two seconds on every start: more
than the whole grading of a notebook. Marking the module absent makes jsonschema skip that one
check, exactly as on a machine without the package.
"""

from __future__ import annotations

import sys

UNUSED_OPTIONAL_MODULES = ("rfc3987_syntax",)


def skip_unused_optional_imports() -> None:
    """Make later imports of :data:`UNUSED_OPTIONAL_MODULES` fail as if not installed.

    A module that is already imported is left alone.
    """
    for name in UNUSED_OPTIONAL_MODULES:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]

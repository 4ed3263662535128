"""``python -m dxtrack.catalog [PATH]``: regenerate the committed JSON Schema of content packs."""

from __future__ import annotations

from dxtrack.catalog.export import main

raise SystemExit(main())

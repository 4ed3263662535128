"""Load a content pack: read YAML, validate with pydantic, run every check, report all problems at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dxtrack.catalog.checks import (
    check_links,
    check_quotes,
    check_references,
    check_rules,
    check_unique,
    find_seeds_dir,
)
from dxtrack.catalog.problems import CatalogError, Problem
from dxtrack.catalog.source import PackSource, pydantic_problems, read_pack
from dxtrack.domain.catalog import PACK_FORMAT, ContentPack

DEFAULT_PACK = "vn-nq52"


def packs_dir() -> Path:
    """The folder of the bundled packs (one sub-folder per pack id)."""
    return Path(__file__).resolve().parent.parent / "resources" / "catalog"


def available_packs() -> list[str]:
    """Ids of the bundled packs, sorted."""
    return sorted(p.name for p in packs_dir().iterdir() if (p / "pack.yaml").is_file())


def default_pack_path() -> Path:
    """The bundled Resolution 52 pack (a folder of YAML files inside the installed package)."""
    return packs_dir() / DEFAULT_PACK


def pack_path(pack: str | Path | None = None) -> Path:
    """The folder (or file) of a pack given by bundled id (``"vn-nq57"``) or by path; None = the default.

    A :class:`~pathlib.Path` is taken as it is; a string is a bundled id first, then a path.
    Raises :class:`CatalogError` for a string that is neither.
    """
    if pack is None:
        return default_pack_path()
    if isinstance(pack, Path):
        return pack
    bundled = packs_dir() / pack
    if "/" not in pack and "\\" not in pack and (bundled / "pack.yaml").is_file():
        return bundled
    if Path(pack).exists():
        return Path(pack)
    known = ", ".join(available_packs())
    raise CatalogError([Problem(file=pack, location="", message=f"unknown content pack; bundled packs: {known}")])


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.line if p.line is not None else 0, p.location))


def _format_problem(data: dict[str, Any], source: PackSource) -> Problem | None:
    """The pack's ``format`` must be the one this version reads; anything else is refused before validation."""
    fmt = data.get("format")
    if fmt == PACK_FORMAT and not isinstance(fmt, bool):
        return None
    if "format" not in data:
        if source.unreadable:
            return None  # the key may be in the file that could not be read
        return source.problem(
            (),
            f"required key 'format' is missing: this dxtrack reads content-pack format {PACK_FORMAT} "
            f"(add 'format: {PACK_FORMAT}' to {source.default_file})",
        )
    return source.problem(("format",), f"unknown content-pack format {fmt!r}: this dxtrack reads format {PACK_FORMAT}")


def validate_pack(
    path: str | Path | None = None,
    *,
    seeds_dir: Path | None = None,
    check_seeds: bool = True,
) -> tuple[ContentPack | None, list[Problem], PackSource]:
    """Every problem of the pack at ``path`` (a bundled id or a path); the pack itself only when there are none.

    Quotes are checked against the pack's own texts (``documents[].file`` relative to the pack folder), or
    against ``seeds_dir`` (default :func:`find_seeds_dir`, i.e. $DXTRACK_SEEDS_DIR) when that is given.
    ``check_seeds=False`` skips the quote check.
    """
    folder = pack_path(path)
    data, source, problems = read_pack(folder)
    bad_format = _format_problem(data, source)
    if bad_format is not None:
        problems.append(bad_format)
        return None, _sorted(problems), source
    try:
        pack = ContentPack.model_validate(data)
    except ValidationError as exc:
        found = pydantic_problems(exc.errors(), source, ContentPack)
        if source.unreadable:
            # the keys of a file that failed to parse are absent from the merged data: a top-level
            # "missing" is a consequence of that syntax error, not a problem of its own
            found = [p for p in found if not (p.message.startswith("required key") and "." not in p.location)]
        problems.extend(found)
        return None, _sorted(problems), source
    if source.unreadable:
        # the schema holds without the unreadable file(s), but cross-reference checks would only
        # report consequences of the keys that could not be read
        return None, _sorted(problems), source
    pack_dir = folder if folder.is_dir() else folder.parent
    issues = check_unique(pack) + check_references(pack) + check_rules(pack) + check_links(pack, pack_dir.parent)
    problems.extend(source.problem(loc, msg) for loc, msg in issues)
    if check_seeds:
        problems.extend(check_quotes(pack, seeds_dir or find_seeds_dir(), pack_dir=pack_dir, source=source))
    return (None if problems else pack), _sorted(problems), source


def load_pack(
    path: str | Path | None = None,
    *,
    seeds_dir: Path | None = None,
    check_seeds: bool = True,
) -> ContentPack:
    """Load and check a content pack: a bundled id (``"vn-nq57"``), a folder or file, or None = ``vn-nq52``.

    Raises :class:`CatalogError` listing every problem; a broken pack is never returned half-loaded.
    """
    pack, problems, _ = validate_pack(path, seeds_dir=seeds_dir, check_seeds=check_seeds)
    if problems or pack is None:
        raise CatalogError(problems)
    return pack

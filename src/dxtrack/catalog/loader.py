"""Load a content pack: read YAML, validate with pydantic, run every check, report all problems at once."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from dxtrack.catalog.checks import check_quotes, check_references, check_rules, check_unique, find_seeds_dir
from dxtrack.catalog.problems import CatalogError, Problem
from dxtrack.catalog.source import PackSource, pydantic_problems, read_pack
from dxtrack.domain.catalog import ContentPack

DEFAULT_PACK = "vn-nq52"


def default_pack_path() -> Path:
    """The bundled Resolution 52 pack (a folder of YAML files inside the installed package)."""
    return Path(__file__).resolve().parent.parent / "resources" / "catalog" / DEFAULT_PACK


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.line if p.line is not None else 0, p.location))


def validate_pack(
    path: Path | None = None,
    *,
    seeds_dir: Path | None = None,
    check_seeds: bool = True,
) -> tuple[ContentPack | None, list[Problem], PackSource]:
    """Every problem of the pack at ``path``; the pack itself only when there are none.

    ``seeds_dir`` defaults to :func:`find_seeds_dir`; when no seed folder is found (or
    ``check_seeds`` is False) quotes are not checked.
    """
    path = Path(path) if path is not None else default_pack_path()
    data, source, problems = read_pack(path)
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
    issues = check_unique(pack) + check_references(pack) + check_rules(pack)
    problems.extend(source.problem(loc, msg) for loc, msg in issues)
    if check_seeds:
        problems.extend(check_quotes(pack, seeds_dir or find_seeds_dir(), source=source))
    return (None if problems else pack), _sorted(problems), source


def load_pack(
    path: Path | None = None,
    *,
    seeds_dir: Path | None = None,
    check_seeds: bool = True,
) -> ContentPack:
    """Load and check a content pack (default: the bundled vn-nq52 pack).

    Raises :class:`CatalogError` listing every problem; a broken pack is never returned half-loaded.
    """
    pack, problems, _ = validate_pack(path, seeds_dir=seeds_dir, check_seeds=check_seeds)
    if problems or pack is None:
        raise CatalogError(problems)
    return pack

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
    if problems:
        # a file that failed to parse is missing from the merged data; validating the rest would only
        # report consequences (missing keys) of the syntax error
        return None, problems, source
    try:
        pack = ContentPack.model_validate(data)
    except ValidationError as exc:
        problems.extend(pydantic_problems(exc.errors(), source, ContentPack))
        return None, problems, source
    issues = check_unique(pack) + check_references(pack) + check_rules(pack)
    problems.extend(source.problem(loc, msg) for loc, msg in issues)
    if check_seeds:
        problems.extend(check_quotes(pack, seeds_dir or find_seeds_dir(), source=source))
    problems.sort(key=lambda p: (p.file, p.line if p.line is not None else 0, p.location))
    return (None if problems else pack), problems, source


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

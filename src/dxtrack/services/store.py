"""Use cases that write to the store: initialise, load the content pack and the bundled data, import files.

Each call is one transaction: it either writes everything or nothing. The loaders of the pack, the areas and
the bundled data import their modules (pycountry, Babel, the organisation readers) when called, so that a
one-row ``dxtrack import`` does not pay for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from dxtrack.domain.period import parse_period
from dxtrack.ingest.batch import AlreadyImported, ImportRejected, ObservationBatch, Problem
from dxtrack.ingest.tidy import content_key, file_checksum, import_options, tidy_chunks
from dxtrack.ingest.validate import Catalogue, check_frame, problem_positions
from dxtrack.store import Engine, Transaction, audit, staging
from dxtrack.store import repository as repo
from dxtrack.store.engine import open_engine

if TYPE_CHECKING:
    from dxtrack.domain.catalog import ContentPack

Progress = Callable[[str, int, int], None]


def open_store(url: str, *, create: bool = True) -> Engine:
    """An engine on ``url``, migrated to the current schema (or an error if not initialised)."""
    return open_engine(url, create=create)


def document_source(pack: ContentPack, doc_id: str) -> dict[str, Any]:
    """The source record of a pack document: its issuer (from the pack) publishes its figures."""
    doc = next(d for d in pack.documents if d.id == doc_id)
    return {
        "id": f"doc:{pack.id}:{doc.id}",
        "publisher": doc.issuer_vi or doc.title_vi,
        "title": doc.title_vi,
        "url_or_document": doc.file,
        "retrieved_on": None,
        "licence": None,
        "note": doc.date_note,
    }


def catalogue(conn: Transaction) -> Catalogue:
    """The stored catalogue every import is checked against."""
    return Catalogue.from_rows(*repo.catalogue_rows(conn))


def checked(conn: Transaction, batch: ObservationBatch, notices: list[Problem] | None = None) -> ObservationBatch:
    """The batch with its values checked against the stored catalogue (units conformed); raise ImportRejected.

    Every import path goes through here: files, the bundled loaders, the content pack's figures and, later,
    submissions. With ``notices`` (the bundled loaders: third-party data), rows whose value the catalogue rules
    out are set aside and reported there instead of rejecting the whole dataset.
    """
    frame, problems = check_frame(catalogue(conn), batch.frame, batch.file)
    if notices is not None and problems and all(p.column == "value" for p in problems):
        notices.extend(problems)
        frame = frame.drop(frame.index[problem_positions(frame)])
        problems = []
    if problems:
        raise ImportRejected(problems)
    return ObservationBatch(batch.kind, batch.file, batch.sha256, frame, batch.sources)


def _clash_problem(file: str, row: int | None, clash: dict[str, Any]) -> Problem:
    """A value differing from a stored one with the same key, source and publication date: one problem naming both."""
    stored_in = f" (import of {clash['file']})" if clash["file"] else ""
    return Problem(
        file,
        row,
        "value",
        f"{clash['value']:g} differs from {clash['stored']:g} stored as observation #{clash['id']}"
        f"{stored_in} for the same indicator, area, period, source and publication date",
    )


def _clash_problems(batch: ObservationBatch, clashes: list[dict[str, Any]]) -> list[Problem]:
    frame = batch.frame
    rows = [int(frame.loc[c["at"], "_row"]) if "_row" in frame.columns else None for c in clashes]
    return [_clash_problem(batch.file, row, clash) for row, clash in zip(rows, clashes, strict=True)]


def _store_staged(
    conn: Transaction,
    *,
    batch_id: int,
    sources: list[dict[str, Any]],
    kind: str,
    file: str,
    sha256: str,
    recorded_by: str | None,
    actor: str | None,
) -> tuple[int, int]:
    """Store the staged rows of a claimed batch with their sources, and the batch's audit event (one path for
    loaded batches and streamed files); returns (written, skipped)."""
    repo.ensure_sources(conn, sources)
    written, skipped = staging.insert_staged(conn, batch_id=batch_id, recorded_by=recorded_by)
    audit.append_record_event(
        conn,
        actor=actor or recorded_by or "system",
        action="import",
        entity="import_batch",
        entity_id=str(batch_id),
        detail={"kind": kind, "file": file, "sha256": sha256, "written": written, "skipped": skipped},
    )
    return written, skipped


def write_batch(
    conn: Transaction,
    batch: ObservationBatch,
    *,
    recorded_by: str | None,
    notices: list[Problem] | None = None,
    actor: str | None = None,
) -> tuple[int, int]:
    """Validate and append one batch inside the caller's transaction; returns (written, skipped).

    Raises :class:`AlreadyImported` when the same content was imported before (or is being imported by a
    concurrent writer, which this one waited for): the caller's transaction then writes nothing. The batch is one
    audit event by ``actor`` (default: ``recorded_by``, else ``system``) whose after-hash covers the batch and
    its observations.
    """
    batch_id = repo.claim_batch(
        conn, kind=batch.kind, file=batch.file, sha256=batch.sha256, rows=len(batch.frame), recorded_by=recorded_by
    )
    if batch_id is None:
        first = repo.find_batch(conn, batch.sha256)
        raise AlreadyImported(batch.file, first["id"] if first else None, first["recorded_at"] if first else None)
    batch = checked(conn, batch, notices)
    repo.hold_recording_lock(conn)
    if batch.frame.empty:
        return 0, 0
    clashes = staging.stage_observations(conn, batch.frame)
    if clashes:
        raise ImportRejected(_clash_problems(batch, clashes))
    return _store_staged(
        conn,
        batch_id=batch_id,
        sources=batch.sources,
        kind=batch.kind,
        file=batch.file,
        sha256=batch.sha256,
        recorded_by=recorded_by,
        actor=actor,
    )


def write_once(
    engine: Engine,
    batch: ObservationBatch,
    *,
    recorded_by: str | None,
    notices: list[Problem] | None = None,
    actor: str | None = None,
) -> tuple[int, int]:
    """:func:`write_batch` in a transaction of its own; content already imported gives (0, its rows)."""
    try:
        with repo.transaction(engine) as conn:
            return write_batch(conn, batch, recorded_by=recorded_by, notices=notices, actor=actor)
    except AlreadyImported:
        return 0, len(batch.frame)


def load_content_pack(engine: Engine, pack: ContentPack | None = None) -> dict[str, int]:
    """Store the pack's indicator registry and its reported figures (as observations sourced to the document)."""
    from dxtrack.catalog import load_pack, pack_hash
    from dxtrack.services.orgs import check_pack_bodies

    pack = pack or load_pack()
    check_pack_bodies(engine, pack)
    digest = pack_hash(pack)
    rows = [
        {
            "code": ind.code,
            "name_vi": ind.name_vi,
            "name_en": ind.name_en,
            "unit": ind.unit,
            "direction": ind.direction.value,
            "aggregation": ind.aggregation.model_dump(mode="json"),
            "definition": {
                "vi": ind.definition_vi,
                "en": ind.definition_en,
                "sources": ind.sources,
                "bounds": list(ind.bounds) if ind.bounds else None,
                "value_type": ind.value_type,
                "unit_conversions": ind.unit_conversions,
            },
            "pack_id": pack.id,
        }
        for ind in pack.indicators
    ]
    with repo.transaction(engine) as conn, audit.tables_load(conn, ["indicator", "content_pack"], actor="system"):
        repo.store_pack_registry(conn, indicators=rows, pack_id=pack.id, version=pack.version, sha256=digest)
    written = 0
    if pack.figures:
        with repo.transaction(engine) as conn:
            known_areas = repo.area_codes(conn)
        figures = [f for f in pack.figures if f.area in known_areas]
        if figures:
            frame = pd.DataFrame([_figure_row(pack, f) for f in figures])
            sources = [document_source(pack, d) for d in sorted({f.doc for f in figures})]
            batch = ObservationBatch("content_pack", f"content pack {pack.id}", digest, frame, sources)
            written, _ = write_once(engine, batch, recorded_by="dxtrack content pack", actor="system")
    return {"indicators": len(rows), "figures": written}


def _figure_row(pack: ContentPack, figure: Any) -> dict[str, Any]:
    doc = next(d for d in pack.documents if d.id == figure.doc)
    try:
        period = parse_period(figure.period)
    except ValueError:
        period = parse_period(str(doc.published_on.year))
    parts = [f"figure {figure.id}", f"§{figure.section}"]
    if getattr(figure, "qualifier", None):
        parts.append(f"qualifier: {figure.qualifier}")
    if getattr(figure, "of_total", None) is not None:
        parts.append(f"of a total of {figure.of_total:g}")
    comment = "; ".join(x for x in (*parts, figure.note) if x)
    return {
        "indicator": figure.indicator,
        "area": figure.area,
        "period": period.label,
        "period_start": period.start,
        "period_end": period.end,
        "disaggregation": "",
        "value": float(figure.value),
        "unit": figure.unit,
        "source_id": f"doc:{pack.id}:{figure.doc}",
        "status": "published",
        "published_on": doc.published_on,
        "comment": comment,
    }


def load_areas(engine: Engine, data_dir: Path) -> dict[str, int]:
    """Store the snapshot's areas and their successions, then the organisations (provinces are areas too)."""
    from dxtrack.ingest import bundled
    from dxtrack.services.orgs import load_organisations
    from dxtrack.store.areas import add_new_successions

    data = bundled.load_areas(data_dir)
    with repo.transaction(engine) as conn, audit.tables_load(conn, ["area", "area_succession"], actor="system"):
        repo.ensure_sources(conn, data.sources)
        new = repo.upsert_areas(conn, data.areas)
        add_new_successions(conn, data.successions)
    orgs = load_organisations(engine, data_dir, areas=data)
    return {
        "areas": len(data.areas),
        "new_areas": new,
        "successions": len(data.successions),
        "organisations": orgs["organisations"],
    }


def load_bundled_data(
    engine: Engine,
    data_dir: Path,
    *,
    progress: Progress | None = None,
    only: list[str] | None = None,
    notices: list[Problem] | None = None,
) -> dict[str, tuple[int, int]]:
    """Load every bundled dataset not loaded before (by file checksum); returns {name: (written, skipped)}.

    Without ``only``, the reference tables (release calendar, institution changes) are refreshed first. Values
    the catalogue rules out (e.g. an index above its bounds in a publisher's file) are not stored; each is
    added to ``notices`` when given.
    """
    from dxtrack.ingest import bundled
    from dxtrack.services.reference import load_reference_tables

    notices = [] if notices is None else notices
    if only is None:
        load_reference_tables(engine, data_dir)
    results: dict[str, tuple[int, int]] = {}
    names = only or list(bundled.LOADERS)
    for i, name in enumerate(names):
        if progress:
            progress(name, i, len(names))
        batch = bundled.LOADERS[name](data_dir)
        results[name] = write_once(engine, batch, recorded_by="dxtrack bundled loader", notices=notices, actor="system")
    if progress:
        progress("done", len(names), len(names))
    return results


def import_file(
    engine: Engine,
    path: Path,
    *,
    source: str | None = None,
    published_on: dt.date | None = None,
    sheet: str | None = None,
    recorded_by: str | None = None,
    allow_future: bool = False,
    max_problems: int = 50,
    actor: str | None = None,
) -> tuple[int, int]:
    """Import a tidy CSV/Excel file, all-or-nothing, with its audit event (by ``actor``); returns (written,
    skipped as already known).

    The file streams through in chunks (parsed, checked, staged), so memory stays bounded. The import is
    identified by its content (the file's bytes and these options): importing the same content again, on any
    day or at the same moment, raises :class:`AlreadyImported` and writes nothing.
    """
    name = str(path)
    key = content_key(path, import_options(source, published_on, sheet, allow_future)) if path.is_file() else ""
    if key:
        with engine.connect() as conn:
            first = repo.find_batch(conn, key)
        if first is not None:
            raise AlreadyImported(name, first["id"], first["recorded_at"])
    with engine.connect() as conn:
        known = catalogue(conn)
    problems: list[Problem] = []
    sources: dict[str, dict[str, Any]] = {}
    rows = 0
    try:
        with staging.bulk_transaction(engine) as conn:
            staging.begin_stage(conn)
            with staging.streamed(conn):
                for chunk in tidy_chunks(
                    path,
                    catalogue=known,
                    source=source,
                    published_on=published_on,
                    sheet=sheet,
                    allow_future=allow_future,
                    max_problems=max_problems,
                    in_file_duplicates=False,
                ):
                    if chunk.restart:
                        staging.begin_stage(conn)
                        sources, rows = {}, 0
                    problems.extend(chunk.problems)
                    if problems:
                        continue  # keep reading for more problems; nothing more is staged
                    staging.stage_rows(conn, chunk.frame)
                    sources.update({s["id"]: s for s in chunk.sources})
                    rows += len(chunk.frame)
            if not problems:
                for twice in staging.staged_duplicates(conn, max_problems):
                    problems.append(
                        Problem(
                            name,
                            twice["at"],
                            "value",
                            f"second value {twice['value']:g} for the same indicator, area, period and publication "
                            f"date as row {twice['first']} ({twice['first_value']:g})",
                        )
                    )
            if not problems:
                for clash in staging.staged_conflicts(conn, max_problems):
                    problems.append(_clash_problem(name, clash["at"], clash))
            if problems:
                raise ImportRejected(problems[:max_problems])
            named = f"{path.name} (sha256 {file_checksum(path)[:12]})"
            batch_id = repo.claim_batch(conn, kind="tidy", file=named, sha256=key, rows=rows, recorded_by=recorded_by)
            if batch_id is None:
                first = repo.find_batch(conn, key)
                raise AlreadyImported(name, first["id"] if first else None, first["recorded_at"] if first else None)
            repo.hold_recording_lock(conn)
            return _store_staged(
                conn,
                batch_id=batch_id,
                sources=list(sources.values()),
                kind="tidy",
                file=named,
                sha256=key,
                recorded_by=recorded_by,
                actor=actor,
            )
    except AlreadyImported as exc:
        raise AlreadyImported(name, exc.batch_id, exc.when) from None


def store_batch(engine: Engine, batch: ObservationBatch, *, recorded_by: str | None) -> tuple[int, int]:
    """Validate and append one batch in a transaction of its own; returns (written, skipped)."""
    return write_once(engine, batch, recorded_by=recorded_by)

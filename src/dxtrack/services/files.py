"""Evidence files: checked (size limit, type from the content: PDF, DOCX, XLSX, PNG, JPEG), virus-scanned when a
scanner is configured, then stored content-addressed (``FOLDER/ab/abcdef…``, the sha256 of the bytes) and recorded.

Every check runs before anything is written; a file is written to a temporary name and renamed into place, so a
stored file is always whole. The same content again writes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shlex
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dxtrack.domain.accounts import User
from dxtrack.domain.files import EXTENSIONS, MEDIA_TYPES, ZIP_MAGIC, sniff
from dxtrack.errors import CodedError
from dxtrack.services import authz
from dxtrack.settings import FileSettings
from dxtrack.store import Engine, Transaction, audit
from dxtrack.store import loop as rows
from dxtrack.store import repository as repo

EVIDENCE_PREFIX = "sha256:"
"""How a stored file is cited in a task's evidence list (``sha256:<hex>``)."""
_KIND_WORDS = {"pdf": "PDF", "docx": "DOCX", "xlsx": "XLSX", "png": "PNG", "jpeg": "JPEG"}


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed every check (not yet stored)."""

    path: Path
    name: str
    sha256: str
    size: int
    kind: str
    scan: str  # clean | not_scanned

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]

    @property
    def reference(self) -> str:
        return EVIDENCE_PREFIX + self.sha256


def check_file(path: Path, settings: FileSettings | None = None) -> CheckedFile:
    """Size, type (from the content, agreeing with the name's extension) and virus scan; writes nothing."""
    cfg = settings or FileSettings.from_env()
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise CodedError("file_unreadable", file=name, reason="not a file")
        if size > cfg.max_bytes:
            raise CodedError("file_too_big", file=name, size=size, limit=cfg.max_bytes)
        if size == 0:
            raise CodedError("file_empty", file=name)
        digest = hashlib.sha256()
        with path.open("rb") as f:
            head = f.read(16)
            digest.update(head)
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        names: list[str] = []
        if head.startswith(ZIP_MAGIC):
            try:
                with zipfile.ZipFile(path) as z:
                    names = z.namelist()
            except zipfile.BadZipFile:
                names = []
    except OSError as exc:
        raise CodedError("file_unreadable", file=name, reason=exc.strerror or type(exc).__name__) from None
    kind = sniff(head, names)
    if kind is None:
        raise CodedError("file_type_not_allowed", file=name)
    extension = path.suffix.lower()
    if EXTENSIONS.get(extension) != kind:
        raise CodedError("file_type_mismatch", file=name, extension=extension or "(none)", found=_KIND_WORDS[kind])
    return CheckedFile(path, name, digest.hexdigest(), size, kind, _scan(path, cfg))


def _scan(path: Path, cfg: FileSettings) -> str:
    if not cfg.av_command:
        return "not_scanned"
    try:
        done = subprocess.run([*shlex.split(cfg.av_command), str(path)], capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CodedError("file_scan_failed", file=path.name, exit="-", report=str(exc)) from None
    report = (done.stdout.strip() or done.stderr.strip()).splitlines()
    line = report[-1] if report else ""
    if done.returncode == 0:
        return "clean"
    if done.returncode == 1:
        raise CodedError("file_infected", file=path.name, report=line)
    raise CodedError("file_scan_failed", file=path.name, exit=done.returncode, report=line)


def blob_path(folder: Path, sha256: str) -> Path:
    return folder / sha256[:2] / sha256


def store_blob(checked: CheckedFile, settings: FileSettings | None = None) -> Path:
    """Copy the checked file into the content-addressed folder (atomically; nothing when already there)."""
    cfg = settings or FileSettings.from_env()
    target = blob_path(cfg.folder, checked.sha256)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out, checked.path.open("rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def record(conn: Transaction, checked: CheckedFile, org_id: str, actor: str, at: dt.datetime) -> bool:
    """Record a stored file (audited) in the caller's transaction; False when that content is already recorded."""
    row = {"sha256": checked.sha256, "org_id": org_id, "name": checked.name, "media_type": checked.media_type,
           "size": checked.size, "scan": checked.scan, "added_at": at, "added_by": actor}  # fmt: skip
    if not rows.insert_evidence_file(conn, row):
        return False
    audit.append_record_event(conn, actor=actor, action="file.add", entity="evidence_file", entity_id=checked.sha256,
                              detail={"org": org_id, "name": checked.name})  # fmt: skip
    return True


def add_file(
    engine: Engine,
    user: User,
    path: Path,
    org_id: str,
    *,
    settings: FileSettings | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """Check, store and record an evidence file of ``org_id`` (a submitter or coordinator of it)."""
    authz.require(engine, user, ("submitter", "coordinator"), org_id)
    cfg = settings or FileSettings.from_env()
    checked = check_file(path, cfg)
    store_blob(checked, cfg)
    with repo.transaction(engine) as conn:
        written = record(conn, checked, org_id, user.name, now or dt.datetime.now(dt.UTC))
    keys = ("sha256", "reference", "name", "media_type", "size", "scan")
    return {**{k: getattr(checked, k) for k in keys}, "written": written}


def get_file(engine: Engine, sha256: str) -> dict[str, Any] | None:
    """A recorded evidence file's row."""
    with engine.connect() as conn:
        return rows.evidence_file(conn, sha256.removeprefix(EVIDENCE_PREFIX))


def attach(
    payload: Any, evidence: Sequence[tuple[str, Path]], settings: FileSettings | None = None
) -> tuple[Any, list[CheckedFile]]:
    """A filled template with each file cited (``sha256:…``) in its task's evidence, and the checked files.

    Every file is checked first; a file for a task the report leaves empty is an error. Writes nothing."""
    cfg = settings or FileSettings.from_env()
    checked = [(task, check_file(path, cfg)) for task, path in evidence]
    items = {str(i.get("id")): i for i in (payload.get("items") or []) if isinstance(i, dict)}
    for task, f in checked:
        item = items.get(task)
        if item is None or not isinstance(item.get("value"), dict):
            raise CodedError("evidence_not_reported", item=task)
        value = dict(item["value"])
        cited = list(value.get("evidence") or [])
        if f.reference not in cited:
            cited.append(f.reference)
        value["evidence"] = cited
        item["value"] = value
    return payload, [f for _, f in checked]


def evidence_option(text: str) -> tuple[str, Path]:
    """``TASK_ID=PATH`` of ``submit --evidence``."""
    task, sep, path = text.partition("=")
    if not sep or not task.strip() or not path.strip():
        raise CodedError("evidence_option", value=text)
    return task.strip(), Path(path.strip())

"""The dated data snapshot shipped in the package: its manifest of file hashes, and refreshing it from a newer drop.

``MANIFEST.json`` lists every file of the snapshot (relative path, sha256, bytes) and the snapshot date. A sync
compares a drop folder with the manifest, reports what was added, changed or removed, and replaces the snapshot
in one step: the new snapshot is written to a temporary folder beside it and swapped in by renaming, so a
failure leaves the old snapshot untouched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from dxtrack.errors import DxtrackError

MANIFEST = "MANIFEST.json"
REQUIRED = ("SOURCES.md", "sources.csv")


@dataclass(frozen=True)
class FileEntry:
    path: str
    sha256: str
    bytes: int


@dataclass(frozen=True)
class Manifest:
    snapshot_date: dt.date
    files: dict[str, FileEntry]

    def to_json(self) -> str:
        """JSON with one line per file, so a refreshed snapshot diffs line by line."""
        rows = [json.dumps(vars(self.files[p]), ensure_ascii=False) for p in sorted(self.files)]
        head = f'{{\n "snapshot_date": "{self.snapshot_date.isoformat()}",\n "files": [\n  '
        return head + ",\n  ".join(rows) + "\n ]\n}\n"


@dataclass
class SyncReport:
    old_date: dt.date
    new_date: dt.date
    added: list[FileEntry] = field(default_factory=list)
    changed: list[tuple[FileEntry, FileEntry]] = field(default_factory=list)
    removed: list[FileEntry] = field(default_factory=list)
    unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def lines(self) -> list[str]:
        """One line per added, changed or removed file, then a summary line."""
        out = [f"added    {e.path} ({e.bytes} bytes, sha256 {e.sha256[:12]})" for e in self.added]
        out += [
            f"changed  {new.path} ({old.bytes} → {new.bytes} bytes, sha256 {old.sha256[:12]} → {new.sha256[:12]})"
            for old, new in self.changed
        ]
        out += [f"removed  {e.path} ({e.bytes} bytes, sha256 {e.sha256[:12]})" for e in self.removed]
        out.append(
            f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed, "
            f"{self.unchanged} unchanged"
        )
        return out


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def scan(folder: Path) -> dict[str, FileEntry]:
    """Every file under ``folder`` except the manifest and hidden files, keyed by its POSIX relative path."""
    out: dict[str, FileEntry] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or rel.as_posix() == MANIFEST or any(p.startswith(".") for p in rel.parts):
            continue
        if "__pycache__" in rel.parts:
            continue
        out[rel.as_posix()] = FileEntry(rel.as_posix(), file_hash(path), path.stat().st_size)
    return out


def read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST
    if not path.is_file():
        raise DxtrackError(f"{path}: snapshot manifest not found")
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        files = {f["path"]: FileEntry(str(f["path"]), str(f["sha256"]), int(f["bytes"])) for f in body["files"]}
        return Manifest(dt.date.fromisoformat(body["snapshot_date"]), files)
    except (ValueError, KeyError, TypeError) as exc:
        raise DxtrackError(f"{path}: not a valid snapshot manifest ({exc})") from None


def check_drop(folder: Path) -> None:
    """A data drop must be a folder with the human and the machine-readable source registry."""
    if not folder.is_dir():
        raise DxtrackError(f"{folder}: not a folder")
    missing = [name for name in REQUIRED if not (folder / name).is_file()]
    if missing:
        raise DxtrackError(f"{folder}: not a data drop, {' and '.join(missing)} missing")


def compare(manifest: Manifest, drop: dict[str, FileEntry], new_date: dt.date) -> SyncReport:
    report = SyncReport(manifest.snapshot_date, new_date)
    for rel, entry in sorted(drop.items()):
        old = manifest.files.get(rel)
        if old is None:
            report.added.append(entry)
        elif old.sha256 != entry.sha256:
            report.changed.append((old, entry))
        else:
            report.unchanged += 1
    report.removed = [manifest.files[rel] for rel in sorted(set(manifest.files) - set(drop))]
    return report


def write_snapshot(source: Path, target: Path, snapshot_date: dt.date) -> Manifest:
    """Replace ``target`` by a copy of ``source`` plus its manifest, in one swap (old kept on failure)."""
    target = target.resolve()
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.sync-", dir=target.parent))
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    try:
        files = scan(source)
        for rel in files:
            dest = staging / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / rel, dest)
        copied = scan(staging)
        if copied != files:
            bad = sorted(set(copied.items()) ^ set(files.items()))
            raise DxtrackError(f"{staging}: copy differs from {source} ({bad[0][0]}); snapshot left unchanged")
        manifest = Manifest(snapshot_date, copied)
        (staging / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
        if target.exists():
            target.rename(old)
        try:
            staging.rename(target)
        except OSError:
            if old.exists():
                old.rename(target)
            raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return manifest


def sync(drop: Path, target: Path, *, dry_run: bool = False, today: dt.date | None = None) -> SyncReport:
    """Compare ``drop`` with the snapshot in ``target`` by sha256 and, unless ``dry_run``, replace the snapshot."""
    check_drop(drop)
    manifest = read_manifest(target)
    report = compare(manifest, scan(drop), today or dt.date.today())
    if report.has_changes and not dry_run:
        write_snapshot(drop, target, report.new_date)
    return report


def verify(folder: Path) -> list[str]:
    """Differences between the files in ``folder`` and its manifest, one line each (empty if they agree)."""
    manifest = read_manifest(folder)
    report = compare(manifest, scan(folder), manifest.snapshot_date)
    return report.lines()[:-1]

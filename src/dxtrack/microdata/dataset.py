"""A data set of records named for provenance: its folder, row count and a content hash of its Parquet files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from dxtrack.microdata.engines import parquet_files


@dataclass(frozen=True)
class DatasetId:
    path: str
    rows: int
    files: int
    sha256: str

    def describe(self) -> str:
        return f"{self.path} ({self.rows} records, {self.files} Parquet files, sha256 {self.sha256})"


def identify(folder: Path) -> DatasetId:
    """Row count from the Parquet footers; sha256 over each file's relative path and bytes, in path order."""
    files = parquet_files(folder)
    digest = hashlib.sha256()
    rows = 0
    for f in files:
        rows += pq.ParquetFile(f).metadata.num_rows
        h = hashlib.sha256()
        with f.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 22), b""):
                h.update(block)
        digest.update(f"{f.relative_to(folder).as_posix()}\0{h.hexdigest()}\n".encode())
    return DatasetId(str(folder.resolve()), rows, len(files), digest.hexdigest())

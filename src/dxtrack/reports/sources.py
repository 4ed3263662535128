"""The report's sources: numbered in order of first citation, with the publication dates of the values cited.

A figure in the text carries ``[n]`` (or ``[3, 5]``, ``[3–6]``); Annex C lists source n with its publisher,
title, address, the release dates of the values the report quotes and the retrieval date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dxtrack.domain.catalog import ContentPack
from dxtrack.present import Lang, date_text, pick, producer_name


@dataclass(frozen=True)
class SourceEntry:
    """One line of Annex C, already formatted for the report language."""

    n: int
    producer: str
    publisher: str
    title: str
    url: str
    published: str
    retrieved: str

    @property
    def is_url(self) -> bool:
        return self.url.startswith(("http://", "https://"))


class SourceBook:
    """Numbers sources in order of first citation; remembers the publication dates of the values cited."""

    def __init__(self, frame: pd.DataFrame, lang: Lang) -> None:
        self.lang = lang
        rows: list[dict[str, Any]] = frame.to_dict("records") if len(frame) else []  # type: ignore[assignment]
        self.rows: dict[int, dict[str, Any]] = {int(r["id"]): r for r in rows}
        self.numbers: dict[str, int] = {}
        self.entries: dict[str, dict[str, Any]] = {}

    def _add(self, source_id: str, info: dict[str, Any], published: dt.date | None) -> int:
        if source_id not in self.numbers:
            self.numbers[source_id] = len(self.numbers) + 1
            self.entries[source_id] = {**info, "n": self.numbers[source_id], "published": set()}
        if published is not None:
            self.entries[source_id]["published"].add(published)
        return self.numbers[source_id]

    def cite_obs(self, obs_ids: list[int]) -> list[int]:
        """The source numbers of these observations (unknown ids are skipped)."""
        out: list[int] = []
        for i in obs_ids:
            row = self.rows.get(int(i))
            if row is None:
                continue
            n = self._add(
                str(row["source_id"]),
                {
                    "producer": row.get("producer") if _filled(row.get("producer")) else None,
                    "publisher": row.get("source_publisher") or "",
                    "title": row.get("source_title") or "",
                    "url": row.get("source_url") or "",
                    "retrieved": row.get("source_retrieved_on"),
                },
                as_date(row.get("published_on")),
            )
            if n not in out:
                out.append(n)
        return out

    def producer_text(self, obs_ids: list[int]) -> str:
        """Who produced these values and when the latest was released: ``WIPO, Global Innovation Index 2025,
        công bố 16/09/2025``; several producers are joined; a date set by convention says so. Empty when the
        rows name no producer (a document's own figures)."""
        rows = [self.rows[int(i)] for i in obs_ids if int(i) in self.rows]
        named = [r for r in rows if _filled(r.get("producer"))]
        if not named:
            return ""
        latest = max(  # the latest period; of two ending together the shorter (2025 before 2021–2025)
            named,
            key=lambda r: (
                str(r.get("period_end") or ""),
                str(r.get("period_start") or ""),
                str(r.get("published_on") or ""),
            ),
        )
        producers: list[str] = []
        for r in sorted(named, key=lambda r: r is not latest):
            text = producer_name(str(r["producer"]), self.lang)
            if text not in producers:
                producers.append(text)
        parts = [", ".join(producers)]
        if _filled(latest.get("edition")):
            parts.append(str(latest["edition"]))
        released = as_date(latest.get("released_on")) if _filled(latest.get("released_on")) else None
        if released is not None:
            parts.append(
                pick(("công bố " + date_text(released, "vi"), "released " + date_text(released, "en")), self.lang)
            )
        else:
            day = date_text(as_date(latest.get("published_on")), self.lang)
            parts.append(pick((f"ngày công bố theo quy ước {day}", f"release date by convention {day}"), self.lang))
        return ", ".join(parts)

    def cite(self, obs_ids: list[int]) -> str:
        """``[n, …]`` for these observations, or "" when none is known."""
        return cite_text(self.cite_obs(obs_ids))

    def cite_document(self, pack: ContentPack, doc_id: str) -> str:
        """``[n]`` for one of the pack's documents, its publisher being the document's issuer."""
        doc = next(d for d in pack.documents if d.id == doc_id)
        info: dict[str, Any] = {
            "publisher": doc.issuer_vi or "",
            "title": doc.title_vi,
            "url": doc.file,
            "retrieved": None,
        }
        return cite_text([self._add(f"doc:{pack.id}:{doc.id}", info, doc.published_on)])

    def listing(self) -> list[SourceEntry]:
        """Annex C, in citation order."""
        return [
            SourceEntry(
                n=entry["n"],
                producer=producer_name(entry.get("producer"), self.lang) or str(entry["publisher"]),
                publisher=str(entry["publisher"]),
                title=str(entry["title"]),
                url=str(entry["url"]),
                published=release_dates(sorted(entry["published"]), self.lang),
                retrieved=date_text(as_date(entry["retrieved"]), self.lang),
            )
            for entry in sorted(self.entries.values(), key=lambda e: e["n"])
        ]


def _filled(x: Any) -> bool:
    return x is not None and not (isinstance(x, float) and pd.isna(x)) and x is not pd.NaT and str(x) != ""


def release_dates(days: list[dt.date], lang: Lang) -> str:
    """Publication dates of the cited values: listed when few, else first–last and how many."""
    if not days:
        return "—"
    if len(days) <= 3:
        return ", ".join(date_text(d, lang) for d in days)
    count = f"{len(days)} {'lần công bố' if lang == 'vi' else 'releases'}"
    return f"{date_text(days[0], lang)} – {date_text(days[-1], lang)} ({count})"


def as_date(value: Any) -> dt.date | None:
    """A stored date-like value as a date (None when missing or unreadable)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def cite_text(numbers: list[int]) -> str:
    """``[3]``, ``[3, 5]`` or ``[3–6]`` for a run of consecutive numbers."""
    if not numbers:
        return ""
    nums = sorted(set(numbers))
    parts: list[str] = []
    start = prev = nums[0]
    for n in [*nums[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else (f"{start}, {prev}" if prev == start + 1 else f"{start}–{prev}"))
        if n is not None:
            start = prev = n
    return "[" + ", ".join(parts) + "]"

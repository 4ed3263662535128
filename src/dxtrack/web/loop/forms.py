"""The unit's web form to and from the template JSON: fields ``v:ID`` (an indicator's number or a section's text),
``c:ID`` (comment), for an indicator ``m:ID`` (method note), ``o:ID`` (source), ``k:ID`` (collection), and for
a task ``s:ID`` (status), ``p:ID`` (product), ``n:ID`` (note), ``e:ID`` (evidence links, one a line). Empty
fields are not reported. Numbers are read as the page's language writes them (``18,3`` in Vietnamese, ``18.3``
in English); what cannot be read is passed on as text, so the validation names the item and the rule (``type``)
as it would for the JSON or the Excel file."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from dxtrack.present import Lang

_VI_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_EN_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def read_number(text: str, lang: Lang) -> float | int | str:
    """``18,3`` (vi) or ``18.3`` (en) as a number; thousands separators allowed; other text unchanged."""
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    if lang == "vi" and _VI_NUMBER.match(raw):
        plain = raw.replace(".", "").replace(",", ".")
    elif _EN_NUMBER.match(raw):
        plain = raw.replace(",", "")
    elif re.match(r"^[+-]?\d+([.,]\d+)?$", raw):  # a lone decimal mark of either kind
        plain = raw.replace(",", ".")
    else:
        return text.strip()
    number = float(plain)
    return int(number) if number.is_integer() and "." not in plain else number


def show_number(value: Any, lang: Lang) -> str:
    """A stored value back into the form's field (``18,3`` in Vietnamese)."""
    if isinstance(value, Mapping):  # an indicator's object form: its number
        value = value.get("value")
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return text.replace(".", ",") if lang == "vi" else text
    return str(value)


_META_FIELDS = (("method", "m"), ("source", "o"), ("collection", "k"))


def payload(template: Mapping[str, Any], form: Mapping[str, str], lang: Lang) -> dict[str, Any]:
    """The template JSON with ``value`` and ``comment`` filled from the form."""
    items = []
    for item in template["items"]:
        iid = str(item["id"])
        value: Any = None
        if item["kind"] == "indicator":
            text = form.get(f"v:{iid}", "").strip()
            value = read_number(text, lang) if text else None
            meta = {key: form.get(f"{field}:{iid}", "").strip() for key, field in _META_FIELDS}
            said = {k: v for k, v in meta.items() if v}
            if said:
                value = {"value": value, **said}
        elif item["kind"] == "section":
            value = form.get(f"v:{iid}", "").strip() or None
        else:
            status = form.get(f"s:{iid}", "").strip()
            evidence = [line.strip() for line in form.get(f"e:{iid}", "").splitlines() if line.strip()]
            note, product = form.get(f"n:{iid}", "").strip(), form.get(f"p:{iid}", "").strip()
            if status or evidence or note or product:
                value = {"status": status or None, "note": note or None, "product": product or None,
                         "evidence": evidence}  # fmt: skip
        entry = {**item, "value": value}
        comment = form.get(f"c:{iid}", "").strip()
        if comment:
            entry["comment"] = comment
        items.append(entry)
    return {**template, "items": items}

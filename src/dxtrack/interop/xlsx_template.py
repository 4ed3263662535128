"""The Excel template of a data call for one unit, and reading it back.

:func:`write_template` turns the template JSON (``call template --format json``) into a workbook a unit fills
by hand: a title block (call, unit, period, cut-off and due dates), one row per item with its rules in words,
the structure locked (only the cells to fill are unlocked), a drop-down of task statuses and number validation
from the rules. A very hidden sheet ``_dxtrack`` keeps the call, the unit, the template version, the structure
and a sha256 over it. :func:`read_template` gives back the template JSON with ``value`` filled, and refuses a
file that is not xlsx, has no hidden sheet, or whose structure no longer matches (naming the sheet and cell).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dxtrack.domain.report_items import COLLECTIONS, ITEM_KINDS, TASK_REPORT_STATUSES, word
from dxtrack.errors import CodedError

HIDDEN = "_dxtrack"
FORMAT = "dxtrack-template/2"
READS = ("dxtrack-template/1", FORMAT)
"""Formats read back: version 1 (before the indicator's method, source and collection columns) reads the same."""
FIRST_ROW = 10  # first item row of the visible sheet
HIDDEN_FIRST = 11  # first structure row of the hidden sheet
FONT = "Times New Roman"
# visible columns: id, kind, label, unit, rules, value/status, note, product, evidence (tasks), then method,
# source, collection (indicators)
COLS = "ABCDEFGHIJKL"
VALUE, NOTE, PRODUCT, EVIDENCE = "F", "G", "H", "I"
METHOD, SOURCE, COLLECTION = "J", "K", "L"

_SHEET = ("Báo cáo", "Report")
_HEAD = {
    "id": ("Mã", "Id"),
    "kind": ("Loại", "Kind"),
    "label": ("Nội dung", "Item"),
    "unit": ("Đơn vị tính", "Unit"),
    "rules": ("Yêu cầu", "Rules"),
    "value": ("Giá trị / Tình trạng", "Value / Status"),
    "note": ("Ghi chú / Tiến độ", "Note / Progress"),
    "product": ("Sản phẩm (số, ngày văn bản)", "Product (document no., date)"),
    "evidence": ("Minh chứng (mỗi dòng một tệp hoặc liên kết)", "Evidence (one file or link a line)"),
    "method": ("Ghi chú phương pháp tính (chỉ số)", "Method note (indicator)"),
    "source": ("Nguồn số liệu (chỉ số)", "Source of the figure (indicator)"),
    "collection": ("Cách thu thập (chỉ số)", "Collection (indicator)"),
}
_META = {
    "org": ("Đơn vị báo cáo", "Reporting unit"),
    "period": ("Kỳ báo cáo", "Reporting period"),
    "cutoff": ("Ngày chốt số liệu", "Data cut-off date"),
    "due": ("Hạn gửi báo cáo", "Due date"),
    "version": ("Mẫu số", "Template"),
    "hint": (
        "Chỉ điền vào các ô màu vàng. Không chèn, xoá hay di chuyển dòng: tệp sẽ bị từ chối khi tải lên.",
        "Fill in the yellow cells only. Do not insert, delete or move rows: the file would be refused on upload.",
    ),
}
_FILL = PatternFill("solid", fgColor="FFF4C2")
_HEAD_FILL = PatternFill("solid", fgColor="DDE5EE")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_OPEN = Protection(locked=False)


class TemplateError(CodedError):
    """An uploaded template refused; ``code``/``params`` name the entry of the error catalogue."""


def structure(template: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The items without their values: what the checksum covers."""
    return [
        {
            "id": str(i["id"]),
            "kind": i["kind"],
            "label": i["label"],
            "unit": i.get("unit"),
            "rules": i.get("rules") or {},
        }
        for i in template["items"]
    ]


def checksum(call: object, org: object, version: object, items: Sequence[Mapping[str, Any]]) -> str:
    """sha256 (hex) of the canonical JSON of the call, unit, template version and item structure."""
    body = {"call": call, "org": org, "template_version": version, "items": list(items)}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- writing ---


def write_template(template: Mapping[str, Any], path: str | Path, lang: str = "vi") -> Path:
    """Write the template JSON of one unit and call as a locked, validated workbook at ``path``."""
    meta = template.get("meta") or {}
    items = structure(template)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = word(_SHEET, lang)
    _title_block(ws, template, meta, lang)
    for col, key in zip(COLS, _HEAD, strict=True):
        cell = ws[f"{col}{FIRST_ROW - 1}"]
        cell.value = word(_HEAD[key], lang)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    statuses: dict[tuple[str, ...], list[str]] = {}
    numbers: dict[tuple[Any, ...], list[str]] = {}
    for n, item in enumerate(items):
        row = FIRST_ROW + n
        _item_row(ws, row, item, lang)
        rules = item["rules"]
        if item["kind"] == "task":
            allowed = tuple(rules.get("statuses") or TASK_REPORT_STATUSES)
            statuses.setdefault(allowed, []).append(f"{VALUE}{row}")
        elif item["kind"] == "indicator":
            bounds = (rules.get("min"), rules.get("max"), bool(rules.get("integer")))
            numbers.setdefault(bounds, []).append(f"{VALUE}{row}")
    for allowed, cells in statuses.items():
        _status_list(ws, allowed, cells, lang)
    indicators = [f"{COLLECTION}{FIRST_ROW + n}" for n, i in enumerate(items) if i["kind"] == "indicator"]
    _collection_list(ws, indicators, lang)
    for bounds, cells in numbers.items():
        _number_rule(ws, bounds, cells, lang)
    for col, width in zip(COLS, (14, 12, 48, 12, 30, 20, 32, 26, 32, 32, 26, 22), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    _hidden_sheet(wb, template, meta, items, lang)
    out = Path(path)
    wb.save(out)
    return out


def _title_block(ws: Worksheet, template: Mapping[str, Any], meta: Mapping[str, Any], lang: str) -> None:
    ws.merge_cells("A1:L1")
    ws["A1"] = meta.get("title") or f"{template['call']}"
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center", wrap_text=True)
    ws.row_dimensions[1].height = 36
    org_name = meta.get("org_name") or template["org"]
    rows: list[tuple[str, object]] = [
        ("org", f"{org_name} ({template['org']})"),
        ("period", meta.get("period") or ""),
        ("cutoff", _day(meta.get("cutoff"))),
        ("due", _day(meta.get("due"))),
        ("version", f"{template['call']} · {meta.get('template_version') or ''}".strip(" ·")),
    ]
    for n, (key, value) in enumerate(rows, start=2):
        ws[f"A{n}"] = word(_META[key], lang)
        ws[f"A{n}"].font = Font(name=FONT, bold=True)
        ws.merge_cells(f"C{n}:E{n}")
        ws.merge_cells(f"A{n}:B{n}")
        ws[f"C{n}"] = value
        ws[f"C{n}"].font = Font(name=FONT)
        ws[f"C{n}"].alignment = Alignment(horizontal="left")
        if isinstance(value, dt.date):
            ws[f"C{n}"].number_format = "dd/mm/yyyy"
    ws.merge_cells("A8:L8")
    ws["A8"] = word(_META["hint"], lang)
    ws["A8"].font = Font(name=FONT, italic=True, color="7A4B00")


def _day(value: object) -> object:
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)


def _item_row(ws: Worksheet, row: int, item: Mapping[str, Any], lang: str) -> None:
    kind = item["kind"]
    values = (item["id"], word(ITEM_KINDS[kind], lang), item["label"], item["unit"] or "", rules_text(item, lang))
    for col, value in zip("ABCDE", values, strict=True):
        cell = ws[f"{col}{row}"]
        cell.value = value
        cell.font = Font(name=FONT)
        cell.border = _BOX
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    open_cols = {
        "indicator": (VALUE, METHOD, SOURCE, COLLECTION),
        "section": (VALUE,),
        "task": (VALUE, NOTE, PRODUCT, EVIDENCE),
    }[kind]
    for col in COLS[5:]:
        cell = ws[f"{col}{row}"]
        cell.border = _BOX
        cell.font = Font(name=FONT)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if col in open_cols:
            cell.protection = _OPEN
            cell.fill = _FILL
    if kind == "section":
        ws.row_dimensions[row].height = 90


def _num(x: object, lang: str) -> str:
    text = format(float(str(x)), "g") if not isinstance(x, int) else str(x)
    return text.replace(".", ",") if lang == "vi" else text


def rules_text(item: Mapping[str, Any], lang: str) -> str:
    """The item's rules in words, e.g. ``Số nguyên; từ 0 đến 100; bắt buộc``."""
    rules = item.get("rules") or {}
    vi = lang == "vi"
    parts: list[str] = []
    kind = item["kind"]
    if kind == "indicator":
        parts.append(("Số nguyên" if vi else "Whole number") if rules.get("integer") else ("Số" if vi else "Number"))
        lo, hi = rules.get("min"), rules.get("max")
        if lo is not None and hi is not None:
            parts.append(f"từ {_num(lo, lang)} đến {_num(hi, lang)}" if vi else f"{_num(lo, lang)} to {_num(hi, lang)}")
        elif lo is not None:
            parts.append(f"không nhỏ hơn {_num(lo, lang)}" if vi else f"at least {_num(lo, lang)}")
        elif hi is not None:
            parts.append(f"không lớn hơn {_num(hi, lang)}" if vi else f"at most {_num(hi, lang)}")
        parts += [_cross_text(rule, lang) for rule in rules.get("cross") or []]
    elif kind == "task":
        parts.append("Chọn tình trạng trong danh sách" if vi else "Choose a status from the list")
        need = rules.get("evidence_required_for") or []
        if need:
            names = ", ".join(word(TASK_REPORT_STATUSES[s], lang) for s in need if s in TASK_REPORT_STATUSES)
            parts.append(f"cần minh chứng khi: {names}" if vi else f"evidence needed when: {names}")
    else:
        parts.append("Văn bản" if vi else "Text")
    if rules.get("required"):
        parts.append("bắt buộc" if vi else "required")
    return "; ".join(parts)


def _cross_text(rule: Mapping[str, Any], lang: str) -> str:
    """A cross-item rule in words: ``quy tắc de_core_within_de: DE_CORE_SHARE_GDP ≤ DE_SHARE_GDP``."""
    head = ("quy tắc " if lang == "vi" else "rule ") + str(rule.get("id"))
    if rule.get("kind") == "le":
        return f"{head}: {rule.get('left')} ≤ {rule.get('right')}"
    tolerance = _num(rule.get("tolerance", 0.5), lang)
    return f"{head}: {rule.get('share')} = 100 × {rule.get('part')} / {rule.get('whole')} (± {tolerance})"


def _status_list(ws: Worksheet, allowed: Sequence[str], cells: list[str], lang: str) -> None:
    labels = ",".join(word(TASK_REPORT_STATUSES[s], lang) for s in allowed)
    dv = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True, showDropDown=False)
    dv.error = "Chọn một tình trạng trong danh sách" if lang == "vi" else "Choose a status from the list"
    dv.errorTitle = "Tình trạng" if lang == "vi" else "Status"
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    for ref in cells:
        dv.add(ref)


def _collection_list(ws: Worksheet, cells: list[str], lang: str) -> None:
    if not cells:
        return
    labels = ",".join(word(pair, lang) for pair in COLLECTIONS.values())
    dv = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True, showDropDown=False)
    dv.error = "Chọn cách thu thập trong danh sách" if lang == "vi" else "Choose a collection from the list"
    dv.errorTitle = word(_HEAD["collection"], lang)
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    for ref in cells:
        dv.add(ref)


def _number_rule(ws: Worksheet, key: tuple[Any, ...], cells: list[str], lang: str) -> None:
    lo, hi, integer = key
    kind = "whole" if integer else "decimal"
    if lo is not None and hi is not None:
        dv = DataValidation(type=kind, operator="between", formula1=str(lo), formula2=str(hi), allow_blank=True)
    elif lo is not None:
        dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=str(lo), allow_blank=True)
    elif hi is not None:
        dv = DataValidation(type=kind, operator="lessThanOrEqual", formula1=str(hi), allow_blank=True)
    else:  # any number: text is refused
        dv = DataValidation(type=kind, operator="between", formula1="-1E+300", formula2="1E+300", allow_blank=True)
    dv.errorTitle = "Giá trị" if lang == "vi" else "Value"
    dv.error = rules_text({"kind": "indicator", "rules": {"min": lo, "max": hi, "integer": integer}}, lang)
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    for ref in cells:
        dv.add(ref)


def _hidden_sheet(
    wb: Workbook, template: Mapping[str, Any], meta: Mapping[str, Any], items: list[dict[str, Any]], lang: str
) -> None:
    hs = wb.create_sheet(HIDDEN)
    version = meta.get("template_version")
    head: list[tuple[str, object]] = [
        ("format", FORMAT),
        ("call", template["call"]),
        ("org", template["org"]),
        ("template_version", version),
        ("lang", lang),
        ("checksum", checksum(template["call"], template["org"], version, items)),
        ("meta", json.dumps(dict(meta), ensure_ascii=False, sort_keys=True)),
        ("first_row", FIRST_ROW),
        ("items", len(items)),
    ]
    for n, (key, value) in enumerate(head, start=1):
        hs[f"A{n}"] = key
        hs[f"B{n}"] = value
    for n, item in enumerate(items, start=HIDDEN_FIRST):
        hs[f"A{n}"] = item["id"]
        hs[f"B{n}"] = item["kind"]
        hs[f"C{n}"] = item["label"]
        hs[f"D{n}"] = item["unit"]
        hs[f"E{n}"] = json.dumps(item["rules"], ensure_ascii=False, sort_keys=True)
    hs.protection.sheet = True
    hs.sheet_state = "veryHidden"


# --- reading ---


def read_template(path: str | Path) -> dict[str, Any]:
    """The template JSON of a filled workbook, ``value`` filled in (null where nothing was entered)."""
    p = Path(path)
    name = p.name
    wb = _open(p)
    if HIDDEN not in wb.sheetnames:
        raise TemplateError("template_foreign", file=name, sheet=HIDDEN)
    hs = wb[HIDDEN]
    head = {str(hs[f"A{n}"].value): hs[f"B{n}"].value for n in range(1, HIDDEN_FIRST - 1)}
    if head.get("format") not in READS:
        raise TemplateError("template_foreign", file=name, sheet=HIDDEN)
    count = int(head.get("items") or 0)
    items = [_hidden_item(hs, n, name) for n in range(HIDDEN_FIRST, HIDDEN_FIRST + count)]
    call, org, version = head.get("call"), head.get("org"), head.get("template_version")
    if checksum(call, org, version, items) != head.get("checksum"):
        raise TemplateError("template_checksum", file=name, sheet=HIDDEN, cell="B6")
    ws = _visible(wb, name)
    first = int(head.get("first_row") or FIRST_ROW)
    lang = str(head.get("lang") or "vi")
    out_items = []
    for n, item in enumerate(items):
        row = first + n
        _check_row(ws, row, item, name, lang)
        out_items.append({**item, "value": _value(ws, row, item, name)})
    _check_end(ws, first + len(items), name)
    meta = json.loads(str(head.get("meta") or "{}"))
    return {"call": call, "org": org, "meta": meta, "items": out_items}


def _open(p: Path) -> Workbook:
    if not zipfile.is_zipfile(p):
        raise TemplateError("template_not_xlsx", file=p.name, reason="not a zip package")
    try:
        return load_workbook(p, data_only=True)
    except (InvalidFileException, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise TemplateError("template_not_xlsx", file=p.name, reason=type(exc).__name__) from exc


def _hidden_item(hs: Worksheet, n: int, name: str) -> dict[str, Any]:
    try:
        rules = json.loads(str(hs[f"E{n}"].value or "{}"))
    except json.JSONDecodeError:
        raise TemplateError("template_checksum", file=name, sheet=HIDDEN, cell=f"E{n}") from None
    return {
        "id": str(hs[f"A{n}"].value),
        "kind": hs[f"B{n}"].value,
        "label": hs[f"C{n}"].value,
        "unit": hs[f"D{n}"].value,
        "rules": rules,
    }


def _visible(wb: Workbook, name: str) -> Worksheet:
    for ws in wb.worksheets:
        if ws.title != HIDDEN:
            return ws
    raise TemplateError("template_foreign", file=name, sheet=HIDDEN)


def _check_row(ws: Worksheet, row: int, item: Mapping[str, Any], name: str, lang: str) -> None:
    for col, expected in (("A", item["id"]), ("C", item["label"])):
        found = ws[f"{col}{row}"].value
        if str(found if found is not None else "") != str(expected):
            raise TemplateError(
                "template_tampered", file=name, sheet=ws.title, cell=f"{col}{row}", expected=expected, found=found or ""
            )
    kind = word(ITEM_KINDS[item["kind"]], lang)
    if ws[f"B{row}"].value != kind:
        raise TemplateError(
            "template_tampered",
            file=name,
            sheet=ws.title,
            cell=f"B{row}",
            expected=kind,
            found=ws[f"B{row}"].value or "",
        )


def _check_end(ws: Worksheet, row: int, name: str) -> None:
    found = ws[f"A{row}"].value
    if found not in (None, ""):
        raise TemplateError("template_tampered", file=name, sheet=ws.title, cell=f"A{row}", expected="", found=found)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _value(ws: Worksheet, row: int, item: Mapping[str, Any], name: str) -> Any:
    kind = item["kind"]
    raw = ws[f"{VALUE}{row}"].value
    if kind == "indicator":
        number = _number(raw, ws.title, f"{VALUE}{row}", item["id"], name)
        collection = _collection(ws[f"{COLLECTION}{row}"].value, ws.title, f"{COLLECTION}{row}", name)
        meta = {"method": _text(ws[f"{METHOD}{row}"].value), "source": _text(ws[f"{SOURCE}{row}"].value),
                "collection": collection}  # fmt: skip
        said = {k: v for k, v in meta.items() if v is not None}
        return {"value": number, **said} if said else number
    if kind == "section":
        return _text(raw)
    status = _status(raw, item, ws.title, f"{VALUE}{row}", name)
    note, product = _text(ws[f"{NOTE}{row}"].value), _text(ws[f"{PRODUCT}{row}"].value)
    evidence_text = _text(ws[f"{EVIDENCE}{row}"].value) or ""
    evidence = [e.strip() for e in evidence_text.replace(";", "\n").splitlines() if e.strip()]
    if status is None and note is None and product is None and not evidence:
        return None
    return {"status": status, "note": note, "product": product, "evidence": evidence}


def _number(raw: object, sheet: str, cell: str, item: str, name: str) -> int | float | None:
    if raw is None:
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return raw
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text and "." not in text:  # a decimal comma typed as text (12,5)
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise TemplateError("template_not_a_number", file=name, sheet=sheet, cell=cell, value=raw, item=item) from None
    return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number


def _collection(raw: object, sheet: str, cell: str, name: str) -> str | None:
    text = _text(raw)
    if text is None:
        return None
    for code, (vi, en) in COLLECTIONS.items():
        if text.casefold() in (code, vi.casefold(), en.casefold()):
            return code
    choices = ", ".join(vi for vi, _ in COLLECTIONS.values())
    raise TemplateError("template_bad_collection", file=name, sheet=sheet, cell=cell, value=text, choices=choices)


def _status(raw: object, item: Mapping[str, Any], sheet: str, cell: str, name: str) -> str | None:
    text = _text(raw)
    if text is None:
        return None
    allowed = [str(s) for s in (item.get("rules") or {}).get("statuses") or TASK_REPORT_STATUSES]
    for code in allowed:
        vi, en = TASK_REPORT_STATUSES[code]
        if text.casefold() in (code, vi.casefold(), en.casefold()):
            return code
    choices = [TASK_REPORT_STATUSES[c][0] for c in allowed]
    raise TemplateError(
        "template_bad_status", file=name, sheet=sheet, cell=cell, value=text, choices=", ".join(choices)
    )

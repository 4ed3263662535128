"""The unit's web form to the template JSON: numbers as each language writes them, empty fields not reported,
a task's fields gathered into its value (the same shape as the Excel template gives)."""

from __future__ import annotations

import pytest

from dxtrack.web.loop.forms import payload, read_number, show_number


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("18,3", "vi", 18.3),
        ("1.234,5", "vi", 1234.5),
        ("71", "vi", 71),
        ("18.3", "en", 18.3),
        ("1,234.5", "en", 1234.5),
        ("18.3", "vi", 18.3),  # a lone decimal point is read as one in Vietnamese too
        (" 26 ", "en", 26),
        ("khoảng 20", "vi", "khoảng 20"),  # not a number: passed on, validation names item and rule
    ],
)
def test_read_number(text: str, lang: str, expected: object) -> None:
    got = read_number(text, lang)  # type: ignore[arg-type]
    assert got == expected and type(got) is type(expected)


def test_show_number_round_trips() -> None:
    assert show_number(18.3, "vi") == "18,3" and show_number(18.3, "en") == "18.3" and show_number(None, "vi") == ""
    assert read_number(show_number(0.25, "vi"), "vi") == 0.25


def test_payload_from_the_form() -> None:
    tpl = {"call": 1, "org": "MOST", "meta": {}, "items": [
        {"id": "DE_SHARE_GDP", "kind": "indicator", "label": "x", "unit": "% GDP", "rules": {}, "value": None},
        {"id": "CP.1", "kind": "task", "label": "t", "unit": None, "rules": {}, "value": None},
        {"id": "CP.2", "kind": "task", "label": "t", "unit": None, "rules": {}, "value": None},
        {"id": "section.results", "kind": "section", "label": "s", "unit": None, "rules": {}, "value": None},
    ]}  # fmt: skip
    form = {"v:DE_SHARE_GDP": "18,3", "c:DE_SHARE_GDP": "Số ước tính", "s:CP.1": "completed",
            "e:CP.1": "https://a.vn/1.pdf\n\n https://a.vn/2.pdf ", "p:CP.1": "QĐ 1", "s:CP.2": "",
            "v:section.results": "  "}  # fmt: skip
    items = {i["id"]: i for i in payload(tpl, form, "vi")["items"]}
    assert (items["DE_SHARE_GDP"]["value"], items["DE_SHARE_GDP"]["comment"]) == (18.3, "Số ước tính")
    assert items["CP.1"]["value"] == {"status": "completed", "note": None, "product": "QĐ 1",
                                      "evidence": ["https://a.vn/1.pdf", "https://a.vn/2.pdf"]}  # fmt: skip
    assert items["CP.2"]["value"] is None and items["section.results"]["value"] is None

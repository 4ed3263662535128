"""A small reporting loop on vn-nq57 and the review report it feeds — to look at the report a ministry would get.

    .venv/bin/python scripts/loop_report_demo.py --out out/loop-demo [--lang vi|en] [--format pdf|docx|html]

Builds a fresh SQLite store in OUT (the bundled real data, organisations, the vn-nq57 pack), opens the 2025 annual
data call (cut-off 15/12/2025, due 15/01/2026), and has four units report: the Ministry of Science and
Technology, the Ministry of Finance, the Ministry of Home Affairs and Hà Nội. Each fills its template — a status
for every task it leads, chosen by a fixed rule from the task's deadline, and short narrative sections — and is
approved by its own approver and accepted by the coordinator; the Ministry of Home Affairs' report is then
reopened (so it must not be quoted). The report is written as of 20/01/2026. The narrative texts are
illustrative, not the units' real reports.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from dxtrack.catalog import load_pack
from dxtrack.domain.deadlines import task_due
from dxtrack.reports import ReportOptions, write_report
from dxtrack.services import accounts, calls, submissions
from dxtrack.services.store import load_areas, load_bundled_data, load_content_pack, open_store
from dxtrack.settings import data_dir

PASSWORD = "demo password 2026"
AS_OF = dt.date(2026, 1, 20)
UNITS: dict[str, dict[str, str]] = {
    "MOST": {
        "section.leadership": "Bộ đã kiện toàn Ban Chỉ đạo của Bộ về phát triển khoa học, công nghệ, đổi mới sáng "
        "tạo và chuyển đổi số; ban hành Kế hoạch hành động của Bộ thực hiện Nghị quyết số 57-NQ/TW và Nghị quyết "
        "số 03/NQ-CP, phân công từng nhiệm vụ cho đơn vị chủ trì, thời hạn và sản phẩm.",
        "section.results": "Các nhiệm vụ Bộ chủ trì có thời hạn trong năm 2025 phần lớn đã hoàn thành; một số "
        "nhiệm vụ xây dựng văn bản quy phạm pháp luật hoàn thành chậm so với thời hạn.",
        "section.results.CP.II": "Bộ đã trình Chính phủ, Quốc hội các dự án luật trong lĩnh vực khoa học, công "
        "nghệ, đổi mới sáng tạo và chuyển đổi số theo chương trình năm 2025.",
        "section.limitations": "Việc xây dựng văn bản hướng dẫn còn chậm; cơ chế thử nghiệm có kiểm soát mới bắt "
        "đầu được áp dụng.",
        "section.causes_objective": "Khối lượng văn bản cần sửa đổi lớn, thời gian thực hiện ngắn.",
        "section.causes_subjective": "Phối hợp giữa các đơn vị trong Bộ có lúc chưa chặt chẽ.",
        "section.lessons": "Giao nhiệm vụ rõ người, rõ việc, rõ thời hạn, rõ sản phẩm và theo dõi hằng tháng.",
        "section.directions": "Hoàn thành các văn bản hướng dẫn còn lại trong quý I/2026.",
        "section.proposals": "Đề nghị Chính phủ bố trí đủ kinh phí cho các nhiệm vụ chuyển tiếp năm 2026.",
    },
    "MOF": {
        "section.leadership": "Bộ đã ban hành Kế hoạch thực hiện và giao nhiệm vụ cho các đơn vị thuộc Bộ.",
        "section.results.CP.II": "Bộ đã hướng dẫn cơ chế tài chính cho nhiệm vụ khoa học, công nghệ theo cơ chế "
        "khoán chi đến sản phẩm cuối cùng.",
        "section.limitations": "Một số địa phương còn lúng túng khi áp dụng cơ chế khoán chi.",
        "section.proposals": "Đề nghị các bộ, ngành, địa phương gửi dự toán nhiệm vụ đúng thời hạn.",
    },
    "MOHA": {
        "section.leadership": "Bộ đã ban hành Kế hoạch thực hiện.",
        "section.proposals": "Đề nghị bổ sung biên chế cho các đơn vị chuyển đổi số.",
    },
    "VN34_01": {
        "section.leadership": "Thành ủy, Ủy ban nhân dân Thành phố đã kiện toàn Ban Chỉ đạo và ban hành kế hoạch "
        "thực hiện.",
        "section.results": "Thành phố đã triển khai các nhiệm vụ được giao; tỷ lệ hồ sơ thủ tục hành chính trực "
        "tuyến tiếp tục tăng.",
        "section.limitations": "Hạ tầng số ở một số xã sau sắp xếp còn chưa đồng bộ.",
    },
}
PEOPLE = {org: (f"sub-{org.lower()}", f"appr-{org.lower()}") for org in UNITS}


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=3, tzinfo=dt.UTC)


def _task_value(task_id: str, deadline: str | None, index: int, lead: bool, day: dt.date) -> dict[str, Any] | None:
    """A fixed rule: of the tasks a unit leads that were due by ``day``, two in three completed (every fifth of
    them late), the rest in progress; those due later in progress or not yet due. Co-operated tasks: no status."""
    if not lead:
        return None
    due = task_due(deadline)
    if due is not None and due < day:
        if index % 3 == 2:
            return {"status": "in_progress", "note": "Đang hoàn thiện dự thảo"}
        status = "completed_late" if index % 5 == 4 else "completed"
        return {"status": status, "product": "Văn bản đã ban hành", "evidence": [f"https://example.vn/{task_id}"]}
    return {"status": "in_progress" if index % 2 else "not_due"}


def build(out: Path, lang: str, fmt: str) -> Path:
    """The store, the loop and the report; returns the report's path."""
    out.mkdir(parents=True, exist_ok=True)
    db = out / "loop-demo.db"
    db.unlink(missing_ok=True)
    engine = open_store(f"sqlite:///{db}")
    pack = load_pack("vn-nq57")
    load_areas(engine, data_dir())
    load_content_pack(engine, pack)
    load_bundled_data(engine, data_dir())
    accounts.create_user(engine, "coord", org_id="CENTRAL", roles=["coordinator"], password=PASSWORD)
    for org, (sub, appr) in PEOPLE.items():
        accounts.create_user(engine, sub, org_id=org, roles=["submitter"], password=PASSWORD)
        accounts.create_user(engine, appr, org_id=org, roles=["approver"], password=PASSWORD)
    coord = accounts.get_user(engine, "coord")
    assert coord is not None
    call = calls.create_call(engine, pack, coord, title="Báo cáo năm 2025", period="2025", cutoff="2025-12-15",
                             due="2026-01-15", units=",".join(UNITS), now=_at("2025-12-01"))  # fmt: skip
    for n, (org, texts) in enumerate(UNITS.items()):
        tpl = calls.template(engine, call, org)
        led = 0
        for item in tpl["items"]:
            if item["kind"] == "task":
                lead = item["rules"].get("role") == "lead"
                item["value"] = _task_value(item["id"], item["rules"].get("deadline"), led, lead, AS_OF)
                led += lead
            elif item["kind"] == "section":
                item["value"] = texts.get(item["id"])
        sub, appr = (accounts.get_user(engine, p) for p in PEOPLE[org])
        assert sub is not None and appr is not None
        submissions.submit(engine, pack, sub, call, org, tpl, now=_at(f"2026-01-{5 + n:02d}"))
        submissions.review(engine, pack, appr, call, org, "approve", now=_at(f"2026-01-{6 + n:02d}"))
        submissions.review(engine, pack, coord, call, org, "accept", now=_at(f"2026-01-{10 + n:02d}"))
    submissions.review(engine, pack, coord, call, "MOHA", "reopen", reason="Thiếu minh chứng", now=_at("2026-01-16"))
    options = ReportOptions(issuer="GOV_PARTY_COMMITTEE")
    path = out / f"loop-report-{lang}.{fmt}"
    return write_report(engine, pack, lang=lang, fmt=fmt, out=path, as_of=AS_OF, options=options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("out/loop-demo"))
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--format", choices=("pdf", "docx", "html"), default="pdf")
    args = parser.parse_args()
    print(build(args.out, args.lang, args.format))


if __name__ == "__main__":
    main()

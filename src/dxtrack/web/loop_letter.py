"""The urging letter (công văn đôn đốc) as a download, for the board's link and the API: the late units the user
coordinates, written by the same function as ``dxtrack remind --letter`` with the same default issuer."""

from __future__ import annotations

import datetime as dt

from fastapi.responses import Response

from dxtrack.domain.accounts import User
from dxtrack.present import Lang
from dxtrack.present.errors import AppError
from dxtrack.reports.urging_letter import DEFAULT_ISSUER, MEDIA_TYPE, letter_file_name, urging_letter_bytes
from dxtrack.services import inbox
from dxtrack.web.loop_common import find_call, loop_errors
from dxtrack.web.state import WebState


def letter_response(state: WebState, user: User, call_id: int, lang: Lang, as_of: dt.date | None = None) -> Response:
    """The DOCX of the call's urging letter (403 unless the user coordinates a unit of it; 409
    ``call_no_late_unit`` when none of those is late)."""
    find_call(state, call_id)
    with loop_errors(lang):
        data = inbox.coordinator_reminders(state.engine, user, call_id, as_of)
    if not data["late"]:
        raise AppError("call_no_late_unit", {"call": call_id, "as_of": data["as_of"]})
    body = urging_letter_bytes(data, issuer_name=DEFAULT_ISSUER, lang=lang)
    name = letter_file_name(call_id, lang)
    return Response(body, media_type=MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})  # fmt: skip

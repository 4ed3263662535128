"""What the loop's API and pages share: the content pack of a call, and the loop's errors as catalogue errors
(an unknown call or unit is a 404; a report with errors a 422 naming every item and rule)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from dxtrack.catalog import load_pack
from dxtrack.catalog.loader import available_packs
from dxtrack.domain.accounts import AccessError
from dxtrack.domain.catalog import ContentPack
from dxtrack.errors import DxtrackError
from dxtrack.interop.xlsx_template import TemplateError
from dxtrack.present.errors import AppError
from dxtrack.services import calls
from dxtrack.services.drafts import issues_json
from dxtrack.services.submissions import SubmissionRejected
from dxtrack.web.state import WebState


def find_call(state: WebState, call_id: int) -> dict[str, Any]:
    """The call, or 404 ``call_not_found``."""
    try:
        return calls.get_call(state.engine, call_id)
    except DxtrackError:
        raise AppError("call_not_found", {"call": call_id}) from None


def find_unit(state: WebState, call_id: int, org_id: str) -> dict[str, Any]:
    """The unit's template for the call, or 404 (``call_not_found``, ``unit_not_in_call``)."""
    find_call(state, call_id)
    try:
        return calls.template(state.engine, call_id, org_id)
    except DxtrackError:
        raise AppError("unit_not_in_call", {"call": call_id, "org": org_id}) from None


def call_pack(state: WebState, call_id: int) -> ContentPack:
    """The content pack the call was opened on (the served pack, or another bundled one, loaded once)."""
    return pack_by_id(state, str(find_call(state, call_id)["pack_id"]))


def pack_by_id(state: WebState, pack_id: str) -> ContentPack:
    """The served pack, or another bundled pack by id (loaded once per data stamp)."""
    if pack_id == state.pack.id:
        return state.pack
    if pack_id not in available_packs():  # never a folder named by a client
        known = ", ".join(available_packs())
        raise AppError("user_error", {"message": f"content pack '{pack_id}' is not one of {known}"})
    pack: ContentPack = state.cached(("pack", pack_id), lambda: load_pack(pack_id))
    return pack


@contextmanager
def loop_errors() -> Iterator[None]:
    """The loop services' errors as catalogue errors: a rejected report (422 ``submission_rejected``, every issue
    in ``params.issues``), a refused Excel file (its own catalogue entry), any other one-line error (400)."""
    try:
        yield
    except AccessError:
        raise
    except SubmissionRejected as exc:
        issues = issues_json(exc.issues)
        params = {"count": len(issues), "first": str(exc.issues[0]), "issues": issues}
        raise AppError("submission_rejected", params) from None
    except TemplateError as exc:
        raise AppError(exc.code, exc.params) from None
    except AppError:
        raise
    except DxtrackError as exc:
        raise AppError("user_error", {"message": str(exc)}) from None

"""What the loop's API and pages share: the content pack of a call, and the loop's errors as catalogue errors
(an unknown call or unit is a 404; a report with errors a 422 naming every item and rule)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import Request

from dxtrack.catalog import load_pack
from dxtrack.catalog.loader import available_packs
from dxtrack.domain.accounts import AccessError
from dxtrack.domain.catalog import ContentPack
from dxtrack.errors import CodedError, DxtrackError
from dxtrack.interop.xlsx_template import TemplateError
from dxtrack.present import Lang, pick_lang
from dxtrack.present.errors import AppError
from dxtrack.services import calls
from dxtrack.services.drafts import issues_json
from dxtrack.services.submissions import SubmissionRejected
from dxtrack.web.state import WebState


def api_lang(request: Request) -> Lang:
    """The language of an API answer: ``?lang=vi|en``, English by default (as the API's errors)."""
    return pick_lang(request.query_params.get("lang")) or "en"


def find_call(state: WebState, call_id: int) -> dict[str, Any]:
    """The call, or 404 ``call_not_found``."""
    with loop_errors():
        return calls.get_call(state.engine, call_id)


def find_unit(state: WebState, call_id: int, org_id: str) -> dict[str, Any]:
    """The unit's template for the call, or 404 (``call_not_found``, ``call_not_a_unit``)."""
    with loop_errors():
        return calls.template(state.engine, call_id, org_id)


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
def loop_errors(lang: str = "en") -> Iterator[None]:
    """The loop services' errors as catalogue errors: a rejected report (``submission_rejected``, every issue in
    ``params.issues`` with its message in ``lang``), any other coded error or refused Excel file with its own
    catalogue entry, any other one-line error as ``user_error``."""
    try:
        yield
    except AccessError:
        raise
    except SubmissionRejected as exc:
        raise AppError(exc.code, {**exc.params, "issues": issues_json(exc.issues, lang)}) from None
    except (CodedError, TemplateError) as exc:
        raise AppError(exc.code, exc.params) from None
    except AppError:
        raise
    except DxtrackError as exc:
        raise AppError("user_error", {"message": str(exc)}) from None

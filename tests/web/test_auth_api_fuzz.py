"""Schemathesis over the authenticated API: every operation of /openapi.json, called with an assessor's API token
(so the write route and the auth routes are reached past the guard) — the reporting loop's with the token of a
submitter, approver and coordinator of province A — on a real server; no server error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from dxtrack.services import accounts
from dxtrack.services.store import open_store
from tests.auth_support import PASSWORD, A, Cast, auth_server


@pytest.fixture(scope="module")
def signed_server(
    loaded_db_url: str, data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Cast]]:
    folder = tmp_path_factory.mktemp("auth-fuzz")
    with auth_server(loaded_db_url, folder, data_dir) as (base, people):
        engine = open_store(f"sqlite:///{folder / 'dxtrack.db'}")
        roles = ["submitter", "approver", "coordinator"]
        accounts.create_user(engine, "loop-all", org_id=A, roles=roles, password=PASSWORD)
        people.tokens["loop"] = accounts.create_token(engine, "loop-all", days=1).secret
        engine.dispose()
        yield base, people


def test_authenticated_api_has_no_server_error(signed_server: tuple[str, Cast]) -> None:
    base, people = signed_server
    headers = {"Authorization": f"Bearer {people.tokens['assessor']}"}
    loop = {"Authorization": f"Bearer {people.tokens['loop']}"}
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    writes = [op for op in operations if op.method.upper() == "POST"]
    loop_writes = {"/api/v1/calls", "/api/v1/calls/{call_id}/repeat",
                   *(f"/api/v1/calls/{{call_id}}/units/{{org}}/{step}" for step in
                     ("draft", "submission", "approve", "accept", "return", "reopen"))}  # fmt: skip
    assert {op.path for op in writes} == {"/api/v1/auth/login", "/api/v1/auth/logout", "/api/v1/evidence", *loop_writes}
    statuses: dict[str, set[int]] = {}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
        )
        def check(case: schemathesis.Case) -> None:
            response = case.call(headers=loop if case.path.startswith("/api/v1/calls") else headers, timeout=30)
            statuses.setdefault(f"{case.method} {case.path}", set()).add(response.status_code)
            case.validate_response(response, checks=[not_a_server_error])
            if response.status_code in (200, 201) and "json" in response.headers.get("content-type", ""):
                case.validate_response(response)

        check()
    # the token passed the guard: evidence was refused only for its content, never for want of credentials
    assert 401 not in statuses["POST /api/v1/evidence"]
    assert not {401, 403} & statuses["POST /api/v1/calls/{call_id}/units/{org}/draft"]

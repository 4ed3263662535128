"""Sign-in and the write guard over HTTP, on SQLite and PostgreSQL (the app in process, via Starlette's client).

The role × route matrix is generated from the route/role table: every write route of the app is called as each
role (and anonymously) and must be admitted exactly when its rule says so; a write route without a rule, or
without an example request here, fails the suite.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

with warnings.catch_warnings():  # Starlette 1.x would rather use httpx2 (not installed); httpx works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dxtrack.domain.accounts import ROLES
from dxtrack.services import accounts, records
from dxtrack.services.store import open_store
from dxtrack.web.app import create_app
from dxtrack.web.auth.identity import LOGIN_CSRF_COOKIE, SESSION_COOKIE
from dxtrack.web.auth.rules import RULES, check_rules, write_routes
from tests.auth_support import MILESTONE, PASSWORD, A, B, Cast, cast, load_orgs
from tests.web import loop_examples

ERROR_KEYS = {"error", "code", "params", "detail", "status"}
LOGIN_CSRF = "x" * 43

# One request per write route that succeeds when the caller is allowed (keyed like the route/role table).
EXAMPLES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/api/v1/auth/login"): {"json": {"name": "u-viewer", "password": PASSWORD}},
    ("POST", "/api/v1/auth/logout"): {},
    ("GET", "/api/v1/auth/me"): {},
    ("POST", "/api/v1/evidence"): {
        "json": {"target": MILESTONE, "text": "Đã ban hành", "judgement": "limited_progress"}
    },
    ("POST", "/login"): {
        "data": {"name": "u-viewer", "password": PASSWORD, "csrf_token": LOGIN_CSRF},
        "cookies": {LOGIN_CSRF_COOKIE: LOGIN_CSRF},
    },
    ("POST", "/logout"): {},
    ("POST", "/account/password"): {
        "data": {"current_password": PASSWORD, "new_password": PASSWORD, "confirm_password": PASSWORD}
    },
    **loop_examples.EXAMPLES,  # each prepares a call in the state its route needs
}


@pytest.fixture
def site(db_url: str) -> Iterator[tuple[TestClient, Cast, Any]]:
    engine = open_store(db_url)
    load_orgs(engine)
    people = cast(engine)
    with TestClient(create_app(db_url), follow_redirects=False) as client:
        yield client, people, engine
    engine.dispose()


def call(client: TestClient, route: tuple[str, str], token: str | None, engine: Any = None) -> Any:
    client.cookies.clear()
    example = dict(EXAMPLES[route])
    prepare = example.pop("prepare", None)
    if prepare is not None:
        example.update(prepare(engine))
    url = example.pop("url", route[1])
    for name, value in example.pop("cookies", {}).items():
        client.cookies.set(name, value)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.request(route[0], url, headers=headers, **example)


def assert_error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == ERROR_KEYS and body["code"] == code and body["status"] == status


def test_every_write_route_has_a_rule_and_an_example(site: tuple[TestClient, Cast, Any]) -> None:
    routes = set(write_routes(site[0].app))  # type: ignore[arg-type]
    assert routes <= set(RULES) and set(RULES) == set(EXAMPLES)
    assert ("POST", "/api/v1/evidence") in routes


def test_role_route_matrix(site: tuple[TestClient, Cast, Any]) -> None:
    """Each write route, anonymously and as each role: admitted exactly when the route/role table says so."""
    client, people, engine = site
    for route, rule in sorted(RULES.items()):
        anonymous = call(client, route, None, engine)
        if rule.public:
            assert anonymous.status_code < 400, (route, anonymous.text)
        elif route[1].startswith("/api/"):
            assert_error(anonymous, 401, "not_authenticated")
        else:
            assert anonymous.status_code == 401, route
        for role in ROLES:
            response = call(client, route, people.tokens[role], engine)
            if rule.public or not rule.roles or role in rule.roles:
                assert response.status_code < 400, (route, role, response.text)
            elif route[1].startswith("/api/"):
                assert_error(response, 403, "forbidden")
            else:  # a page answers with the error page
                assert response.status_code == 403 and "forbidden" in response.text, (route, role)


def test_a_write_route_without_a_rule_stops_the_app(site: tuple[TestClient, Cast, Any]) -> None:
    app = site[0].app

    @app.post("/api/v1/unruled")  # type: ignore[attr-defined, untyped-decorator]
    def unruled() -> None:
        """A write route someone forgot to put in the route/role table."""

    with pytest.raises(RuntimeError, match=r"no rule for \[\('POST', '/api/v1/unruled'\)\]"):
        check_rules(app)  # type: ignore[arg-type]


def test_assessor_of_province_a_cannot_write_for_province_b(site: tuple[TestClient, Cast, Any]) -> None:
    client, people, engine = site
    body = {"target": MILESTONE, "text": "Kết quả của tỉnh", "judgement": "moderate_progress"}
    own = client.post(
        "/api/v1/evidence", json={**body, "org": A}, headers={"Authorization": f"Bearer {people.tokens['assessor']}"}
    )
    assert own.status_code == 201 and own.json()["assessor"].startswith("U assessor (")
    other = client.post(
        "/api/v1/evidence", json={**body, "org": B}, headers={"Authorization": f"Bearer {people.tokens['assessor']}"}
    )
    assert_error(other, 403, "forbidden")
    assert other.json()["params"] == {"user": "u-assessor", "role": "assessor", "org": B}
    theirs = client.post(
        "/api/v1/evidence", json={**body, "org": B}, headers={"Authorization": f"Bearer {people.assessor_b}"}
    )
    assert theirs.status_code == 201
    submitter = client.post(
        "/api/v1/evidence", json={**body, "org": A}, headers={"Authorization": f"Bearer {people.tokens['submitter']}"}
    )
    assert_error(submitter, 403, "forbidden")
    assert [r["text"] for r in records.evidence(engine, MILESTONE)] == ["Kết quả của tỉnh", "Kết quả của tỉnh"]


def login(client: TestClient, name: str = "u-assessor", password: str = PASSWORD) -> str:
    response = client.post("/api/v1/auth/login", json={"name": name, "password": password})
    assert response.status_code == 200, response.text
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and f"{SESSION_COOKIE}=" in cookie
    assert "Secure" not in cookie  # plain HTTP and no --secure-cookies
    return str(response.json()["csrf_token"])


def test_session_writes_need_the_csrf_token(site: tuple[TestClient, Cast, Any]) -> None:
    client, _, _ = site
    csrf = login(client)
    body = {"target": MILESTONE, "text": "qua phiên đăng nhập", "judgement": "limited_progress"}
    assert_error(client.post("/api/v1/evidence", json=body), 403, "csrf_failed")
    assert_error(
        client.post("/api/v1/evidence", json=body, headers={"X-CSRF-Token": csrf[:-2] + "xx"}), 403, "csrf_failed"
    )
    assert client.post("/api/v1/evidence", json=body, headers={"X-CSRF-Token": csrf}).status_code == 201
    assert client.get("/api/v1/auth/me").json()["name"] == "u-assessor"
    assert_error(client.post("/api/v1/auth/logout"), 403, "csrf_failed")
    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert_error(client.get("/api/v1/auth/me"), 401, "not_authenticated")


def test_page_forms_carry_csrf_tokens(site: tuple[TestClient, Cast, Any]) -> None:
    client, _, _ = site
    page = client.get("/login?lang=en")
    assert page.status_code == 200 and 'name="csrf_token"' in page.text
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    no_token = client.post("/login", data={"name": "u-viewer", "password": PASSWORD})
    assert no_token.status_code == 403 and "CSRF" in no_token.text
    wrong = client.post("/login", data={"name": "u-viewer", "password": PASSWORD, "csrf_token": token[:-1] + "_"})
    assert wrong.status_code == 403
    done = client.post(
        "/login", data={"name": "u-viewer", "password": PASSWORD, "csrf_token": token, "next": "//evil.example"}
    )
    assert done.status_code == 303 and done.headers["location"] == "/account"
    account = client.get("/account?lang=vi")
    assert "Đăng xuất" in account.text and "u-viewer" in account.text
    csrf = account.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    form = {"csrf_token": csrf, "current_password": PASSWORD, "new_password": "a new passphrase 1"}
    mismatch = client.post("/account/password?lang=en", data={**form, "confirm_password": "another one 12"})
    assert mismatch.status_code == 400 and "The two new passwords differ." in mismatch.text
    wrong = {**form, "current_password": "not it at all", "confirm_password": form["new_password"]}
    assert client.post("/account/password?lang=en", data=wrong).status_code == 403
    changed = client.post("/account/password?lang=vi", data={**form, "confirm_password": form["new_password"]})
    assert changed.status_code == 200 and "Đã đổi mật khẩu." in changed.text
    csrf = changed.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]  # the new session's token
    assert client.post("/logout", data={}).status_code == 403
    out = client.post("/logout", data={"csrf_token": csrf})
    assert out.status_code == 303 and out.headers["location"] == "/login?bye=1"
    assert client.get("/account").status_code == 303


def test_brute_force_on_the_api_is_answered_429_with_retry_after(site: tuple[TestClient, Cast, Any]) -> None:
    client, _, _ = site
    for _ in range(5):
        assert_error(
            client.post("/api/v1/auth/login", json={"name": "u-viewer", "password": "wrong guess"}), 401, "login_failed"
        )
    locked = client.post("/api/v1/auth/login", json={"name": "u-viewer", "password": PASSWORD})
    assert_error(locked, 429, "too_many_attempts")
    assert 1 <= int(locked.headers["retry-after"]) <= 30
    page = client.get("/login")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    form = client.post("/login", data={"name": "u-viewer", "password": PASSWORD, "csrf_token": token})
    assert form.status_code == 429 and "retry-after" in form.headers


def test_expired_and_revoked_tokens_are_refused(site: tuple[TestClient, Cast, Any]) -> None:
    client, _, engine = site
    body = {"target": MILESTONE, "text": "x", "judgement": "limited_progress"}
    old = accounts.create_token(engine, "u-assessor", days=1, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    expired = client.post("/api/v1/evidence", json=body, headers={"Authorization": f"Bearer {old.secret}"})
    assert_error(expired, 401, "not_authenticated")
    assert expired.json()["params"] == {"reason": "token expired"} and expired.headers["www-authenticate"] == "Bearer"
    live = accounts.create_token(engine, "u-assessor", days=1)
    assert (
        client.post("/api/v1/evidence", json=body, headers={"Authorization": f"Bearer {live.secret}"}).status_code
        == 201
    )
    accounts.revoke_token(engine, live.id)
    revoked = client.post("/api/v1/evidence", json=body, headers={"Authorization": f"Bearer {live.secret}"})
    assert_error(revoked, 401, "not_authenticated")
    assert revoked.json()["params"] == {"reason": "token revoked"}


def test_openapi_marks_roles_and_security(site: tuple[TestClient, Cast, Any]) -> None:
    doc = site[0].get("/openapi.json").json()
    assert set(doc["components"]["securitySchemes"]) == {"bearerAuth", "sessionCookie"}
    evidence = doc["paths"]["/api/v1/evidence"]["post"]
    assert evidence["x-required-roles"] == ["assessor"] and {"bearerAuth": []} in evidence["security"]
    assert doc["paths"]["/api/v1/auth/login"]["post"]["x-required-roles"] == []
    assert doc["paths"]["/api/v1/targets"]["get"]["x-required-roles"] == []
    assert doc["paths"]["/api/v1/auth/me"]["get"]["x-required-roles"] == ["any signed-in user"]
    assert all("x-required-roles" in op for item in doc["paths"].values() for op in item.values())


def test_require_login_closes_pages_and_api(db_url: str) -> None:
    engine = open_store(db_url)
    load_orgs(engine)
    people = cast(engine)
    with TestClient(create_app(db_url, require_login=True, secure_cookies=True), follow_redirects=False) as client:
        page = client.get("/targets?lang=en")
        assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Ftargets%3Flang%3Den&lang=en"
        assert_error(client.get("/api/v1/targets"), 401, "not_authenticated")
        assert client.get("/login").status_code == 200
        assert (
            client.get("/api/v1/targets", headers={"Authorization": f"Bearer {people.tokens['viewer']}"}).status_code
            == 200
        )
        doc = client.get("/openapi.json").json()
        assert doc["paths"]["/api/v1/targets"]["get"]["x-required-roles"] == ["any signed-in user"]
        response = client.post("/api/v1/auth/login", json={"name": "u-viewer", "password": PASSWORD})
        assert "Secure" in response.headers["set-cookie"]
    engine.dispose()

"""Accounts on SQLite and PostgreSQL: Argon2id passwords with rehash on login, lockout per account and per client
address, sessions, API tokens (expiry, revocation), and organisation-scoped roles."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher

from dxtrack.domain.accounts import AccessError
from dxtrack.services import accounts, authz
from dxtrack.services.store import open_store
from dxtrack.store import Engine
from dxtrack.store import accounts as stored
from dxtrack.store.repository import transaction
from tests.auth_support import PASSWORD, A, B, load_orgs

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def engine(db_url: str) -> Engine:
    engine = open_store(db_url)
    load_orgs(engine)
    return engine


def test_password_is_stored_as_argon2id_and_checked(engine: Engine) -> None:
    user = accounts.create_user(engine, "lan", org_id=A, roles=["submitter"], password=PASSWORD, display_name="Lan")
    assert (user.name, user.org_id, user.roles, user.enabled) == ("lan", A, ("submitter",), True)
    row = stored.user_row(engine, "lan")
    assert row is not None and row["password_hash"].startswith("$argon2id$") and PASSWORD not in row["password_hash"]
    assert accounts.authenticate(engine, "lan", PASSWORD, client="10.0.0.1", now=T0).name == "lan"
    with pytest.raises(AccessError) as wrong:
        accounts.authenticate(engine, "lan", PASSWORD + "x", client="10.0.0.1", now=T0)
    with pytest.raises(AccessError) as unknown:
        accounts.authenticate(engine, "nobody", PASSWORD, client="10.0.0.1", now=T0)
    assert wrong.value.code == unknown.value.code == "login_failed"
    with pytest.raises(Exception, match="too short"):
        accounts.create_user(engine, "minh", org_id=A, roles=["viewer"], password="short")
    with pytest.raises(Exception, match="already exists"):
        accounts.create_user(engine, "lan", org_id=A, roles=["viewer"], password=PASSWORD)
    with pytest.raises(Exception, match="role 'boss' is not known"):
        accounts.create_user(engine, "minh", org_id=A, roles=["boss"], password=PASSWORD)


def test_weaker_hash_is_replaced_on_login(engine: Engine) -> None:
    accounts.create_user(engine, "lan", org_id=A, roles=["viewer"], password=PASSWORD)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    row = stored.user_row(engine, "lan")
    assert row is not None
    with transaction(engine) as conn:
        stored.set_password_hash(conn, row["id"], weak, T0)
    accounts.authenticate(engine, "lan", PASSWORD, client="c", now=T0)
    new = stored.user_row(engine, "lan")
    assert new is not None and new["password_hash"] != weak
    assert "$m=65536,t=3,p=4$" in new["password_hash"]  # argon2-cffi's RFC 9106 low-memory profile


def test_account_locks_after_five_failures_with_growing_delay(engine: Engine) -> None:
    accounts.create_user(engine, "lan", org_id=A, roles=["viewer"], password=PASSWORD)
    for i in range(5):  # failures at T0+0 s … T0+4 s
        with pytest.raises(AccessError, match="login failed"):
            accounts.authenticate(
                engine, "lan", "guess-" + str(i), client=f"10.0.0.{i}", now=T0 + dt.timedelta(seconds=i)
            )
    # 5 failures: wait 30 s after the last (T0+4 s), so at T0+10 s the right password is refused for 24 s more
    with pytest.raises(AccessError) as locked:
        accounts.authenticate(engine, "lan", PASSWORD, client="10.9.9.9", now=T0 + dt.timedelta(seconds=10))
    assert (locked.value.code, locked.value.retry_after) == ("too_many_attempts", 24)
    # after the wait one more failure (the 6th) doubles it: 60 s from T0+40 s
    with pytest.raises(AccessError, match="login failed"):
        accounts.authenticate(engine, "lan", "guess-6", client="10.9.9.9", now=T0 + dt.timedelta(seconds=40))
    with pytest.raises(AccessError) as again:
        accounts.authenticate(engine, "lan", PASSWORD, client="10.9.9.9", now=T0 + dt.timedelta(seconds=41))
    assert again.value.retry_after == 59
    assert accounts.authenticate(engine, "lan", PASSWORD, client="10.9.9.9", now=T0 + dt.timedelta(seconds=100)).name
    # a success starts the count again: one new failure does not lock
    with pytest.raises(AccessError, match="login failed"):
        accounts.authenticate(engine, "lan", "guess-7", client="10.9.9.9", now=T0 + dt.timedelta(seconds=101))
    assert accounts.authenticate(engine, "lan", PASSWORD, client="10.9.9.9", now=T0 + dt.timedelta(seconds=102)).name


def test_client_address_locks_after_twenty_failures_on_any_accounts(engine: Engine) -> None:
    accounts.create_user(engine, "lan", org_id=A, roles=["viewer"], password=PASSWORD)
    for i in range(20):  # 20 different names from one address, one second apart
        with pytest.raises(AccessError, match="login failed"):
            accounts.authenticate(engine, f"user{i}", "x", client="203.0.113.7", now=T0 + dt.timedelta(seconds=i))
    with pytest.raises(AccessError) as locked:
        accounts.authenticate(engine, "lan", PASSWORD, client="203.0.113.7", now=T0 + dt.timedelta(seconds=20))
    assert (locked.value.code, locked.value.retry_after) == ("too_many_attempts", 29)  # T0+19 s + 30 s − T0+20 s
    assert accounts.authenticate(engine, "lan", PASSWORD, client="198.51.100.1", now=T0 + dt.timedelta(seconds=20))


def test_tokens_expire_and_revoke(engine: Engine) -> None:
    accounts.create_user(engine, "bot", org_id=A, roles=["assessor"], password=None)
    issued = accounts.create_token(engine, "bot", days=30, now=T0)
    assert issued.secret.startswith("dxt_") and issued.expires_at == T0 + dt.timedelta(days=30)
    assert issued.secret not in str(stored.token_rows(engine))
    assert accounts.token_user(engine, issued.secret, now=T0 + dt.timedelta(days=29, hours=23)).name == "bot"
    with pytest.raises(AccessError, match="token expired"):
        accounts.token_user(engine, issued.secret, now=T0 + dt.timedelta(days=30))
    second = accounts.create_token(engine, "bot", days=30, now=T0)
    accounts.revoke_token(engine, second.id, now=T0 + dt.timedelta(days=1))
    with pytest.raises(AccessError, match="token revoked"):
        accounts.token_user(engine, second.secret, now=T0 + dt.timedelta(days=2))
    with pytest.raises(AccessError, match="token invalid"):
        accounts.token_user(engine, issued.secret[:-1], now=T0)
    with pytest.raises(Exception, match="1 to 366 days"):
        accounts.create_token(engine, "bot", days=0)
    third = accounts.create_token(engine, "bot", days=5)
    accounts.disable_user(engine, "bot")
    with pytest.raises(AccessError, match="token revoked"):
        accounts.token_user(engine, third.secret)


def test_sessions_expire_end_on_logout_and_on_disable(engine: Engine) -> None:
    user = accounts.create_user(engine, "lan", org_id=A, roles=["viewer"], password=PASSWORD)
    secret, csrf = accounts.open_session(engine, user, ttl=dt.timedelta(hours=8), now=T0)
    found = accounts.session_user(engine, secret, now=T0 + dt.timedelta(hours=7, minutes=59))
    assert found is not None and found[0].name == "lan" and found[1] == csrf
    assert accounts.session_user(engine, secret, now=T0 + dt.timedelta(hours=8)) is None
    second, _ = accounts.open_session(engine, user)
    accounts.close_session(engine, second)
    assert accounts.session_user(engine, second) is None
    third, _ = accounts.open_session(engine, user)
    accounts.change_password(engine, "lan", PASSWORD, PASSWORD + " new")
    assert accounts.session_user(engine, third) is None  # a new password ends the old sessions
    fourth, _ = accounts.open_session(engine, user)
    accounts.disable_user(engine, "lan")
    assert accounts.session_user(engine, fourth) is None
    with pytest.raises(AccessError, match="login failed"):
        accounts.authenticate(engine, "lan", PASSWORD + " new", client="c")


def test_roles_are_scoped_to_organisations(engine: Engine) -> None:
    submitter = accounts.create_user(engine, "lan", org_id=A, roles=["submitter"], password=None)
    central = accounts.create_user(engine, "hung", org_id="CENTRAL", roles=["coordinator"], password=None)
    authz.require(engine, submitter, "submitter", A)
    with pytest.raises(AccessError) as other_province:
        authz.require(engine, submitter, "submitter", B)
    assert other_province.value.code == "forbidden" and other_province.value.params["org"] == B
    with pytest.raises(AccessError):
        authz.require(engine, submitter, "approver", A)
    authz.require(engine, central, "coordinator", B)  # a grant on the root covers every province
    with pytest.raises(AccessError):
        authz.require(engine, central, "submitter", B)
    both = accounts.grant(engine, "lan", "approver", A)
    assert both.roles == ("submitter", "approver")
    assert accounts.revoke(engine, "lan", "approver", A).roles == ("submitter",)


def test_the_same_user_never_submits_and_approves() -> None:
    authz.separate_duties("lan", "minh", step="approve", entity="submission #4")
    with pytest.raises(AccessError) as same:
        authz.separate_duties("lan", "lan", step="approve", entity="submission #4")
    assert same.value.code == "separation_of_duties"

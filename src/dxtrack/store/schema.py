"""Tables of the observation store (SQLAlchemy Core). Migrations in ``migrations/`` must match."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from dxtrack.store.types import UtcDateTime

metadata = MetaData()

source = Table(
    "source",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("publisher", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("url_or_document", Text, nullable=True),
    Column("retrieved_on", Date, nullable=True),
    Column("licence", Text, nullable=True),
    Column("note", Text, nullable=True),
)

area = Table(
    "area",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("name_vi", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("level", String(20), nullable=False),
    Column("parent", String(40), nullable=True),
    Column("valid_from", Date, nullable=True),
    Column("valid_to", Date, nullable=True),
    Column("gso_code", String(8), nullable=True),
    Column("attributes", JSON, nullable=True),
    Column("source_id", String(120), ForeignKey("source.id"), nullable=True),
)

area_succession = Table(
    "area_succession",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("from_area", String(40), ForeignKey("area.code"), nullable=False),
    Column("to_area", String(40), ForeignKey("area.code"), nullable=False),
    Column("effective_date", Date, nullable=False),
    Column("share", Float, nullable=False, default=1.0),
    Column("change", String(20), nullable=True),
    Column("legal_basis", Text, nullable=True),
    Column("source_id", String(120), ForeignKey("source.id"), nullable=True),
)

indicator = Table(
    "indicator",
    metadata,
    Column("code", String(60), primary_key=True),
    Column("name_vi", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("unit", Text, nullable=False),
    Column("direction", String(20), nullable=False),
    Column("aggregation", JSON, nullable=False),
    Column("definition", JSON, nullable=True),
    Column("pack_id", String(60), nullable=True),
)

import_batch = Table(
    "import_batch",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(40), nullable=False),
    Column("file", Text, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("rows", Integer, nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    Column("recorded_by", String(120), nullable=True),
)

observation = Table(
    "observation",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("indicator", String(60), ForeignKey("indicator.code"), nullable=False),
    Column("area", String(40), ForeignKey("area.code"), nullable=False),
    Column("period", String(24), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("disaggregation", String(200), nullable=False, default=""),
    Column("value", Float, nullable=False),
    Column("unit", Text, nullable=True),
    Column("source_id", String(120), ForeignKey("source.id"), nullable=False),
    Column("status", String(20), nullable=False, default="published"),
    Column("published_on", Date, nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    Column("recorded_by", String(120), nullable=True),
    Column("supersedes", Integer, ForeignKey("observation.id"), nullable=True),
    Column("batch_id", Integer, ForeignKey("import_batch.id"), nullable=True),
    Column("comment", Text, nullable=True),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target_id", String(80), nullable=False, index=True),
    Column("date", Date, nullable=False),
    Column("text", Text, nullable=False),
    Column("link", Text, nullable=True),
    Column("assessor", String(200), nullable=False),
    Column("judgement", String(40), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
)

assessment_run = Table(
    "assessment_run",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("as_of", Date, nullable=False),
    Column("catalogue_hash", String(64), nullable=False),
    Column("data_hash", String(64), nullable=False),
    Column("method_version", String(40), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("results", JSON, nullable=False),
)

content_pack = Table(
    "content_pack",
    metadata,
    Column("id", String(60), primary_key=True),
    Column("version", String(40), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("loaded_at", UtcDateTime(), nullable=False),
)

analyst_note = Table(
    "analyst_note",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("section", String(40), nullable=False),
    Column("target_id", String(80), nullable=True),
    Column("lang", String(5), nullable=False, default="vi"),
    Column("text", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("date", Date, nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
)

release = Table(
    "release",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("publisher", Text, nullable=False),
    Column("series", String(200), nullable=False),
    Column("edition", String(40), nullable=False),
    Column("released_on", Date, nullable=False),
    Column("source_url", Text, nullable=False),
    Column("note", Text, nullable=True),
    UniqueConstraint("series", "edition", name="uq_release_series_edition"),
)

institution_change = Table(
    "institution_change",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("body_from", Text, nullable=False),
    Column("body_to", Text, nullable=False),
    Column("effective_on", Date, nullable=False),
    Column("legal_basis", Text, nullable=False),
    Column("source_url", Text, nullable=False),
    Column("note", Text, nullable=True),
)

# --- orgs ---
organisation = Table(
    "organisation",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name_vi", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("parent_id", String(40), ForeignKey("organisation.id"), nullable=True),
    Column("valid_from", Date, nullable=True),
    Column("valid_to", Date, nullable=True),
    Column("successor_id", String(40), ForeignKey("organisation.id"), nullable=True),
    Column("area_code", String(40), nullable=True),
    Column("source_id", String(120), ForeignKey("source.id"), nullable=True),
)

audit_event = Table(
    "audit_event",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("actor", String(120), nullable=False),
    Column("action", String(40), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(120), nullable=False),
    Column("before_hash", String(64), nullable=True),
    Column("after_hash", String(64), nullable=True),
    Column("detail", JSON, nullable=True),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)
Index("ix_audit_event_entity", audit_event.c.entity, audit_event.c.entity_id)

# --- ingest ---
import_key = Table(
    "import_key",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("batch_id", Integer, ForeignKey("import_batch.id"), nullable=False),
)
"""One row per imported content (file bytes + options): the primary key makes a second import of the same
content, even a simultaneous one, write nothing (see repository.claim_batch)."""
Index(
    "ix_observation_series",
    observation.c.indicator,
    observation.c.area,
    observation.c.period,
    observation.c.disaggregation,
    observation.c.published_on,
)
Index("ix_observation_batch", observation.c.batch_id)

# --- auth ---
app_user = Table(
    "app_user",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(60), nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("org_id", String(40), nullable=False),
    Column("password_hash", Text, nullable=True),
    Column("enabled", Boolean, nullable=False, default=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("password_changed_at", UtcDateTime(), nullable=True),
)

role_grant = Table(
    "role_grant",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False, index=True),
    Column("role", String(20), nullable=False),
    Column("org_id", String(40), nullable=False),
    Column("granted_at", UtcDateTime(), nullable=False),
    Column("granted_by", String(60), nullable=False),
    UniqueConstraint("user_id", "role", "org_id", name="uq_role_grant"),
)

user_session = Table(
    "user_session",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the cookie's secret
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("ended_at", UtcDateTime(), nullable=True),
)

api_token = Table(
    "api_token",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256 of the secret
    Column("label", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("revoked_at", UtcDateTime(), nullable=True),
)

login_attempt = Table(
    "login_attempt",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime(), nullable=False),
    Column("user_name", String(60), nullable=False),
    Column("client", String(64), nullable=False),
    Column("success", Boolean, nullable=False),
)
Index("ix_login_attempt_user", login_attempt.c.user_name, login_attempt.c.at)
Index("ix_login_attempt_client", login_attempt.c.client, login_attempt.c.at)

# --- report ---
# Who produced a value and in which publication, apart from the channel it was retrieved through (source_id):
# e.g. producer "WIPO", edition "Global Innovation Index 2025", released_on 2025-09-16 (null: published_on
# is set by a stated convention, not a known release date).
observation.append_column(Column("producer", Text, nullable=True))
observation.append_column(Column("edition", String(120), nullable=True))
observation.append_column(Column("released_on", Date, nullable=True))

# --- loop ---
data_call = Table(
    "data_call",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("version", Integer, nullable=False, default=1),
    Column("previous_id", Integer, ForeignKey("data_call.id"), nullable=True),
    Column("pack_id", String(60), nullable=False),
    Column("title", Text, nullable=False),
    Column("period", String(24), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("cutoff", Date, nullable=False),
    Column("due", Date, nullable=False),
    Column("repeat_months", Integer, nullable=True),
    Column("state", String(20), nullable=False, default="open"),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("created_by", String(60), nullable=False),
    Column("repeats_id", Integer, ForeignKey("data_call.id", name="fk_data_call_repeats"), nullable=True),
    Column("series_id", Integer, nullable=True),
    UniqueConstraint("series_id", "period", "version", name="uq_call_series_period"),
)
"""A data call (yêu cầu báo cáo): what a coordinator asks the units for, for one period; a new version is a new row
naming its ``previous_id``. A call opened by repeating another names it (``repeats_id``) and the first call of the
series (``series_id``; NULL on that first call, whose series is its own id): one call per series, period, version."""

call_unit = Table(
    "call_unit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_id", Integer, ForeignKey("data_call.id"), nullable=False),
    Column("org_id", String(40), ForeignKey("organisation.id"), nullable=False),
    Column("items", JSON, nullable=False),
    UniqueConstraint("call_id", "org_id", name="uq_call_unit"),
)

submission = Table(
    "submission",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_id", Integer, ForeignKey("data_call.id"), nullable=False),
    Column("org_id", String(40), ForeignKey("organisation.id"), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("warnings", JSON, nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("created_by", String(60), nullable=False),
    UniqueConstraint("call_id", "org_id", "revision", name="uq_submission_revision"),
)
"""One revision of a unit's report for a call; never changed (a correction is the next revision)."""

submission_value = Table(
    "submission_value",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submission.id"), nullable=False, index=True),
    Column("item_id", String(80), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("value", JSON, nullable=False),
    Column("comment", Text, nullable=True),
)

submission_event = Table(
    "submission_event",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submission.id"), nullable=False, index=True),
    Column("state", String(20), nullable=False),
    Column("actor", String(60), nullable=False),
    Column("reason", Text, nullable=True),
    Column("at", UtcDateTime(), nullable=False),
)
"""The status flow of a submission (submitted, approved, accepted, returned, reopened): its state is the latest."""

task_status = Table(
    "task_status",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("pack_id", String(60), nullable=False),
    Column("task_id", String(80), nullable=False, index=True),
    Column("org_id", String(40), ForeignKey("organisation.id"), nullable=False),
    Column("status", String(20), nullable=False),
    Column("note", Text, nullable=True),
    Column("product", Text, nullable=True),
    Column("evidence", JSON, nullable=True),
    Column("reported_on", Date, nullable=False),
    Column("submission_id", Integer, ForeignKey("submission.id"), nullable=False),
)
"""The tasks' status history, as accepted from the units' reports."""

report_material = Table(
    "report_material",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_id", Integer, ForeignKey("data_call.id"), nullable=False),
    Column("org_id", String(40), ForeignKey("organisation.id"), nullable=False),
    Column("section", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("accepted_on", Date, nullable=False),
    Column("submission_id", Integer, ForeignKey("submission.id"), nullable=False),
)
"""Narrative sections of accepted reports, attributed to the unit, for the compiled report."""

unit_contact = Table(
    "unit_contact",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("org_id", String(40), ForeignKey("organisation.id"), nullable=False, index=True),
    Column("email", String(254), nullable=False),
    Column("name", Text, nullable=True),
    Column("added_at", UtcDateTime(), nullable=False),
    Column("added_by", String(60), nullable=False),
    UniqueConstraint("org_id", "email", name="uq_unit_contact"),
)
"""Where a reporting unit's reminders go (e-mail addresses of its focal points)."""

reminder = Table(
    "reminder",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_id", Integer, ForeignKey("data_call.id"), nullable=False),
    Column("org_id", String(40), ForeignKey("organisation.id"), nullable=False, index=True),
    Column("kind", String(10), nullable=False),
    Column("sent_at", UtcDateTime(), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("result", Text, nullable=False),
    UniqueConstraint("call_id", "org_id", "kind", "channel", name="uq_reminder"),
)
"""Reminders of a call sent to a unit: ``before`` the deadline or ``after`` it (late), by ``email``; never twice."""

evidence_file = Table(
    "evidence_file",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("org_id", String(40), ForeignKey("organisation.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("scan", String(20), nullable=False),
    Column("added_at", UtcDateTime(), nullable=False),
    Column("added_by", String(60), nullable=False),
)
"""Evidence files, stored content-addressed (by their sha256); ``scan`` is clean / not_scanned."""

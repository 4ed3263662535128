"""Request and response models of the authentication API and the first write route."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dxtrack.domain.accounts import User


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=60, description="User name")
    password: str = Field(min_length=1, max_length=1024)


class GrantOut(BaseModel):
    role: str
    org: str


class UserOut(BaseModel):
    name: str
    display_name: str
    org: str
    roles: list[GrantOut]

    @classmethod
    def of(cls, user: User) -> UserOut:
        grants = [GrantOut(role=g.role, org=g.org_id) for g in user.grants]
        return cls(name=user.name, display_name=user.display_name, org=user.org_id, roles=grants)


class SessionOut(BaseModel):
    user: UserOut
    csrf_token: str = Field(description="Send it as X-CSRF-Token with every unsafe request that uses the cookie")
    expires_in: int = Field(description="Seconds until the session ends")


Judgement = Literal["target_achieved", "substantial_progress", "moderate_progress", "limited_progress", "deterioration"]


class EvidenceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    target: str = Field(min_length=1, max_length=80, description="Target id of the content pack")
    text: str = Field(min_length=1, max_length=10000, description="What the evidence shows")
    judgement: Judgement
    date: dt.date | None = Field(None, description="Date of the evidence (default today)")
    link: str | None = Field(None, max_length=2000)
    org: str | None = Field(None, max_length=40, description="Organisation judged for (default: the user's own)")


class EvidenceOut(BaseModel):
    id: int
    target: str
    date: dt.date
    judgement: str
    assessor: str = Field(description="The user's display name and organisation")

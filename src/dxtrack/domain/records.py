"""The vocabularies of what people record: judgements on evidence and the sections of analysts' notes."""

from __future__ import annotations

JUDGEMENTS = ("target_achieved", "substantial_progress", "moderate_progress", "limited_progress", "deterioration")
NOTE_SECTIONS = ("causes", "results", "limitations", "tasks", "general")

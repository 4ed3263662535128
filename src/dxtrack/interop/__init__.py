"""Readers and writers for other tools' formats (Open SDG)."""

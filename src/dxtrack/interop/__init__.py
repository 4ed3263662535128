"""Readers and writers for other tools' formats: Open SDG data folders, COINr's iData/iMeta tables."""

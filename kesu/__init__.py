"""Kesu 客诉 — complaint handling that runs an organisation's complaint rulebook."""

"""Cleaning: raw lines to units, line signals, inline junk, the cleaner, metadata and dates."""

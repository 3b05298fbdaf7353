"""Terms and cross-references: not built yet (placeholder keeping the export's shape)."""

from __future__ import annotations

from .model import Document


def terms_json(documents: list[Document]) -> list[dict]:
    return []

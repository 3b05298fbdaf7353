"""The cleaner's decisions as one vocabulary: what a unit became, why a piece went, what protects a unit.

Each value is the very string the export writes (``removed[].reason``) and the
cache stores: a ``StrEnum`` member *is* that string (``Reason.DATE ==
"metadata: date"``, ``json.dumps(Reason.DATE) == '"metadata: date"'``), so a
reason read back from the cache as plain text compares equal to its member.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What the cleaner made of a unit."""

    TITLE = "title"
    BODY = "body"
    REMOVED = "removed"


class Reason(StrEnum):
    """Why a piece of the raw text was removed."""

    # junk inside a line
    NAME_CARD = "name card"
    GLOSSARY_CARD = "glossary card"
    IMAGE_FILE_NAME = "image file name"
    BLANK = "blank"
    # chrome: what a unit looks like on its own
    COPYRIGHT = "copyright or licence notice"
    FORM_FIELD = "form field"
    LINK_BUTTONS = "share and link buttons"
    DATE_HEADER = "site date header"
    BREADCRUMB = "breadcrumb"
    LINK = "link"
    STRAY_NUMBER = "stray number"
    OTHER_LANGUAGE = "page chrome in another language"
    TEMPLATE = "repeated on other pages"
    # where a unit stands on the page
    TITLE_REPEATED = "title repeated"
    REPEATED_LINE = "repeated line"
    SITE_NAVIGATION = "site navigation"
    PUBLISHER = "publishing body"
    PAGE_HEADER = "page header (above the title)"
    AFTER_ARTICLE = "after the article"
    RELATED_LINKS = "related links"  # the block under a "See also" heading
    INSIDE_ARTICLE = "page chrome inside the article"  # what the line model reads as chrome between content
    PUBLICATION_DETAILS = "publication details"
    # metadata the page states about itself
    DATE = "metadata: date"
    TIME = "metadata: time"
    PLACE = "metadata: place"
    SOURCE_URL = "metadata: source_url"


class Protection(StrEnum):
    """Why a unit must never be removed."""

    SECTION_BREAK = "section break"
    OMISSION = "omission mark"
    SPEAKER_LINE = "speaker line"
    SALUTATION = "salutation"
    THANKS = "thanks"
    NUMBERED_POINT = "numbered point"
    SIGNATURE = "signature"


class CardKind(StrEnum):
    """What a hover card glued into the text tells (``Card.kind``)."""

    PERSON = "person"
    GLOSSARY = "glossary"

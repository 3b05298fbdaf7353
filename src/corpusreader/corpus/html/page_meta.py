"""Metadata a page declares in its markup: titles, date published, author, canonical URL, site, language.

Sources, best first: Open Graph and ``article:`` meta, JSON-LD, ``itemprop``
microdata, ``<meta name>``, ``<time datetime>``, ``<link rel=canonical>``,
``<html lang>``. Nothing is guessed from the body's text here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..cleaning.dates import find_dates

_DATE_NAMES = ("article:published_time", "og:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
               "dcterms.created", "dcterms.date", "pubdate", "publishdate", "publish-date", "publish_date",
               "sailthru.date", "parsely-pub-date", "citation_publication_date", "citation_date", "article.published",
               "originalpublicationdate", "dc.date.created", "created")
_AUTHOR_NAMES = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl",
                 "citation_author")
_SPACE = re.compile(r"\s+")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(slots=True)
class PageMeta:
    """What the markup says of the page."""

    titles: list[str] = field(default_factory=list)
    html_title: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None
    site: str | None = None
    language: str | None = None
    json_ld: list[dict] = field(default_factory=list)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = _SPACE.sub(" ", value).strip()
    return text or None


def read_meta(root: Any) -> PageMeta:
    """The page's own metadata from its ``head`` and microdata."""
    found = PageMeta()
    named: dict[str, str] = {}
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        value = _clean(element.get("content"))
        if key and value and key not in named:
            named[key] = value
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            found.json_ld.extend(_json_ld(script.text))
    ld = _first_article(found.json_ld)
    title_element = next(root.iter("title"), None)
    found.html_title = _clean(title_element.text_content()) if title_element is not None else None
    found.titles = [t for t in (named.get("og:title"), named.get("twitter:title"), _clean(ld.get("headline"))) if t]
    found.date = _date(named, ld, root)
    found.author = _author(named, ld)
    found.url = _canonical(root) or named.get("og:url")
    found.site = named.get("og:site_name") or named.get("application-name")
    language = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    found.language = _clean(language) or named.get("content-language") or named.get("og:locale")
    return found


def _json_ld(text: str) -> list[dict]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    items = data if isinstance(data, list) else [data]
    out: list[dict] = []
    for item in items:
        if isinstance(item, dict):
            graph = item.get("@graph")
            out.extend(g for g in (graph if isinstance(graph, list) else [item]) if isinstance(g, dict))
    return out


def _first_article(items: list[dict]) -> dict:
    """The JSON-LD item that describes the page's article (one with a headline or date published)."""
    for item in items:
        if "datePublished" in item or "headline" in item:
            return item
    return {}


def _date(named: dict[str, str], ld: dict, root: Any) -> str | None:
    first = [named.get("article:published_time"), named.get("og:published_time"), ld.get("datePublished")]
    first += [e.get("datetime") or e.get("content") for e in root.xpath("//*[@itemprop='datePublished']")]
    for value in [*first, *(named.get(name) for name in _DATE_NAMES), ld.get("dateCreated")]:
        date = _as_date(value)
        if date:
            return date
    for element in root.iter("time"):
        date = _as_date(element.get("datetime"))
        if date:
            return date
    return None


def _as_date(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    match = _ISO.search(value)
    if match:
        year, month, day = map(int, match.groups())
        if 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
            return match.group(0)
        return None
    found = [f.iso for f in find_dates(value[:200]) if f.iso]
    return found[0] if found else None


def _author(named: dict[str, str], ld: dict) -> str | None:
    author = ld.get("author")
    if isinstance(author, list) and author:
        author = author[0]
    if isinstance(author, dict):
        author = author.get("name")
    name = _clean(author)
    if name:
        return name
    for key in _AUTHOR_NAMES:
        value = named.get(key)
        if value and not value.startswith("http"):
            return value
    return None


def _canonical(root: Any) -> str | None:
    for element in root.iter("link"):
        if "canonical" in (element.get("rel") or "").lower().split():
            href = _clean(element.get("href"))
            if href and href.startswith(("http://", "https://")):
                return href
    return None

"""What an element's tag, class, id and role say it is: navigation, footer, comments, ...

Class and id values are split into lowercase words (``nav__item`` -> ``nav``,
``item``; ``relatedPosts`` -> ``related``, ``posts``); a word names a kind of
boilerplate, or says the element holds the article.
"""

from __future__ import annotations

import re

# kind of boilerplate -> (tag names, class/id words)
BOILERPLATE: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "site navigation": (frozenset({"nav", "menu"}), frozenset({
        "nav", "navbar", "navigation", "menu", "menubar", "topnav", "subnav", "megamenu", "skip", "skiplink",
        "pagination", "pager", "toolbar", "topbar", "topline", "dropdown", "offcanvas", "hamburger", "jump"})),
    "breadcrumb": (frozenset(), frozenset({"breadcrumb", "breadcrumbs", "crumbs", "crumb"})),
    "footer": (frozenset({"footer"}), frozenset({"footer", "foot", "colophon", "copyright", "bottom", "legal"})),
    "sidebar": (frozenset({"aside"}), frozenset({"sidebar", "aside", "widget", "widgets", "rail", "sidebox"})),
    "comments": (frozenset(), frozenset({"comment", "comments", "disqus", "respond", "reply", "replies",
                                         "discussion", "commentlist", "kommentare"})),
    "related links": (frozenset(), frozenset({"related", "recommended", "recommendations", "popular", "trending",
                                              "outbrain", "taboola", "also", "latest", "recent", "mostread"})),
    "share and link buttons": (frozenset(), frozenset({"share", "sharing", "social", "sociable", "addthis",
                                                       "shariff", "sharethis", "likes", "follow", "print"})),
    "cookie notice": (frozenset(), frozenset({"cookie", "cookies", "consent", "gdpr", "cmp", "privacy"})),
    "newsletter": (frozenset(), frozenset({"newsletter", "subscribe", "subscription", "signup", "mailing",
                                           "optin"})),
    "advertisement": (frozenset(), frozenset({"ad", "ads", "advert", "advertisement", "adsense", "sponsor",
                                              "sponsored", "promo", "banner", "dfp", "gpt"})),
    "tags": (frozenset(), frozenset({"tags", "tag", "tagcloud", "keywords", "categories", "category", "topics"})),
    "pop-up": (frozenset({"dialog"}), frozenset({"modal", "popup", "overlay", "lightbox"})),
    "page header": (frozenset({"header"}), frozenset({"header", "masthead", "branding", "logo", "top"})),
    "form field": (frozenset({"form", "select", "button", "label", "input", "textarea"}),
                   frozenset({"search", "login", "form"})),
}
ARTICLE_TAGS = frozenset({"article", "main"})
ARTICLE_WORDS = frozenset({"article", "content", "post", "entry", "story", "main", "text", "body", "articlebody",
                           "blogpost", "news", "maincontent", "postcontent", "entrycontent", "storycontent",
                           "prose", "copy", "lead", "intro"})
_RESPONSIVE = re.compile(r"\b(?:hidden|visible|hide|show)[-_](?:xs|sm|md|lg|xl|xxl|mobile|desktop|tablet|phone|print|"
                         r"small|medium|large)\b", re.I)
_HIDDEN_CLASS = re.compile(r"^(?:is-|u-|js-)?(?:hidden|hide|invisible|d-none|sr-only|visually-?hidden|"
                           r"screen-?reader-text|element-invisible|offscreen)$")
_TAXONOMY = re.compile(r"^(?:category|tag|tags|post|format|type|status|author|topic|section)-.")
_WORD = re.compile(r"[a-z][a-z0-9]*")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_BY_WORD = {word: kind for kind, (_, names) in BOILERPLATE.items() for word in names}
_BY_TAG = {tag: kind for kind, (tags, _) in BOILERPLATE.items() for tag in tags}


def words_of(*values: str | None) -> list[str]:
    """The lowercase words of class, id and role values."""
    out: list[str] = []
    for value in values:
        if value:
            out.extend(_WORD.findall(_CAMEL.sub(" ", value).lower().replace("-", " ").replace("_", " ")))
    return out


def kind_of(tag: str, attributes: dict[str, str]) -> str | None:
    """The kind of boilerplate an element says it is, or ``"article"``, or None."""
    role = attributes.get("role", "").lower()
    if role in ("navigation", "menubar", "menu"):
        return "site navigation"
    if role == "contentinfo":
        return "footer"
    if role == "complementary":
        return "sidebar"
    if role == "banner":
        return "page header"
    if attributes.get("hidden") is not None or attributes.get("aria-hidden") == "true" \
            or _display_none(attributes.get("style", "")):
        return "hidden text"
    classes = (attributes.get("class") or "").lower().split()
    if any(_HIDDEN_CLASS.match(name) or "tooltip" in name for name in classes):
        return "hidden text"
    if tag in _BY_TAG:
        return _BY_TAG[tag]
    if tag in ARTICLE_TAGS or attributes.get("itemprop") in ("articleBody", "text", "reviewBody"):
        return "article"
    own = " ".join(name for name in classes if not _TAXONOMY.match(name))  # WordPress's "tag-foo category-bar"
    found = words_of(_RESPONSIVE.sub(" ", own), attributes.get("id"))
    for word in found:
        kind = _BY_WORD.get(word)
        if kind:
            return kind
    if any(word in ARTICLE_WORDS for word in found):
        return "article"
    return None


def _display_none(style: str) -> bool:
    compact = style.replace(" ", "").lower()
    return "display:none" in compact or "visibility:hidden" in compact

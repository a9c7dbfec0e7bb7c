"""Getting the telegram out of what it came in: a WikiLeaks page, a blog copy, a CSV row.

:func:`extract` turns any input text into a :class:`Page`: the metadata the wrapper states
(reference id, created, released, classification, origin, media URLs), the telegram
header text and the body text, cleaned (HTML entities decoded, ``&#x000A;`` and U+2028 as
newlines, paragraph anchors and links removed, web boilerplate cut off). The field parsers
then never see markup or boilerplate. Called by :mod:`kg.parse.cable`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

__all__ = ["Page", "clean_text", "detect_format", "extract"]


@dataclass(slots=True)
class Page:
    """The parts of one input: metadata stated by the wrapper, header and body text."""

    format: str
    header: str = ""
    body: str = ""
    reference_id: str | None = None
    created: str | None = None
    released: str | None = None
    classification: str | None = None
    origin: str | None = None
    media_urls: list[str] = field(default_factory=list)
    title: str | None = None


_CABLE_TABLE = re.compile(r"<table\s+class\s*=\s*['\"]cable['\"]\s*>")
_CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.DOTALL)
_TITLE = re.compile(r"<h3>\s*Viewing cable\s+[^,<]+,\s*([^<]*?)\s*</h3>")
_HREF = re.compile(r"<a\s+href\s*=\s*['\"]([^'\"]+)['\"]")
_DOUBLED_SCHEME = re.compile(r"^(?:https?://)+(https?://)")
_TAG = re.compile(r"<[^<>\n]{0,300}>")
_UPPER_PRE = re.compile(r"</?PRE")
_ANCHOR_PILCROW = re.compile(r"<a\s+id=['\"]par\d+['\"][^>]*>\s*\u00b6?\s*</a>")
_BACKSLASH_EOL = re.compile(r"\\[ \t]*(?=\n|$)")
_DATE = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]([0-9]{2}:[0-9]{2})")
# The metadata row of a page copied as text:
# "07ASTANA367 2007-02-12 04:28 2011-08-30 01:44 UNCLASSIFIED Embassy Astana"
_TEXT_TABLE_ROW = re.compile(
    r"^[ \t]*(?P<id>[0-9]{2,4}[A-Z][A-Z0-9\-]*[0-9]+)[ \t]+"
    r"(?P<created>[0-9]{4}-[0-9]{2}-[0-9]{2}[ \t]+[0-9]{2}:[0-9]{2})[ \t]+"
    r"(?P<released>[0-9]{4}-[0-9]{2}-[0-9]{2}[ \t]+[0-9]{2}:[0-9]{2})[ \t]+"
    r"(?P<cls>(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE)"
    r"(?://(?:NOFORN|FOR OFFICIAL USE ONLY|ORCON|NOCONTRACT|REL [A-Z ,]+?))*)"
    r"[ \t]+(?P<origin>[^\n]+?)[ \t]*$",
    re.MULTILINE,
)
# A Cablegate CSV-dump row pasted as text: date, id, origin, classification, references,
# header, body separated by tabs; header and body continue lines with a backslash.
_CSV_ROW = re.compile(
    r"^\s*(?P<created>[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}(?::[0-9]{2})?)\t"
    r"(?P<id>[0-9A-Z\-]+)\t(?P<origin>[^\t\n]*)\t(?P<cls>[^\t\n]*)\t(?P<refs>[^\t\n]*)\t"
)
_TRANSMISSION = re.compile(r"^[ \t]*VZCZC", re.MULTILINE)
# The sender line is upper-case and followed by the TO or INFO line: "FM Gisladottir said"
# and "FM STAGNO HOLDS FIRMER" (a heading) open no telegram.
_FM_OR_DTG = re.compile(
    r"^[ \t]*(?:[ZOPR]{1,2}(?:[ \t]+[ZOPR])?[ \t]+[0-9]{6}Z[ \t]"
    r"|FM[ \t]+[^a-z\n]*\n[ \t]*(?:TO|INFO)\b)",
    re.M,
)
_FM_LINE = re.compile(r"^[ \t]*FM[ \t]+[^a-z\n]*$", re.MULTILINE)
_BANNER_LINE = re.compile(
    r"^[ \t]*(?:UNCLAS\b|UNCLASSIFIED\b|CONFIDENTIAL\b|SECRET\b|TOP SECRET\b|"
    r"LIMITED OFFICIAL USE\b|C O N F I D E N T I A L|S E C R E T)",
    re.MULTILINE,
)
# Lines that end a telegram copied onto a web page (blogs, forums, news sites).
_WEB_TAIL = re.compile(
    r"^[ \t]*(?:Advertisements|Share this:?|Like this:?|Related(?: posts)?:?|Leave a Reply|"
    r"Leave a comment|Post a comment.*|Posted (?:in|by) .*|Filed under.*|Wikileaks|WikiLeaks|"
    r"Comments?|Trackback.*|Fill in your details below.*|Subscribe.*|Follow .*|"
    r"%d bloggers like this:?|About these ads|Report this ad|Loading\.\.\.)[ \t]*$",
    re.MULTILINE,
)
_PARTIAL_NOTE = re.compile(r"partial extract of the original cable", re.IGNORECASE)


def clean_text(text: str) -> str:
    """Return cable text with markup removed and line breaks normalised.

    ``&#x000A;`` and U+2028 become newlines, paragraph anchors and links are dropped,
    HTML entities decoded, CRLF and CR become LF.

    Examples
    --------
    >>> clean_text("A&#x000A;<a id='par1' href='#par1'>\\u00b6</a>1. B &amp; C\\u2028D")
    'A\\n1. B & C\\nD'
    """
    # A one-character ``in`` runs at memory speed; a two-character replace scans slowly.
    text = text.replace("&#x000A;", "\n") if "&" in text else text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    if "id=" in text:
        text = _ANCHOR_PILCROW.sub("", text)
    if "<" in text:
        text = _TAG.sub("", text)
    return html.unescape(text)


def detect_format(text: str) -> str:
    """Guess what ``text`` is: ``html``, ``csv``, ``text``, ``body`` or ``fragment``.

    Examples
    --------
    >>> detect_format("TAGS: PGOV")
    'fragment'
    >>> detect_format("VZCZCXRO4403\\nRR RUEHDBU\\nFM AMEMBASSY ASTANA\\nTO RUEHC/SECSTATE")
    'text'
    """
    # rfind: on a WikiLeaks page the table comes after ~60 KB of sidebar.
    if text.rfind("<table class='cable'>") >= 0 or text.rfind('<table class="cable">') >= 0:
        return "html"
    head = text[:20000]
    if _CSV_ROW.match(head):
        return "csv"
    if _TRANSMISSION.search(head) or _FM_OR_DTG.search(head) or _TEXT_TABLE_ROW.search(head):
        return "text"
    if _BANNER_LINE.search(head[:3000]) or "<pre>" in head:
        return "body"
    return "fragment"


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    match = _DATE.match(value.strip())
    return f"{match[1]}T{match[2]}" if match else None


def _between(text: str, opening: str, closing: str, start: int = 0) -> tuple[str, int] | None:
    """The text after ``opening``'s tag end up to ``closing``, and where the search can go on.

    ``str.find`` instead of a lazy ``(.*?)`` regex: the pages are ~70 KB and this runs for
    every cable.
    """
    begin = text.find(opening, start)
    if begin < 0:
        return None
    inner = text.find(">", begin + len(opening))
    if inner < 0:
        return None
    end = text.find(closing, inner + 1)
    if end < 0:
        return None
    return text[inner + 1 : end], end + len(closing)


def _pre_blocks(text: str, start: int = 0) -> list[str]:
    # str.find on a lower-cased copy, never a lazy regex: unclosed <pre> tags made
    # `<pre[^>]*>(.*?)</pre>` quadratic (500 KB of "<pre>" took ten minutes). Only the
    # part searched is looked at: scanning a whole ~70 KB page costs ~70 µs.
    folded = text.lower() if _UPPER_PRE.search(text, start) else text
    blocks = []
    while (found := _between(folded, "<pre", "</pre>", start)) is not None:
        end = found[1]
        blocks.append(text[end - len("</pre>") - len(found[0]) : end - len("</pre>")])
        start = end
    return blocks


def _extract_html(text: str) -> Page:
    page = Page(format="html")
    # The sidebar fills most of a ~70 KB page; title, table and telegram come last.
    start = max(0, text.rfind("Viewing cable"))
    opening = _CABLE_TABLE.search(text, start) or _CABLE_TABLE.search(text, 0, start)
    closing = text.find("</table>", opening.end()) if opening else -1
    if opening and closing >= 0:
        table = text[opening.end() : closing]
        cells = [clean_text(c).strip() for c in _CELL.findall(table)]
        if len(cells) >= 5:
            page.reference_id = cells[0] or None
            page.created, page.released = _iso(cells[1]), _iso(cells[2])
            page.classification = cells[3] or None
            page.origin = cells[4] or None
        articles = table.find("Appears in these")
        if articles >= 0:
            # Some pages double the scheme: "http://http://www.lanacion.com.ar/...".
            page.media_urls = [
                _DOUBLED_SCHEME.sub(r"\1", url) for url in _HREF.findall(table, articles)
            ]
    title = _TITLE.search(text, max(0, start - 20))
    if title:
        page.title = " ".join(html.unescape(title.group(1)).rstrip("\\ ").split()) or None
    pres = [clean_text(p) for p in _pre_blocks(text, start)] or [
        clean_text(p) for p in _pre_blocks(text, 0)
    ]
    # Some pages end every line of the telegram with a backslash (06BERN1593).
    pres = [_BACKSLASH_EOL.sub("", p) if "\\" in p and "\\\n" in p else p for p in pres]
    if len(pres) >= 2:
        page.header, page.body = pres[0], pres[-1]
    elif pres:
        page.body = pres[0]
    return page


def _cut_web_tail(text: str, start: int) -> str:
    tail = _WEB_TAIL.search(text, start)
    return text[: tail.start()] if tail else text


def _split_telegram(text: str) -> tuple[str, str]:
    """Split a plain-text telegram into header and body at the classification banner."""
    start = _TRANSMISSION.search(text) or _FM_OR_DTG.search(text)
    if not start:
        return "", text
    fm = _FM_LINE.search(text, start.start())
    after = fm.end() if fm else start.start()
    banner = _BANNER_LINE.search(text, after)
    partial = _PARTIAL_NOTE.search(text, after)
    if banner is None or (partial and partial.start() < banner.start()):
        blank = re.search(r"\n[ \t]*\n", text[after:])
        if not blank:
            return text[start.start() :], ""
        cut = after + blank.start()
        return text[start.start() : cut], text[cut:].lstrip("\n")
    return text[start.start() : banner.start()], text[banner.start() :]


def _extract_text(text: str) -> Page:
    page = Page(format="text")
    text = clean_text(text)
    row = _TEXT_TABLE_ROW.search(text[:20000])
    begin = 0
    if row:
        page.reference_id = row["id"]
        page.created, page.released = _iso(row["created"]), _iso(row["released"])
        page.classification, page.origin = row["cls"], row["origin"]
        begin = row.end()
    header, body = _split_telegram(text[begin:])
    page.header = header.strip("\n")
    page.body = _cut_web_tail(body, 0).strip("\n")
    return page


def _extract_csv(text: str) -> Page:
    page = Page(format="csv")
    row = _CSV_ROW.match(text)
    if row is None:  # pragma: no cover - detect_format checked it
        return _extract_text(text)
    page.created = _iso(row["created"])
    page.reference_id = row["id"]
    page.origin = row["origin"] or None
    page.classification = row["cls"] or None
    rest = _BACKSLASH_EOL.sub("", text[row.end() :])
    header, tab, body = rest.partition("\t")
    if not tab:
        header, body = _split_telegram(rest)
    page.header, page.body = clean_text(header).strip("\n"), clean_text(body).strip("\n")
    return page


def _extract_body(text: str) -> Page:
    has_pre = "<pre" in text.lower()
    pres = _pre_blocks(text) if has_pre else []
    body = "\n".join(pres) if pres else text
    if pres == [] and has_pre:
        body = re.sub(r"</?(?:code|pre)>", "", text)
    return Page(format="body", body=clean_text(body).strip("\n"))


def extract(text: str, format: str = "auto") -> Page:
    """Split an input into wrapper metadata, telegram header and body.

    Parameters
    ----------
    text : str
        Decoded input: a WikiLeaks cable page, a plain-text telegram (possibly inside web
        boilerplate), a CSV-dump row, a body-only text or a fragment.
    format : str
        ``auto`` (detect), ``html``, ``csv``, ``text``, ``body`` or ``fragment``.

    Returns
    -------
    Page
        For a fragment, header and body both hold the whole (cleaned) text.
    """
    kind = detect_format(text) if format in ("auto", "", "jsonl") else format
    if kind == "html" and text.rfind("class='cable'") < 0 and text.rfind('class="cable"') < 0:
        # Some other web page (a blog, a news site) quoting a cable: read it as text.
        text = clean_text(text)
        kind = detect_format(text)
    if kind == "html":
        return _extract_html(text)
    if kind == "csv" and _CSV_ROW.match(text):
        return _extract_csv(text)
    if kind == "text":
        return _extract_text(text)
    if kind == "body":
        return _extract_body(text)
    cleaned = _BACKSLASH_EOL.sub("", clean_text(text))
    return Page(format="fragment", header=cleaned, body=cleaned)

"""Renders a :class:`~kg.synth.spec.CableSpec` as a State Department telegram.

The routing header (transmission id, precedence and relays, DE line, date-time group, FM,
TO, INFO) and the body (classification banner, SIPDIS, action line, E.O. line, TAGS,
SUBJECT, REF, "Classified By", numbered paragraphs under dashed section headings, page-break
lines, signer) laid out as the cables are: 66-column lines ending in a space.
:mod:`kg.synth.page` wraps the result in a WikiLeaks page; :mod:`kg.synth` writes it as
text or CSV.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.synth.spec import CableSpec, ParagraphSpec
from kg.synth.vocabulary import MONTHS

__all__ = ["Telegram", "render_telegram"]

WIDTH = 66
#: body lines per page; longer cables get "ASTANA 00000367  002 OF 003" break lines
PAGE_LINES = 58

_PRECEDENCE_WORDS = {"R": "", "P": " PRIORITY", "O": " IMMEDIATE"}
_SPACED = {"CONFIDENTIAL": "C O N F I D E N T I A L", "SECRET": "S E C R E T"}
_ZN_LINES = {
    "UNCLASSIFIED": "ZNR UUUUU ZZH",
    "CONFIDENTIAL": "ZNY CCCCC ZZH",
    "SECRET": "ZNY SSSSS ZZH",
}


@dataclass(frozen=True, slots=True)
class Telegram:
    """A rendered telegram: header text, body lines, and where the anchors of a page go.

    ``paragraphs`` maps a body line index to the paragraph number that line starts;
    ``tags_line`` is the index of the TAGS line. Body lines end in a space, as in cables.
    """

    header: str
    lines: tuple[str, ...]
    paragraphs: dict[int, int]
    tags_line: int
    section_count: int

    @property
    def body(self) -> str:
        """The body as one text."""
        return "\n".join(self.lines)

    @property
    def text(self) -> str:
        """Header, blank line, body: a plain-text telegram."""
        return f"{self.header}\n\n{self.body}\n"


def render_telegram(spec: CableSpec) -> Telegram:
    """Render ``spec`` as a telegram.

    Parameters
    ----------
    spec : CableSpec
        What the cable says.

    Returns
    -------
    Telegram
        Header and body; ``section_count`` is 1 for a cable without page breaks.

    Examples
    --------
    >>> from kg.synth.spec import iter_specs
    >>> spec = next(iter_specs(1, seed=7))
    >>> telegram = render_telegram(spec)
    >>> telegram.header.splitlines()[5] == "FM " + spec.post.sender
    True
    >>> telegram.lines[telegram.tags_line] == "TAGS: " + " ".join(spec.tags)
    True
    """
    content, starts, tags_line = _content_lines(spec)
    pages = -(-len(content) // PAGE_LINES)
    lines: list[str] = [_banner(spec, pages)]
    paragraphs: dict[int, int] = {}
    for index, line in enumerate(content):
        if index and index % PAGE_LINES == 0:
            lines.extend(
                [" ", f"{spec.post.name} {spec.serial:08d}  {index // PAGE_LINES + 1:03d} "
                 f"OF {pages:03d} ", " ", " "]
            )  # fmt: skip
        if index in starts:
            paragraphs[len(lines)] = starts[index]
        lines.append(line)
    lines.extend([" ", spec.signer])
    return Telegram(
        header=_header(spec, pages),
        lines=tuple(lines),
        paragraphs=paragraphs,
        tags_line=tags_line + 1,  # the banner goes before the content lines
        section_count=pages,
    )


def _header(spec: CableSpec, pages: int) -> str:
    created = spec.created
    level = spec.classification.split("//")[0]
    precedence = spec.precedence
    word = _PRECEDENCE_WORDS[precedence]
    relays = [route.split("/")[0] for route, _ in spec.info if "/AMEMBASSY " in route][:6]
    section = "/01" if pages > 1 else ""
    lines = [
        spec.transmission_id,
        f"{precedence * 2} {' '.join(relays) or 'RUEHWEB'}",
        f"DE {spec.post.route} #{spec.serial % 10000:04d}{section} "
        f"{created.timetuple().tm_yday:03d}{created:%H%M}",
        _ZN_LINES[level],
        f"{precedence} {created:%d%H%M}Z {MONTHS[created.month - 1]} {created:%y}",
        f"FM {spec.post.sender}",
        f"TO RUEHC/SECSTATE WASHDC{word} {spec.mcn:04d}",
    ]
    for index, (addressee, mcn) in enumerate(spec.info):
        prefix = "INFO " if index == 0 else ""
        number = f" {mcn:04d}" if mcn is not None else ""
        lines.append(f"{prefix}{addressee}{word}{number}")
    return "\n".join(lines)


def _banner(spec: CableSpec, pages: int) -> str:
    level = spec.classification.split("//")[0]
    marking = _SPACED.get(level, "UNCLAS")
    section = f" SECTION 01 OF {pages:02d}" if pages > 1 else ""
    return f"{marking}{section} {spec.post.name} {spec.serial:06d} "


def _content_lines(spec: CableSpec) -> tuple[list[str], dict[int, int], int]:
    """The body after the banner, the paragraph start lines, and the TAGS line index."""
    lines = [" "]
    caveats = spec.classification.split("//")[1:]
    if "NOFORN" in caveats:
        lines.append("NOFORN ")
    if "FOR OFFICIAL USE ONLY" in caveats:
        lines.append("SENSITIVE ")
    lines += ["SIPDIS ", " ", spec.action + " ", " "]
    if spec.declassify_on is None:
        lines.append("E.O. 12958: N/A ")
    else:
        lines.append(f"E.O. 12958: DECL: {spec.declassify_on:%m/%d/%Y} ")
    tags_line = len(lines)
    lines.append("TAGS: " + " ".join(spec.tags))
    lines += _wrap("SUBJECT: " + spec.subject)
    lines.append(" ")
    if spec.references:
        lines += _reference_lines(spec)
        lines.append(" ")
    if spec.classifier is not None:
        title, name = spec.classifier
        # "1.4 (b) and (d)", the commonest way cables write the reasons
        letters = [reason.removeprefix("1.4") for reason in spec.classification_reasons]
        reasons = "1.4 " + " and ".join(f"({letter.strip('()')})" for letter in letters)
        lines += _wrap(f"Classified By: {title} {name} for reasons {reasons}.")
        lines.append(" ")
    starts: dict[int, int] = {}
    heading: str | None = None
    for paragraph in spec.paragraphs:
        if paragraph.heading != heading and paragraph.heading is not None:
            rule = "-" * len(paragraph.heading) + " "
            lines += [" ", rule, paragraph.heading + " ", rule, " "]
        heading = paragraph.heading
        starts[len(lines)] = paragraph.number
        lines += _wrap(_paragraph_text(paragraph))
        lines.append(" ")
    return lines, starts, tags_line


def _reference_lines(spec: CableSpec) -> list[str]:
    if len(spec.references) == 1:
        return [f"REF: {spec.references[0].text} "]
    lines = []
    for index, reference in enumerate(spec.references):
        prefix = "REF: " if index == 0 else "     "
        lines.append(f"{prefix}{'ABCDEFGH'[index]}. {reference.text} ")
    return lines


def _paragraph_text(paragraph: ParagraphSpec) -> str:
    if paragraph.marking is None:
        return f"{paragraph.number}.  {paragraph.text}"
    return f"{paragraph.number}. ({paragraph.marking}) {paragraph.text}"


def _wrap(text: str, width: int = WIDTH) -> list[str]:
    """Greedy wrap keeping double spaces after sentences; each line ends in a space.

    >>> _wrap("one two.  three", width=9)
    ['one two. ', 'three ']
    """
    lines: list[str] = []
    while len(text) > width:
        cut = text.rfind(" ", 0, width + 1)
        if cut <= 0:  # one word longer than the line: leave it whole
            cut = text.find(" ", width)
            if cut == -1:
                break
        lines.append(text[:cut].rstrip(" ") + " ")
        text = text[cut + 1 :].lstrip(" ")
    lines.append(text + " ")
    return lines

"""Wraps a rendered telegram in a WikiLeaks "Cable Viewer" page (the 2010-11 template).

The metadata table (Reference ID, Created, Released, Classification, Origin), the header
``<pre>`` and the body ``<pre>`` with ``&#x000A;`` line breaks, ``¶`` paragraph anchors and
TAGS as links, inside the page's navigation panes (shortened: the real pages list every
release date, origin and TAG). All cable text is escaped. Called by :mod:`kg.synth`.
"""

from __future__ import annotations

from html import escape

from kg.synth.spec import CableSpec
from kg.synth.telegram import Telegram

__all__ = ["render_page"]

#: the classification browse pages as WikiLeaks numbered (and titled) them
_CLASSIFICATION_LINKS = {
    "CONFIDENTIAL": (1, "unclassified"),
    "CONFIDENTIAL//NOFORN": (2, "secret"),
    "SECRET": (3, "confidential"),
    "SECRET//NOFORN": (4, "secret//noforn"),
    "UNCLASSIFIED": (5, "unclassified//fouo"),
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY": (6, "confidential//noforn"),
}
_NEWLINE = "&#x000A;"

_HEAD = (
    """<?xml version='1.0' encoding='utf-8' ?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>
<head>
<title>Cable Viewer</title>
<link href='/static/gfx/favicon.ico' rel='shortcut icon' />
<link href='/static/css/reset-fonts-grids.css' rel='stylesheet' type='text/css' />
<link href='/static/css/cables.css' rel='stylesheet' type='text/css' />
</head>
<body>
<div class='main'>
<div class='pane small'>
<a href='/support.html'>
<img alt='Keep Us Strong' src='/static/gfx/ja-cg.jpg' />
</a>
<a href='/index.html'>
<img alt='WikiLeaks logo' src='/static/gfx/WL_Hour_Glass_small.png' />
</a>
<h3>Browse by classification</h3>
<div class='sort'>
"""
    + "".join(
        f"<a href='/classification/{number}_0.html' title='{title}'>{name}</a>\n"
        for name, (number, title) in _CLASSIFICATION_LINKS.items()
    )
    + """</div>
<h3>Community resources</h3>
<div class='sort'>
<a href='http://twitter.com/wikileaks'>Follow us on Twitter</a>
<a href='https://sunshinepress.org'>Contact us on IRC</a>
</div>
<p>
<i>
courage is contagious
</i>
</p>
</div>
<div class='pane big'>
"""
)

_HELP = """<div>
If you are new to these pages, please read an introduction on the \
<a href="#help_1" onclick="return sh(1);">structure of a cable</a> as well as how to \
<a href="#help_2" onclick="return sh(2);">discuss them</a> with others. See also the \
<a href="/static/html/faq.html">FAQs</a>
<br />
</div>
<div id='help_1'>
<br />
<b>Understanding cables</b>
<br />
Every cable message consists of three parts:
<ul>
<li>The top box shows each cables unique reference number, when and by whom it originally \
was sent, and what its initial classification was.</li>
<li>The middle box contains the header information that is associated with the cable. It \
includes information about the receiver(s) as well as a general subject.</li>
<li>The bottom box presents the body of the cable. The opening can contain a more specific \
subject, references to other cables or additional comment. This is followed by the main \
contents of the cable: a summary, a collection of specific topics and a comment section.</li>
</ul>
</div>
<div id='help_2'>
<br />
<b>Discussing cables</b>
<br />
If you find meaningful or important information in a cable, please link directly to its \
unique reference number. Linking to a specific paragraph in the body of a cable is also \
possible by copying the appropriate link (to be found at theparagraph symbol).
Please mark messages for social networking services like Twitter with the hash tags \
<b>#cablegate</b> and a hash containing the reference ID e.g. <b>#{id}</b>.
</div>
"""

_TAIL = """</div>
</div>
<script src='/static/js/cables.js' type='text/javascript'></script>
</body>
</html>
"""


def render_page(spec: CableSpec, telegram: Telegram) -> str:
    """Return the WikiLeaks page of ``spec`` showing ``telegram``.

    Parameters
    ----------
    spec : CableSpec
        The metadata of the table: id, dates, classification, origin.
    telegram : Telegram
        The rendered header and body.

    Returns
    -------
    str
        An XHTML page whose body ``<pre>`` has the paragraph anchors and TAG links.

    Examples
    --------
    >>> from kg.synth.spec import iter_specs
    >>> from kg.synth.telegram import render_telegram
    >>> spec = next(iter_specs(1, seed=7))
    >>> page = render_page(spec, render_telegram(spec))
    >>> f"<a id='par1' href='#par1'>¶</a>1." in page
    True
    """
    rid = spec.reference_id
    number, title = _CLASSIFICATION_LINKS[spec.classification]
    subject = escape(spec.subject, quote=False)
    parts = [
        _HEAD,
        f"<h3>Viewing cable {rid}, {subject}</h3>\n",
        _HELP.replace("{id}", rid),
        "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n"
        "<th>Released</th>\n<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n",
        f"<td>\n<a href='/{spec.path}'>{rid}</a>\n</td>\n",
        f"<td>\n<a href='/date/{spec.created:%Y-%m}_0.html'>{spec.created:%Y-%m-%d %H:%M}</a>"
        "\n</td>\n",
        f"<td>\n<a href='/reldate/{spec.released:%Y-%m-%d}_0.html'>"
        f"{spec.released:%Y-%m-%d %H:%M}</a>\n</td>\n",
        f"<td>\n<a href='/classification/{number}_0.html' title='{title}'>"
        f"{spec.classification}</a>\n</td>\n",
        f"<td>\n<a href='/origin/{spec.post.number}_0.html'>{spec.post.origin}</a>"
        "\n</td>\n</tr>\n</table>\n",
        "<code><pre>",
        escape(telegram.header, quote=False).replace("\n", _NEWLINE),
        "</pre></code>\n<code><pre>",
        _body(spec, telegram),
        "</pre></code>\n",
        _TAIL,
    ]
    return "".join(parts)


def _body(spec: CableSpec, telegram: Telegram) -> str:
    lines = escape(telegram.body, quote=False).split("\n")
    lines[telegram.tags_line] = "TAGS: " + " ".join(
        f"<a href='/tag/{tag}_0.html'>{tag}</a>" for tag in spec.tags
    )
    for index, number in telegram.paragraphs.items():
        lines[index] = f"<a id='par{number}' href='#par{number}'>¶</a>{lines[index]}"
    return _NEWLINE.join(lines)

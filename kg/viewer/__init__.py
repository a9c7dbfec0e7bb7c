"""The viewer: a projection of the store as a self-contained interactive HTML page.

Reads only the store. :func:`render_view` returns the page (:func:`render_analysed`, from
the projection an analysis just made); ``kg view`` writes it to
``output/graph.html``; :mod:`kg.viewer.browser` opens a page in headless Chromium to check
it (tests, benchmarks, ``kg view --check``).
"""

from kg.viewer.page import page_data, render_analysed, render_view

__all__ = ["page_data", "render_analysed", "render_view"]

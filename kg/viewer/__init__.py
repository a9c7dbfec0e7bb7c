"""The viewer: a projection of the store as a self-contained interactive HTML page.

Reads only the store. :func:`render_view` returns the page (from a projection already
made, when given one: :func:`kg.products.write_view`); ``kg view`` writes it to
``output/graph.html``; :mod:`kg.viewer.browser` opens a page in headless Chromium to check
it (tests, benchmarks, ``kg view --check``).
"""

from kg.viewer.page import page_data, render_view

__all__ = ["page_data", "render_view"]

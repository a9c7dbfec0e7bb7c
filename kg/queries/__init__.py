"""The named analyst queries, one ``.rq`` file each, read by :mod:`kg.query`.

Each must answer in under a second on the 6,712-cable graph (``benchmarks/graph_speed.py``
times them). What that takes with Oxigraph's evaluator (pyoxigraph 0.5), measured there:

- A ``{ SELECT ... }`` subquery is always joined by hash, so big sets (every cable's
  origin, TAGS, dates) go in one subquery each: one scan apiece instead of a store lookup
  per row, which costs tens of microseconds.
- A single triple pattern joined after a small set is looked up per row, which is what
  labels and facts of the rows kept want. An ``OPTIONAL`` holding two patterns is built
  over the whole store first: nest the second in its own ``OPTIONAL``.
- Functions on a node or a long string (``STR``, ``LCASE``, ``<`` on IRIs, sorting on
  labels) decode it from the store's dictionary: count and group on nodes, filter and sort
  on short literals (TAG codes, ids, dates are stored inline), label last. A filter over a
  ``GROUP BY`` stays there; elsewhere Oxigraph pushes it down to the pattern that binds it.
- Queries see the union of the graphs (:class:`kg.store.OxigraphStore`), where a triple
  stated in two graphs is two rows: ``COUNT(DISTINCT ...)`` unless the rows are unique.
"""

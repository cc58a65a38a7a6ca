"""The embedded store: SQLite in WAL mode for the facts, networkx for the traversals.

:class:`~graph.stores.sqlite.store.EmbeddedStore` is the entry point; the other modules are
its schema, its single-writer engine, its reads, writes, curation and graph cache.
"""

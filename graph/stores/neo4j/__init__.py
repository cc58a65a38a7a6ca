"""The Neo4j store, over Bolt through the official driver.

:class:`~graph.stores.neo4j.store.Neo4jStore` is the entry point; :mod:`~graph.stores.neo4j.cypher`
holds every statement it can send, and the other modules its reads, writes and curation.
Importing this package does not load the driver: only the ``store`` module does.
"""

"""Backfills: extraction spread over a Dask cluster, stored by one writer in input order."""

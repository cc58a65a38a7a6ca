"""The web side of ActorGraph: GraphQL (strawberry on Starlette), GraphiQL and the graph page.

Build the app with ``api.app.create_app(settings)``; ``actorgraph serve`` runs it with uvicorn.
Nothing is imported here, so ``actorgraph`` commands that do not serve never load the web stack.
"""

__all__: list[str] = []

// Boots GraphiQL against this server's /graphql. Every script comes from this server
// (static/vendor), so the page works without network access.
(function () {
  "use strict";

  var DEFAULT_QUERY = [
    "# Welcome to ActorGraph. Press the play button (or Ctrl-Enter) to run a query.",
    "# Mutations need 'Authorization: Bearer <key>' in the Headers tab when the",
    "# server has an API key.",
    "",
    "query Overview {",
    "  stats { articles actors relations }",
    "  actors(first: 10) {",
    "    totalCount",
    "    edges { node { id name kind backers { name } } }",
    "    pageInfo { hasNextPage endCursor }",
    "  }",
    "}",
    ""
  ].join("\n");

  var endpoint = new URL("graphql", window.location.href).toString();
  var fetcher = GraphiQL.createFetcher({ url: endpoint });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: DEFAULT_QUERY,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false
    })
  );
})();

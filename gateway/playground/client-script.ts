/** What the editor shows on a first visit: the first session of the README, runnable top to bottom. */
export const DEFAULT_QUERY = `# Welcome to the mlaas playground.
#
# 1. Run "Register" (press the play button and pick it). Copy data.register.accessToken.
# 2. Open "Headers" below and paste: { "Authorization": "Bearer <accessToken>" }
# 3. Run "CreateModel", then "Models": each model comes back with its owner,
#    a User resolved by the identity subgraph through federation.
#
# Subscriptions run over WebSocket with the same headers (sent as connectionParams).

mutation Register {
  register(
    input: {
      email: "ada@example.com"
      password: "correct horse battery staple"
      displayName: "Ada Lovelace"
      organizationName: "Analytical Engines"
    }
  ) {
    accessToken
    user {
      id
      email
    }
  }
}

mutation CreateModel {
  createModel(input: { name: "iris-classifier", framework: MLAAS, taskType: CLASSIFICATION, tags: ["demo"] }) {
    id
    name
    lifecycle
  }
}

query Models {
  models(first: 10) {
    totalCount
    edges {
      node {
        id
        name
        framework
        owner {
          id
          email
          displayName
        }
      }
    }
  }
}
`;

/**
 * The page's bootstrap, served as a script file (no inline script, so a strict CSP can be added later).
 * GraphiQL's built-in fetcher sends subscriptions with fixed connectionParams; this one builds them from the
 * headers editor (Authorization → authorization, x-api-key → apiKey), one graphql-ws client per set of headers.
 */
export function playgroundScript(): string {
  return `(function () {
  'use strict';
  var endpoint = window.location.origin + window.location.pathname;
  var socketUrl = endpoint.replace(/^http/, 'ws');
  var clients = {};

  function connectionParamsFrom(headers) {
    var params = {};
    Object.keys(headers || {}).forEach(function (name) {
      var value = headers[name];
      var lower = name.toLowerCase();
      if (lower === 'authorization') params.authorization = value;
      else if (lower === 'x-api-key') params.apiKey = value;
      else if (lower === 'x-organization-id') params['x-organization-id'] = value;
    });
    return params;
  }

  function socketFor(headers) {
    var params = connectionParamsFrom(headers);
    var key = JSON.stringify(params);
    if (!clients[key]) {
      clients[key] = graphqlWs.createClient({ url: socketUrl, connectionParams: params, lazy: true, retryAttempts: 0 });
    }
    return clients[key];
  }

  function isSubscription(params, options) {
    var definitions = (options && options.documentAST && options.documentAST.definitions) || [];
    var operations = definitions.filter(function (d) { return d.kind === 'OperationDefinition'; });
    var chosen = operations.filter(function (d) { return d.name && d.name.value === params.operationName; })[0];
    if (!chosen && operations.length === 1) chosen = operations[0];
    if (chosen) return chosen.operation === 'subscription';
    return /^\\s*subscription\\b/.test(params.query || '');
  }

  function fetcher(params, options) {
    var headers = (options && options.headers) || {};
    if (isSubscription(params, options)) return socketFor(headers).iterate(params);
    return fetch(endpoint, {
      method: 'POST',
      headers: Object.assign({ 'content-type': 'application/json', accept: 'application/json' }, headers),
      body: JSON.stringify(params),
      credentials: 'same-origin'
    }).then(function (response) { return response.json(); });
  }

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      defaultEditorToolsVisibility: 'headers'
    })
  );
})();
`;
}

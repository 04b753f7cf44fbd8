// Calls each list API of the stub with axios, as a Node script would, and prints one JSON line per API:
// {id, status, warning, total} or {id, status, error}. Usage: node list-apis.cjs <stub base URL> <apis JSON>
// where apis is [{id, path, header, credential}]. axios is the browser bundle beside this file (its fetch
// adapter in Node); no Content-Type is set, as a GET has no body.
'use strict';
const axios = require('./axios.min.js');

async function main() {
  const [base, apisJson] = process.argv.slice(2);
  const apis = JSON.parse(apisJson);
  for (const api of apis) {
    try {
      const response = await axios.get(base + api.path, { headers: { [api.header]: api.credential } });
      const body = response.data;
      const total = body.count ?? body.TotalCount ?? null;
      console.log(JSON.stringify({ id: api.id, status: response.status, warning: response.headers['x-stub-warning'] ?? null, total }));
    } catch (error) {
      console.log(JSON.stringify({ id: api.id, status: error.response?.status ?? null, error: String(error) }));
    }
  }
}

main().catch(error => {
  console.error(String(error));
  process.exit(1);
});

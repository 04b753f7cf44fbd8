// Verifies pact files against a provider with pact-js's Verifier, as a JavaScript provider team would.
// Usage: node verify.js <provider base URL> <state-change URL> <pact file>...
// Each provider state the pacts name gets a pact-js state handler that forwards setup and teardown to the
// state-change URL ({"action", "state", "params"}), so the provider alone decides what a state means.
// Prints pact-js's report, then one line "pact-js: N interactions, N failed"; exit 0 only when all pass.
'use strict';

const fs = require('node:fs');
const { Verifier } = require('@pact-foundation/pact');

const [providerBaseUrl, stateUrl, ...pactUrls] = process.argv.slice(2);
if (!providerBaseUrl || !stateUrl || pactUrls.length === 0) {
  console.error('usage: node verify.js <provider base URL> <state-change URL> <pact file>...');
  process.exit(2);
}

async function changeState(action, state, params) {
  const response = await fetch(stateUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ action, state, params: params ?? {} }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`state '${state}' ${action}: ${response.status} ${text}`);
  return undefined;
}

const states = new Set();
for (const file of pactUrls) {
  for (const interaction of JSON.parse(fs.readFileSync(file, 'utf8')).interactions ?? []) {
    for (const state of interaction.providerStates ?? []) states.add(state.name);
  }
}

const stateHandlers = {};
for (const name of states) {
  stateHandlers[name] = {
    setup: (params) => changeState('setup', name, params),
    teardown: (params) => changeState('teardown', name, params),
  };
}

// pact-js resolves with the engine's JSON report when every interaction passes and rejects with it
// (as the error's message) when one fails; either way, report each failure in a line or two.
function summarise(report) {
  const results = report.interactionResults ?? [];
  const failed = results.filter((r) => r.result !== 'OK');
  for (const r of failed) {
    const mismatches = r.mismatch?.mismatches ?? [r.mismatch ?? r];
    const shown = mismatches.slice(0, 3).map((m) => `${m.path ?? m.type ?? ''} ${m.mismatch ?? m.message ?? JSON.stringify(m)}`.slice(0, 300));
    console.log(`FAILED ${r.description}: ${shown.join('; ')}`);
  }
  for (const e of report.errors ?? []) if (!failed.some((r) => e.interaction?.endsWith(r.description))) console.log(`ERROR ${JSON.stringify(e).slice(0, 500)}`);
  console.log(`pact-js: ${results.length} interactions, ${failed.length} failed`);
  return report.result === true && failed.length === 0 && (report.errors ?? []).length === 0;
}

function parse(text) {
  try {
    return typeof text === 'string' ? JSON.parse(text) : text;
  } catch {
    return null;
  }
}

new Verifier({ providerBaseUrl, pactUrls, stateHandlers, logLevel: 'warn' })
  .verifyProvider()
  .then((output) => process.exit(summarise(parse(output) ?? { result: false, errors: [output] }) ? 0 : 1))
  .catch((error) => {
    const report = parse(error.message);
    if (report) summarise(report);
    else console.log(`pact-js: verification failed: ${error.message.slice(0, 2000)}`);
    process.exit(1);
  });

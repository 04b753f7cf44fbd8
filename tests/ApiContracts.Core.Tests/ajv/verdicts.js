// The JavaScript side of the validator comparison (ValidatorAgreementTests). Reads one batch from standard
// input, {"schemas": {"<key>": <schema>, ...}, "cases": [{"schema": "<key>", "data": <instance>}, ...]},
// and prints {"formats": [<valid?>, ...], "noFormats": [<valid?>, ...]}: the verdict of ajv 8 with
// ajv-formats (formats asserted, as JsonSchema.Net is run), and of ajv with formats ignored, as a
// validator that skips them would. One process answers a whole batch.
'use strict';

const Ajv = require('ajv');
const addFormats = require('ajv-formats');

function compileAll(schemas, withFormats) {
  const compiled = {};
  for (const [key, schema] of Object.entries(schemas)) {
    // One instance per schema: the published and closed views of a schema share their $id.
    // strict: false lets the x- annotations through; draft-07 is ajv's default dialect.
    const ajv = new Ajv({ strict: false, validateFormats: withFormats });
    if (withFormats) addFormats(ajv);
    compiled[key] = ajv.compile(schema);
  }
  return compiled;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const batch = JSON.parse(input);
  const strict = compileAll(batch.schemas, true);
  const loose = compileAll(batch.schemas, false);
  const result = {
    formats: batch.cases.map((c) => strict[c.schema](c.data) === true),
    noFormats: batch.cases.map((c) => loose[c.schema](c.data) === true),
  };
  process.stdout.write(JSON.stringify(result));
});

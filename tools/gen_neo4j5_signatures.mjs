// Regenerates tools/neo4j5_signatures.json, the Neo4j 5 function and procedure catalogue that
// tools/cypher_lint.mjs hands to the linter.
//
// Source: the `testData.mockSchema` export of @neo4j-cypher/language-support (the version pinned in
// package.json), which records the `SHOW FUNCTIONS` and `SHOW PROCEDURES` output of a Neo4j 5
// server. Only the core catalogue is kept: the APOC and GDS plugins are left out on purpose, so
// that a statement calling a plugin function fails the lint (the store must run on a bare Neo4j).
//
// Usage: node tools/gen_neo4j5_signatures.mjs > tools/neo4j5_signatures.json
import { readFileSync } from 'node:fs';
import { testData } from '@neo4j-cypher/language-support';

const VERSION = 'CYPHER 5';
const PLUGINS = ['apoc.', 'gds.'];
const pkg = JSON.parse(
  readFileSync(new URL('../node_modules/@neo4j-cypher/language-support/package.json', import.meta.url)),
);

const isCore = (name) => !PLUGINS.some((prefix) => name.startsWith(prefix));
const args = (list) =>
  list.map(({ name, description, type, isDeprecated, default: dflt }) =>
    dflt === undefined
      ? { name, description, type, isDeprecated }
      : { name, description, type, isDeprecated, default: dflt },
  );

function pickFunction(fn) {
  return {
    name: fn.name,
    category: fn.category,
    description: fn.description,
    isBuiltIn: fn.isBuiltIn,
    argumentDescription: args(fn.argumentDescription),
    returnDescription: fn.returnDescription,
    signature: fn.signature,
    aggregating: fn.aggregating,
    isDeprecated: fn.isDeprecated,
    ...(fn.deprecatedBy ? { deprecatedBy: fn.deprecatedBy } : {}),
  };
}

function pickProcedure(proc) {
  return {
    name: proc.name,
    description: proc.description,
    mode: proc.mode,
    worksOnSystem: proc.worksOnSystem,
    argumentDescription: args(proc.argumentDescription),
    returnDescription: args(proc.returnDescription),
    signature: proc.signature,
    admin: proc.admin,
    option: { deprecated: Boolean(proc.option?.deprecated) },
    ...(proc.deprecatedBy ? { deprecatedBy: proc.deprecatedBy } : {}),
  };
}

function pick(registry, picker) {
  const names = Object.keys(registry).filter(isCore).sort();
  return Object.fromEntries(names.map((name) => [name, picker(registry[name])]));
}

const out = {
  source:
    `@neo4j-cypher/language-support ${pkg.version}, testData.mockSchema['${VERSION}'] ` +
    '(SHOW FUNCTIONS / SHOW PROCEDURES of a Neo4j 5 server), without the APOC and GDS plugins',
  cypherVersion: VERSION,
  functions: pick(testData.mockSchema.functions[VERSION], pickFunction),
  procedures: pick(testData.mockSchema.procedures[VERSION], pickProcedure),
};
process.stdout.write(JSON.stringify(out, null, 1) + '\n');

#!/usr/bin/env node
// Offline Cypher linter: checks statements against the Neo4j 5 grammar, the Neo4j 5 function and
// procedure catalogue (tools/neo4j5_signatures.json) and a declared graph schema, without a server.
//
// Protocol: one JSON object per line on stdin, one JSON answer per line on stdout, in order.
//   {"id": 1, "query": "MATCH (a:Actor) WHERE a.id = $id RETURN a", "parameters": {"id": "x"}}
//     -> {"id": 1, "diagnostics": [{"severity": "error", "message": "...", "offsets": {...}}],
//         "symbols": 1}
// "symbols" counts the variables the semantic analysis found: 0 for a statement that declares
// some means the analysis did not run on it (the language service swallows its failures).
//   {"id": 2, "schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]}}
//     -> {"id": 2, "ok": true}     (the schema applies to every later query)
// Parameters a query uses must be listed in "parameters" (values are only examples), so a missing
// parameter is a diagnostic too. A line that cannot be handled gets {"id", "error": "..."}.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const catalogue = JSON.parse(readFileSync(new URL('./neo4j5_signatures.json', import.meta.url)));
const version = catalogue.cypherVersion;

let graphSchema = { labels: [], relationshipTypes: [], propertyKeys: [] };

function dbSchema(parameters) {
  return {
    ...graphSchema,
    parameters: parameters ?? {},
    functions: { [version]: catalogue.functions },
    procedures: { [version]: catalogue.procedures },
    defaultLanguage: version,
  };
}

function lint(query, parameters) {
  const { diagnostics, symbolTables } = lintCypherQuery(query, dbSchema(parameters));
  return {
    diagnostics: diagnostics.map((d) => ({
      severity: SEVERITY[d.severity] ?? String(d.severity),
      message: d.message,
      offsets: d.offsets,
      line: d.range.start.line,
      character: d.range.start.character,
    })),
    symbols: (symbolTables ?? []).reduce((n, table) => n + table.length, 0),
  };
}

function answer(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (err) {
    return { id: null, error: `not JSON: ${err.message}` };
  }
  const id = request.id ?? null;
  try {
    if (request.schema !== undefined) {
      const { labels = [], relationshipTypes = [], propertyKeys = [] } = request.schema;
      graphSchema = { labels, relationshipTypes, propertyKeys };
      return { id, ok: true };
    }
    if (typeof request.query !== 'string') {
      return { id, error: 'expected a "query" string or a "schema" object' };
    }
    return { id, ...lint(request.query, request.parameters) };
  } catch (err) {
    return { id, error: `linter failed: ${err.message}` };
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  process.stdout.write(JSON.stringify(answer(line)) + '\n');
}

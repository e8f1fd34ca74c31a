#!/usr/bin/env node
// Differential test of drslint against ajv, an engine independent of both of drslint's own
// (its evaluator and valijson), over a seeded corpus of mutated request bodies (issue 12).
//
//   node tests/schema/ajv_differential.js <drslint-binary> <schemas-dir> <node_modules-dir>
//
// The corpus: every update-job-request case of tests/schema/cases, and mutants of them (a value
// of another type or from the cases' pool, a number from a pool of bounds, a member removed,
// added or misspelt, an item removed, repeated or added, an integer written 2.0 or 2e0), with a
// fixed seed. Each body is linted by drslint (--jsonl) and validated by ajv with the shipped
// schemas. Decision 11: the linter and its own schema files never disagree:
//   A. every body ajv rejects has an error in drslint;
//   B. no schema rule (a schema keyword's rule, or a rule tagged in the schema files) fires on a
//      body ajv accepts, except the short list EXCEPTIONS below, each with its reason.
// Prints the counts and every disagreement (at most 20 of each kind); exits 1 on any.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const {execFileSync} = require("child_process");

if (process.argv.length < 5) {
  console.error("usage: node ajv_differential.js <drslint-binary> <schemas-dir> <node_modules-dir>");
  process.exit(2);
}
const drslint = path.resolve(process.argv[2]);
const schemasDir = path.resolve(process.argv[3]);
const AjvModule = require(path.join(path.resolve(process.argv[4]), "ajv"));
const Ajv = AjvModule.default || AjvModule;
const casesDir = path.join(__dirname, "cases");

// Where drslint deliberately says more than a draft-07 validator can.
const EXCEPTIONS = {
  "integer-form": "a warning on an integer written 2.0 or 1e2, which draft-07 (and drslint) accept: " +
    "the service's parser may refuse the form (Decision 13)",
  "duplicate-key": "RFC 8259 leaves repeated names undefined; ajv sees the last one only",
  "member-name-too-long": "a drslint limit that bounds memory, not a schema verdict",
  "too-many-findings": "a drslint limit on the report",
};
const MUTANTS = 3000;

// ------------------------------------------------------------------ ajv with the shipped schemas
const ajv = new Ajv({strict: true, allErrors: true});
for (const file of fs.readdirSync(path.join(schemasDir, "request")).sort()) {
  if (file.endsWith(".schema.json")) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemasDir, "request", file), "utf8")));
}
const validate = ajv.getSchema("https://drslint.dev/schemas/v5/request/update-job-request.schema.json");

const catalogue = JSON.parse(fs.readFileSync(path.join(schemasDir, "rules.json"), "utf8")).rules;
const schemaRules = new Set(catalogue.filter((r) => r.origin === "schema-keyword" || r.origin === "schema").map((r) => r.id));
for (const id of Object.keys(EXCEPTIONS)) {
  if (!catalogue.some((r) => r.id === id)) {
    console.error(`exception ${id} names no rule`);
    process.exit(1);
  }
}

// ------------------------------------------------------------------ the corpus
let seed = 12;
function random() {  // mulberry32: the same corpus on every run
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (n) => Math.floor(random() * n);

const bodies = [];
for (const file of fs.readdirSync(casesDir).sort()) {
  const doc = JSON.parse(fs.readFileSync(path.join(casesDir, file), "utf8"));
  if (doc.schema && doc.schema !== "update-job-request") continue;
  for (const c of doc.cases) bodies.push(c.body);
}
const names = new Set(), strings = new Set(["", "a", "00:00", "23:59", "24:00", "0", "-1", "65536", "数据库", "x".repeat(300)]);
function gather(v) {
  if (Array.isArray(v)) v.forEach(gather);
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) { names.add(k); gather(x); }
  else if (typeof v === "string") strings.add(v);
}
bodies.forEach(gather);
const namePool = [...names], stringPool = [...strings];
const numbers = [0, -1, 1, 2, 3, 14, 59, 60, 100, 3600, 3601, 65535, 65536, 2147483648, 9999, 10000, 1.5];

// Every container and value of a document, with a way to replace each value.
function slots(root) {
  const out = [];
  (function visit(holder, key) {
    const v = holder[key];
    out.push({holder, key, v});
    if (Array.isArray(v)) v.forEach((_, i) => visit(v, i));
    else if (v && typeof v === "object") Object.keys(v).forEach((k) => visit(v, k));
  })({root}, "root");
  return out;
}

function mutate(doc) {
  const all = slots(doc);
  const {holder, key, v} = all[pick(all.length)];
  switch (pick(7)) {
    case 0: holder[key] = [null, true, false, pick(5) - 1, 1.5, {}, [], stringPool[pick(stringPool.length)]][pick(8)]; break;
    case 1: if (typeof v === "string") holder[key] = stringPool[pick(stringPool.length)]; break;
    case 2: if (typeof v === "number") holder[key] = numbers[pick(numbers.length)]; break;
    case 3: if (v && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length) delete v[keys[pick(keys.length)]];
    } break;
    case 4: if (v && typeof v === "object" && !Array.isArray(v)) {
      const name = namePool[pick(namePool.length)];
      if (!(name in v)) v[name] = [stringPool[pick(stringPool.length)], true, pick(100), {}][pick(4)];
    } break;
    case 5: if (Array.isArray(v)) {
      if (v.length && pick(2)) v.push(JSON.parse(JSON.stringify(v[pick(v.length)])));
      else if (v.length) v.splice(pick(v.length), 1);
      else v.push({});
    } break;
    default: if (v && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length) {
        const old = keys[pick(keys.length)];
        const chars = [...old];
        if (chars.length) chars[pick(chars.length)] = "q";
        const renamed = chars.join("");
        if (!(renamed in v)) { v[renamed] = v[old]; delete v[old]; }
      }
    }
  }
  return doc;
}

// JSON.stringify writes 2.0 as 2: an integer written with a fraction or exponent is made in text.
function integerForms(text) {
  const literals = [...text.matchAll(/(:\s*|\[\s*|,\s*)(-?\d+)(?=\s*[,}\]])/g)];
  if (!literals.length) return text;
  const m = literals[pick(literals.length)];
  const at = m.index + m[1].length;
  return text.slice(0, at) + m[2] + [".0", "e0", ".000"][pick(3)] + text.slice(at + m[2].length);
}

const corpus = bodies.map((b) => JSON.stringify(b));
for (let m = 0; m < MUTANTS; m++) {
  let doc = JSON.parse(JSON.stringify(bodies[pick(bodies.length)]));
  for (let edits = 1 + (m % 3); edits > 0; edits--) doc = {root: mutate(doc)}.root;
  let text = JSON.stringify(doc);
  if (pick(6) === 0) text = integerForms(text);
  corpus.push(text);
}

// ------------------------------------------------------------------ both verdicts
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drslint-ajv-"));
const batch = path.join(dir, "corpus.jsonl");
fs.writeFileSync(batch, corpus.join("\n") + "\n");
let out;
try {
  out = execFileSync(drslint, ["--jsonl", "--format", "json", "--max-findings", "10000", batch],
                     {maxBuffer: 1 << 30, encoding: "utf8"});
} catch (e) {
  if (e.status !== 1) throw e;  // 1: some bodies have errors
  out = e.stdout;
}
fs.rmSync(dir, {recursive: true});
const byLine = new Map();
for (const f of JSON.parse(out).files[0].findings) {
  if (!byLine.has(f.line)) byLine.set(f.line, []);
  byLine.get(f.line).push(f);
}

const missed = [], stricter = [];
let rejected = 0, excepted = 0;
corpus.forEach((text, i) => {
  const findings = byLine.get(i + 1) || [];
  const ok = validate(JSON.parse(text));
  if (!ok) {
    rejected++;
    if (!findings.some((f) => f.severity === "error")) {
      missed.push(`${text}\n        ajv: ${ajv.errorsText(validate.errors)}`);
    }
    return;
  }
  for (const f of findings) {
    if (!schemaRules.has(f.rule)) continue;
    if (EXCEPTIONS[f.rule]) { excepted++; continue; }
    stricter.push(`${text}\n        drslint: ${f.rule} at ${f.pointer}: ${f.message}`);
  }
});

console.log(`${corpus.length} bodies: ajv rejects ${rejected}, accepts ${corpus.length - rejected}; ` +
            `${excepted} findings of the named exceptions on accepted bodies`);
let failed = false;
function fail(label, list) {
  if (!list.length) return;
  failed = true;
  console.log(`FAIL  ${list.length} ${label}`);
  for (const l of list.slice(0, 20)) console.log(`      ${l}`);
}
fail("bodies ajv rejects but drslint finds no error in (A)", missed);
fail("schema-rule findings on bodies ajv accepts (B)", stricter);
// The corpus must exercise both sides and the integer forms, or the test proves nothing.
if (rejected < corpus.length / 4 || corpus.length - rejected < corpus.length / 10) {
  failed = true;
  console.log("FAIL  the corpus does not exercise both verdicts");
}
if (excepted === 0) {
  failed = true;
  console.log("FAIL  no integer written with a fraction or exponent reached an accepted body");
}
process.exit(failed ? 1 : 0);

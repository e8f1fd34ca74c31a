#!/usr/bin/env node
// `drslint schema` (one self-contained draft-07 file) against the multi-file schemas/request/, both
// compiled by ajv (strict, allErrors): every $ref of the bundle is internal, and on every schema
// case body, and on seeded mutants of them, the two reach the same verdict (issue 15).
//   node tests/schema/bundle_ajv.js <drslint> <schemas-dir> <node_modules-dir>
"use strict";
const fs = require("fs");
const path = require("path");
const {execFileSync} = require("child_process");

const [drslint, schemasDir, modulesDir] = process.argv.slice(2).map((p) => path.resolve(p));
const AjvModule = require(path.join(modulesDir, "ajv"));
const Ajv = AjvModule.default || AjvModule;
let failed = 0;
function check(label, ok, detail) {
  if (!ok) {
    failed++;
    if (failed <= 20) console.log(`FAIL ${label}${detail ? ": " + detail : ""}`);
  }
}

const bundle = JSON.parse(execFileSync(drslint, ["schema"], {encoding: "utf8", maxBuffer: 64 << 20}));
const refs = [];
(function walk(v) {
  if (Array.isArray(v)) v.forEach(walk);
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k === "$ref") refs.push(x);
      else walk(x);
    }
  }
})(bundle);
check("the bundle has $refs", refs.length > 20, String(refs.length));
for (const ref of refs) check("every $ref is internal", typeof ref === "string" && ref.startsWith("#/definitions/"), ref);
check("descriptions are kept", JSON.stringify(bundle).includes("Table 4"));

const files = new Ajv({strict: true, allErrors: true});
for (const file of fs.readdirSync(path.join(schemasDir, "request")).sort()) {
  if (file.endsWith(".schema.json")) files.addSchema(JSON.parse(fs.readFileSync(path.join(schemasDir, "request", file), "utf8")));
}
const byFiles = files.getSchema("https://drslint.dev/schemas/v5/request/update-job-request.schema.json");
const byBundle = new Ajv({strict: true, allErrors: true}).compile(bundle);

const bodies = [];
const casesDir = path.join(__dirname, "cases");
for (const file of fs.readdirSync(casesDir).sort()) {
  const doc = JSON.parse(fs.readFileSync(path.join(casesDir, file), "utf8"));
  if (doc.schema && doc.schema !== "update-job-request") continue;
  for (const c of doc.cases) bodies.push(c.body);
}
// Mutants: a value replaced by one of another type, a member removed, a misspelt member.
let seed = 15;
function random() {
  seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pool = ["", "x", 0, -1, 1.5, true, null, [], {}, "00:00", "sync", 65536];
function mutate(v) {
  if (Array.isArray(v)) {
    if (v.length && random() < 0.5) v[Math.floor(random() * v.length)] = pool[Math.floor(random() * pool.length)];
    else v.forEach(mutate);
  } else if (v && typeof v === "object") {
    const keys = Object.keys(v);
    if (!keys.length) return;
    const k = keys[Math.floor(random() * keys.length)];
    const r = random();
    if (r < 0.25) v[k] = pool[Math.floor(random() * pool.length)];
    else if (r < 0.35) delete v[k];
    else if (r < 0.42) { v[k + "x"] = v[k]; delete v[k]; }
    else mutate(v[k]);
  }
}
const count = bodies.length;
for (let i = 0; i < 3000; i++) {
  const body = JSON.parse(JSON.stringify(bodies[Math.floor(random() * count)]));
  mutate(body);
  bodies.push(body);
}
let invalid = 0;
for (const body of bodies) {
  const a = byFiles(body), b = byBundle(body);
  invalid += !a;
  check("the same verdict", a === b, JSON.stringify(body).slice(0, 300));
}
check("the corpus has invalid bodies", invalid > bodies.length / 4, `${invalid} of ${bodies.length}`);
console.log(`${bodies.length} bodies (${invalid} invalid), ${refs.length} refs; ${failed} failure(s)`);
process.exit(failed === 0 ? 0 : 1);

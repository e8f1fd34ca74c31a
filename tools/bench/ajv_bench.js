#!/usr/bin/env node
// The ajv side of tools/bench/compare.sh: the same schemas/ compiled by ajv 8 (strict mode,
// allErrors, every request schema added, root update-job-request), timed on the same bodies.
//
//   node ajv_bench.js <node_modules> <schemas-dir> per-doc FILE...   > ajv.json
//       per body: the fastest of several rounds of a tight process.hrtime.bigint() loop, after a warm-up;
//       rounds go round-robin over the bodies;
//       "validate_ns" times ajv alone on the already parsed body (what the issue compares with),
//       "parse_validate_ns" adds JSON.parse of the text (the whole job, as drslint's lint does it)
//   node ajv_bench.js <node_modules> <schemas-dir> jsonl FILE
//       parses and validates every line of a JSON Lines file once: timed from outside as a whole
//       process (start-up and schema compilation included, as for drslint)
"use strict";
const fs = require("fs");
const path = require("path");

const [modulesDir, schemasDir, mode, ...files] = process.argv.slice(2);
if (!modulesDir || !schemasDir || !["per-doc", "jsonl"].includes(mode) || files.length === 0) {
  console.error("usage: node ajv_bench.js <node_modules> <schemas-dir> per-doc FILE... | jsonl FILE");
  process.exit(2);
}

function compile() {
  const AjvModule = require(path.join(path.resolve(modulesDir), "ajv"));
  const Ajv = AjvModule.default || AjvModule;
  const ajv = new Ajv({strict: true, allErrors: true});
  const requestDir = path.join(schemasDir, "request");
  for (const file of fs.readdirSync(requestDir).sort()) {
    if (file.endsWith(".schema.json")) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(requestDir, file), "utf8")));
  }
  const validate = ajv.getSchema("https://drslint.dev/schemas/v5/request/update-job-request.schema.json");
  if (!validate) throw new Error("update-job-request.schema.json did not compile");
  return validate;
}

// Time per call of each function: the fastest of `rounds` rounds of about `roundNs` each, after a
// warm-up long enough for V8 to optimize the validator. Rounds go round-robin over the functions,
// so that a burst of other load on the machine hits one round of several bodies rather than every
// round of one; the fastest round is the least disturbed. drslint's side is read the same way
// (random interleaving, fastest repetition: compare.sh and report.js).
function timePerCall(fns, {warmupNs = 200e6, roundNs = 100e6, rounds = 7} = {}) {
  let sink = 0;
  const loop = (fn, count) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) sink += fn() ? 1 : 0;
    return Number(process.hrtime.bigint() - start);
  };
  const counts = fns.map((fn) => {
    let n = 64;
    for (let spent = 0, total = 0; total < warmupNs; total += spent) {
      spent = loop(fn, n);
      if (spent < roundNs / 8) n *= 2;
    }
    return Math.max(64, Math.round((n * roundNs) / Math.max(1, loop(fn, n))));
  });
  const best = fns.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, i) => {
      best[i] = Math.min(best[i], loop(fn, counts[i]) / counts[i]);
    });
  }
  if (sink < 0) console.error(sink);  // keeps the calls observable
  return best;
}

const validate = compile();

if (mode === "jsonl") {
  const started = process.hrtime.bigint();
  let bodies = 0, failing = 0, unparsable = 0;
  for (const line of fs.readFileSync(files[0], "utf8").split("\n")) {
    if (!line.trim()) continue;
    bodies++;
    let body;
    try {
      body = JSON.parse(line);
    } catch (e) {
      unparsable++;
      continue;
    }
    if (!validate(body)) failing++;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${bodies} bodies, ${failing} invalid, ${unparsable} not JSON, ${ms.toFixed(1)} ms validating`);
  process.exit(0);
}

const results = {};
const timed = [];  // [name, key, fn]
for (const file of files) {
  const name = path.basename(file, ".json");
  const text = fs.readFileSync(file, "utf8");
  let body;
  try {
    body = JSON.parse(text);
  } catch (e) {
    results[name] = {json: false};
    timed.push([name, "parse_validate_ns", () => {
      try {
        return validate(JSON.parse(text));
      } catch (e) {
        return false;
      }
    }]);
    continue;
  }
  const valid = validate(body);
  results[name] = {json: true, valid, errors: valid ? 0 : validate.errors.length};
  timed.push([name, "validate_ns", () => validate(body)]);
  timed.push([name, "parse_validate_ns", () => validate(JSON.parse(text))]);
}
timePerCall(timed.map(([, , fn]) => fn)).forEach((ns, i) => {
  results[timed[i][0]][timed[i][1]] = ns;
});
console.log(JSON.stringify({ajv: require(path.join(path.resolve(modulesDir), "ajv", "package.json")).version,
                            node: process.version, results}, null, 1));

#!/usr/bin/env node
// Validates drslint's --format sarif output against the official SARIF 2.1.0 JSON Schema (OASIS,
// draft-04) with ajv-draft-04 and ajv-formats, then checks what GitHub code scanning relies on
// beyond the schema: ruleIndex names the rule with the result's ruleId, levels, regions, and
// repository-relative URIs under %SRCROOT%.
//
//   node tests/format/check_sarif.js <drslint> <sarif-schema-2.1.0.json> <node_modules-dir>
//
// Exits 77 (ctest's skip code), saying "SKIPPED: ...", when the schema file or ajv is missing.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

if (process.argv.length < 5) {
  console.error("usage: node check_sarif.js <drslint> <sarif-schema-2.1.0.json> <node_modules-dir>");
  process.exit(2);
}
const [drslint, schemaPath, modulesDir] = process.argv.slice(2).map((p) => path.resolve(p));

function skip(why) {
  console.log(`SKIPPED: ${why}; drslint's SARIF output was not validated against the SARIF schema`);
  process.exit(77);
}
if (!fs.existsSync(schemaPath)) skip(`no SARIF schema at ${schemaPath}`);
let Ajv04, addFormats;
try {
  Ajv04 = require(path.join(modulesDir, "ajv-draft-04"));
  addFormats = require(path.join(modulesDir, "ajv-formats"));
} catch (e) {
  skip(`ajv-draft-04 or ajv-formats is not installed in ${modulesDir} (tools/setup.sh installs them)`);
}
Ajv04 = Ajv04.default || Ajv04;
addFormats = addFormats.default || addFormats;

const ajv = new Ajv04({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));

// Bodies with errors, a warning, a clean one, odd file names, and one outside the current directory.
const work = fs.mkdtempSync(path.join(os.tmpdir(), "drslint-sarif-"));
const outside = fs.mkdtempSync(path.join(os.tmpdir(), "drslint-sarif-outside-"));
const bodies = {
  "bad.json": '{"job": {"type": "nmae", "params": {}}}',
  "sub dir/100% name.json":
    '{\n  "job": {\n    "type": "name",\n    "params": {"base_info": {"name": "DRS", "nmae": "x"}}\n  }\n}\n',
  "clean.json": '{"job": {"type": "name", "params": {"base_info": {"name": "DRS-1234"}}}}',
  "broken.json": '{"job": ',
  "fixable.json": '{"job": {"type": "re_create", "params": {"job_id": 5}}}',
};
for (const [name, text] of Object.entries(bodies)) {
  fs.mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
  fs.writeFileSync(path.join(work, name), text);
}
const elsewhere = path.join(outside, "elsewhere.json");
fs.writeFileSync(elsewhere, bodies["bad.json"]);
// A JSON Lines batch, whose results are printed as they are found (invocations after them).
const batchLines = [];
for (let i = 0; i < 300; i++) batchLines.push(i % 3 === 0 ? bodies["bad.json"] : bodies["clean.json"]);
fs.writeFileSync(path.join(work, "log.jsonl"), batchLines.join("\n") + "\n");

let passed = 0;
let failed = 0;
function check(label, ok, detail) {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${label}${detail ? ": " + detail : ""}`);
  }
}

function sarif(args, input, status) {
  const run = spawnSync(drslint, ["--format", "sarif", ...args], { cwd: work, input: input || "", encoding: "utf8" });
  const expected = status === undefined ? [0, 1] : [status];
  check(`exit code of ${args.join(" ")}`, expected.includes(run.status), `status ${run.status}: ${run.stderr}`);
  try {
    return JSON.parse(run.stdout);
  } catch (e) {
    check(`${args.join(" ")} prints JSON`, false, e.message);
    return null;
  }
}

const runs = [
  ["files", sarif([...Object.keys(bodies), elsewhere])],
  ["stdin", sarif(["-"], bodies["bad.json"])],
  ["clean", sarif(["clean.json"])],
  // One unreadable input: the others are still reported, the run says it did not succeed (exit 2).
  ["partial", sarif(["bad.json", "missing.json"], "", 2)],
  // The same in a batch on two threads, with an unreadable batch after it.
  ["batch", sarif(["--jsonl", "--jobs", "2", "log.jsonl", "missing.jsonl"], "", 2)],
];
for (const [label, log] of runs) {
  if (!log) continue;
  const valid = validate(log);
  check(`${label}: valid SARIF 2.1.0`, valid, JSON.stringify(validate.errors, null, 1));
  const run = log.runs[0];
  const rules = run.tool.driver.rules;
  check(`${label}: rules listed`, rules.length > 10);
  for (const rule of rules) {
    check(`${label}: rule ${rule.id} has a level`, ["error", "warning", "note"].includes(rule.defaultConfiguration.level));
  }
  for (const result of run.results) {
    check(`${label}: ruleIndex of ${result.ruleId}`, rules[result.ruleIndex] && rules[result.ruleIndex].id === result.ruleId);
    const artifact = result.locations[0].physicalLocation.artifactLocation;
    if (label === "stdin") {
      check("stdin uri", artifact.uri === "stdin", artifact.uri);
    } else if (artifact.uriBaseId) {
      check("relative uri under %SRCROOT%", artifact.uriBaseId === "%SRCROOT%" && !artifact.uri.startsWith("/"), artifact.uri);
    } else {
      check("absolute uri outside the current directory", artifact.uri.startsWith("file:///"), artifact.uri);
    }
  }
  if (label === "files") {
    const uris = new Set(run.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    check("a file name with a space and % is percent-encoded", uris.has("sub%20dir/100%25%20name.json"), [...uris].join(" "));
    const nmae = run.results.find((r) => r.ruleId === "unknown-member");
    check("error level (Decision 11)", nmae && nmae.level === "error");
    const region = nmae && nmae.locations[0].physicalLocation.region;
    check("region of the unknown member",
      region && region.startLine === 4 && region.startColumn === 45 && region.endLine === 4 && region.endColumn === 51,
      JSON.stringify(region));
  }
  if (label === "files") {
    // A fix (issue 14): its replacement, applied to the file's bytes, gives the fixed body.
    const typed = run.results.find((r) => r.ruleId === "type-mismatch" &&
      r.locations[0].physicalLocation.artifactLocation.uri === "fixable.json");
    const fix = typed && typed.fixes && typed.fixes[0];
    check("a fixable finding carries fixes", !!fix, JSON.stringify(typed));
    if (fix) {
      const change = fix.artifactChanges[0];
      check("the fix names its file", change.artifactLocation.uri === "fixable.json", change.artifactLocation.uri);
      const r = change.replacements[0];
      const text = bodies["fixable.json"];
      const fixed = text.slice(0, r.deletedRegion.byteOffset) + r.insertedContent.text +
        text.slice(r.deletedRegion.byteOffset + r.deletedRegion.byteLength);
      check("the replacement gives the fixed body", fixed === '{"job": {"type": "re_create", "params": {"job_id": "5"}}}', fixed);
      check("the fix says it is safe", fix.properties && fix.properties.applicability === "safe");
    }
  }
  if (label === "clean") check("a clean file has no results", run.results.length === 0);
  const invocation = run.invocations && run.invocations[0];
  check(`${label}: an invocation says whether every input was checked`,
    invocation && invocation.executionSuccessful === (label !== "partial" && label !== "batch"),
    JSON.stringify(run.invocations));
  if (label === "partial") {
    check("partial: the readable file's results are there", run.results.some((r) => r.ruleId === "enum-value"));
    const notes = invocation.toolExecutionNotifications || [];
    check("partial: the unreadable file is a notification with its location",
      notes.length === 1 && notes[0].level === "error" && /cannot read missing\.json/.test(notes[0].message.text) &&
      notes[0].locations[0].physicalLocation.artifactLocation.uri === "missing.json", JSON.stringify(notes));
  }
  if (label === "batch") {
    check("batch: a result per bad line", run.results.filter((r) => r.ruleId === "enum-value").length === 100,
      String(run.results.length));
    const notes = invocation.toolExecutionNotifications || [];
    check("batch: the unreadable batch is a notification",
      notes.length === 1 && notes[0].locations[0].physicalLocation.artifactLocation.uri === "missing.jsonl",
      JSON.stringify(notes));
  }
}

fs.rmSync(work, { recursive: true, force: true });
fs.rmSync(outside, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

#!/usr/bin/env node
// Strict check of drslint's JSON Schemas with ajv (8.x), independent of the C++ engine.
//
//   node tests/schema/check_schemas.js <schemas-dir> <node_modules-dir>
//
// 1. Every schemas/{request,response}/*.schema.json is added to one ajv instance
//    (strict mode, allErrors), validated against the draft-07 meta-schema and compiled.
//    The same pass lints the project's conventions: allowed keywords only (no "format"),
//    $id matches the file, bare same-folder $refs that exist, closed objects, a description
//    on every property, ASCII-only patterns on strings bounded by maxLength <= 512, and
//    "rule: <kebab-id>" tags on every allOf entry.
// 2. Every case in tests/schema/cases/*.json is validated with ajv against its schema
//    (the file's "schema" key, default update-job-request):
//    - a valid case (expect []) must be accepted;
//    - an invalid case's expected findings are compared with ajv's errors mapped the way
//      the engine maps them (keyword -> rule id, tagged allOf entry -> its rule id, pointer
//      of the leaf problem). Expected rule ids that no schema can raise (rules of the rule
//      engine) are left out of that comparison.
// 3. The page's response examples are validated against the response schemas.
// 4. schemas/rules.schema.json, the meta-schema of the rule catalogue (drslint's own data, not
//    the API: the conventions of 1. are not its), compiles in strict mode, is valid draft-07,
//    and schemas/rules.json validates against it.
// Prints one line per file / case and a final "N passed, N failed" line; exits 1 on failure.
"use strict";
const fs = require("fs");
const path = require("path");

if (process.argv.length < 4) {
  console.error("usage: node check_schemas.js <schemas-dir> <node_modules-dir>");
  process.exit(2);
}
const schemasDir = path.resolve(process.argv[2]);
const modulesDir = path.resolve(process.argv[3]);
const casesDir = path.join(__dirname, "cases");

const AjvModule = require(path.join(modulesDir, "ajv"));
const Ajv = AjvModule.default || AjvModule;

const ID_BASE = "https://drslint.dev/schemas/v5/";
const ROOT = "update-job-request";
const ALLOWED = new Set([
  "$schema", "$id", "$comment", "title", "description", "default", "examples", "type",
  "properties", "required", "additionalProperties", "items", "minItems", "maxItems",
  "uniqueItems", "enum", "const", "minLength", "maxLength", "pattern", "minimum", "maximum",
  "exclusiveMinimum", "exclusiveMaximum", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
  "dependencies", "propertyNames", "minProperties", "maxProperties", "definitions", "$ref",
]);
// Plain keyword -> engine rule id.
const KEYWORD_RULE = {
  type: "type-mismatch",
  required: "required-member",
  additionalProperties: "unknown-member",
  enum: "enum-value",
  const: "enum-value",
  minLength: "string-length",
  maxLength: "string-length",
  pattern: "string-format",
  minimum: "number-range",
  maximum: "number-range",
  exclusiveMinimum: "number-range",
  exclusiveMaximum: "number-range",
  minItems: "array-length",
  maxItems: "array-length",
};
const SCHEMA_RULES = new Set(Object.values(KEYWORD_RULE).concat(["schema-constraint"]));
const TAG_RE = /^rule: ([a-z0-9]+(-[a-z0-9]+)*)$/;

let passed = 0;
let failed = 0;
function report(ok, label, problems) {
  if (ok) {
    passed++;
    console.log(`ok    ${label}`);
  } else {
    failed++;
    console.log(`FAIL  ${label}`);
    for (const p of problems) console.log(`        ${p}`);
  }
}

// ---------------------------------------------------------------- load
const files = []; // {folder, file, name, schema}
for (const folder of ["request", "response"]) {
  const dir = path.join(schemasDir, folder);
  if (!fs.existsSync(dir)) continue;
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith(".schema.json")) continue;
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    let schema = null;
    let parseError = null;
    try {
      schema = JSON.parse(text);
    } catch (e) {
      parseError = e.message;
    }
    files.push({folder, file, name: file.slice(0, -".schema.json".length), schema, parseError});
  }
}

// ---------------------------------------------------------------- convention lint
// Walks a schema, calling visit(node, where) on every subschema object.
function walk(node, where, visit) {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return;
  visit(node, where);
  const maps = ["properties", "definitions", "dependencies"];
  for (const k of maps) {
    if (node[k] && typeof node[k] === "object") {
      for (const [p, sub] of Object.entries(node[k])) {
        if (!Array.isArray(sub)) walk(sub, `${where}/${k}/${p}`, visit);
      }
    }
  }
  for (const k of ["additionalProperties", "not", "if", "then", "else", "propertyNames"]) {
    if (node[k] && typeof node[k] === "object") walk(node[k], `${where}/${k}`, visit);
  }
  if (Array.isArray(node.items)) node.items.forEach((s, i) => walk(s, `${where}/items/${i}`, visit));
  else if (node.items) walk(node.items, `${where}/items`, visit);
  for (const k of ["allOf", "anyOf", "oneOf"]) {
    if (Array.isArray(node[k])) node[k].forEach((s, i) => walk(s, `${where}/${k}/${i}`, visit));
  }
}

const known = new Map(); // folder/file -> true
for (const f of files) known.set(`${f.folder}/${f.file}`, true);
const tagIds = new Set();

function lint(f) {
  const problems = [];
  const s = f.schema;
  if (s.$schema !== "http://json-schema.org/draft-07/schema#") problems.push("$schema is not draft-07");
  if (s.$id !== `${ID_BASE}${f.folder}/${f.file}`) problems.push(`$id is not ${ID_BASE}${f.folder}/${f.file}`);
  if (typeof s.title !== "string" || !s.title) problems.push("no title");
  if (typeof s.description !== "string" || !s.description) problems.push("no description");
  // Where a subschema is reached through a rule (if/then/else/not of an allOf entry) it need not
  // carry descriptions or closedness: it only restates conditions.
  walk(s, "#", (node, where) => {
    for (const k of Object.keys(node)) {
      if (!ALLOWED.has(k)) problems.push(`${where}: keyword "${k}" is not allowed`);
    }
    if (node.pattern !== undefined) {
      if (!/^[\x20-\x7e]*$/.test(node.pattern)) problems.push(`${where}: pattern is not printable ASCII`);
      if (typeof node.maxLength !== "number" || node.maxLength > 512) {
        problems.push(`${where}: pattern on a string without maxLength <= 512`);
      }
      const keys = Object.keys(node);
      if (keys.indexOf("maxLength") > keys.indexOf("pattern")) problems.push(`${where}: maxLength should come before pattern`);
    }
    if (node.$ref !== undefined) {
      if (!/^[a-z0-9-]+\.schema\.json$/.test(node.$ref)) problems.push(`${where}: $ref "${node.$ref}" is not a bare file name`);
      else if (!known.has(`${f.folder}/${node.$ref}`)) problems.push(`${where}: $ref "${node.$ref}" does not exist in ${f.folder}/`);
    }
    const inRule = /\/allOf\/\d+/.test(where);
    if (!inRule && node.type === "object") {
      if (node.additionalProperties === undefined) problems.push(`${where}: object without additionalProperties`);
      if (node.properties === undefined && (typeof node.additionalProperties !== "object")) {
        problems.push(`${where}: object without properties`);
      }
    }
    if (!inRule && node.properties) {
      for (const [p, sub] of Object.entries(node.properties)) {
        if (!sub || typeof sub.description !== "string" || !sub.description) problems.push(`${where}/properties/${p}: no description`);
      }
    }
  });
  if (s.allOf !== undefined) {
    if (!Array.isArray(s.allOf)) problems.push("allOf is not an array");
    else s.allOf.forEach((entry, i) => {
      const m = TAG_RE.exec(entry.$comment || "");
      if (!m) problems.push(`#/allOf/${i}: no "$comment": "rule: <kebab-id>" tag`);
      else tagIds.add(m[1]);
      if (!(entry.if && entry.then) && !entry.not) problems.push(`#/allOf/${i}: neither if/then nor not`);
    });
  }
  // Tagged rules nested deeper than the top-level allOf would not be seen by the engine.
  walk(s, "#", (node, where) => {
    if (where !== "#" && node.allOf) problems.push(`${where}: allOf below the top level`);
  });
  return problems;
}

// ---------------------------------------------------------------- ajv
const ajv = new Ajv({strict: true, allErrors: true, verbose: true});
const addProblems = new Map();
for (const f of files) {
  if (!f.schema) continue;
  try {
    ajv.addSchema(f.schema);
  } catch (e) {
    addProblems.set(f.file, `addSchema: ${e.message}`);
  }
}
const validators = new Map(); // name -> validate fn
for (const f of files) {
  const label = `${f.folder}/${f.file}`;
  if (f.parseError) {
    report(false, label, [`not JSON: ${f.parseError}`]);
    continue;
  }
  const problems = lint(f);
  if (addProblems.has(f.file)) problems.push(addProblems.get(f.file));
  if (!ajv.validateSchema(f.schema)) {
    problems.push(`meta-schema: ${ajv.errorsText(ajv.errors)}`);
  }
  try {
    const v = ajv.getSchema(f.schema.$id);
    if (!v) problems.push("not compiled");
    else validators.set(f.name, v);
  } catch (e) {
    problems.push(`compile: ${e.message}`);
  }
  report(problems.length === 0, label, problems);
}

// Identity map: every subschema object inside a tagged allOf entry -> its rule id.
const ruleOf = new Map();
for (const f of files) {
  if (!f.schema || !Array.isArray(f.schema.allOf)) continue;
  for (const entry of f.schema.allOf) {
    const m = TAG_RE.exec(entry.$comment || "");
    if (!m) continue;
    const mark = (node) => {
      if (node === null || typeof node !== "object") return;
      if (!Array.isArray(node)) ruleOf.set(node, m[1]);
      for (const v of Object.values(node)) mark(v);
    };
    mark(entry);
  }
}

function escapeToken(t) {
  return String(t).replace(/~/g, "~0").replace(/\//g, "~1");
}

// ajv errors -> engine-style findings {rule, pointer}.
function findings(errors) {
  const out = [];
  for (const e of errors || []) {
    if (e.keyword === "if" || e.keyword === "anyOf" || e.keyword === "oneOf") continue;
    let pointer = e.instancePath;
    if (e.keyword === "required") pointer += "/" + escapeToken(e.params.missingProperty);
    if (e.keyword === "additionalProperties") pointer += "/" + escapeToken(e.params.additionalProperty);
    const tag = ruleOf.get(e.parentSchema);
    const rule = tag || KEYWORD_RULE[e.keyword] || "schema-constraint";
    out.push({rule, pointer, keyword: e.keyword, tagged: Boolean(tag)});
  }
  // One finding per real problem: a wrong type hides the other plain keywords at that pointer,
  // and a string that fails its pattern is not also reported over maxLength (the format says more).
  const typed = new Set(out.filter((x) => x.keyword === "type" && !x.tagged).map((x) => x.pointer));
  const misformed = new Set(out.filter((x) => x.keyword === "pattern" && !x.tagged).map((x) => x.pointer));
  // As in the engine, a tagged rule that explains a place replaces the plain keyword finding there.
  const taggedAt = new Set(out.filter((x) => x.tagged).map((x) => x.pointer));
  const kept = out.filter((x) => {
    if (x.tagged) return true;
    if (taggedAt.has(x.pointer)) return false;
    if (typed.has(x.pointer) && x.keyword !== "type") return false;
    if (misformed.has(x.pointer) && x.keyword === "maxLength") return false;
    return true;
  });
  const seen = new Set();
  return kept.filter((x) => {
    const k = `${x.rule} ${x.pointer}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function key(x) {
  return `${x.rule} ${x.pointer}`;
}

// ---------------------------------------------------------------- cases
const usedRules = new Set();
const caseFiles = fs.existsSync(casesDir)
  ? fs.readdirSync(casesDir).filter((n) => n.endsWith(".json")).sort()
  : [];
if (caseFiles.length === 0) report(false, "tests/schema/cases", ["no case files"]);
for (const cf of caseFiles) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(path.join(casesDir, cf), "utf8"));
  } catch (e) {
    report(false, `cases/${cf}`, [`not JSON: ${e.message}`]);
    continue;
  }
  const shape = [];
  if (typeof doc.table !== "number") shape.push('no numeric "table"');
  if (!Array.isArray(doc.cases) || doc.cases.length === 0) shape.push('no "cases"');
  const schemaName = doc.schema || ROOT;
  const validate = validators.get(schemaName);
  if (!validate) shape.push(`unknown schema "${schemaName}"`);
  if (shape.length) {
    report(false, `cases/${cf}`, shape);
    continue;
  }
  const names = new Set();
  doc.cases.forEach((c, i) => {
    const label = `cases/${cf} [${c.name || i}]`;
    const problems = [];
    if (typeof c.name !== "string" || !c.name) problems.push("no name");
    else if (names.has(c.name)) problems.push("duplicate name");
    names.add(c.name);
    if (!("body" in c)) problems.push("no body");
    if (!Array.isArray(c.expect)) problems.push("no expect array");
    if (problems.length) {
      report(false, label, problems);
      return;
    }
    for (const x of c.expect) {
      if (typeof x.rule !== "string" || typeof x.pointer !== "string") problems.push(`bad expect entry ${JSON.stringify(x)}`);
      else if (x.pointer !== "" && !x.pointer.startsWith("/")) problems.push(`pointer "${x.pointer}" is not RFC 6901`);
      usedRules.add(x.rule);
    }
    const valid = validate(c.body);
    const got = findings(validate.errors);
    if (c.expect.length === 0) {
      if (!valid) problems.push(...got.map((g) => `ajv rejects a valid case: ${key(g)}`));
    } else {
      // Only findings a schema can raise are compared; rule-engine findings are skipped.
      const want = c.expect.filter((x) => SCHEMA_RULES.has(x.rule) || tagIds.has(x.rule)).map(key).sort();
      const have = got.map(key).sort();
      const missing = want.filter((k) => !have.includes(k));
      const extra = have.filter((k) => !want.includes(k));
      if (want.length !== have.length || missing.length || extra.length) {
        for (const k of missing) problems.push(`expected but ajv does not report: ${k}`);
        for (const k of extra) problems.push(`ajv reports but not expected: ${k}`);
        if (!missing.length && !extra.length) problems.push(`count differs: want ${want.length}, ajv ${have.length}`);
      }
    }
    report(problems.length === 0, label, problems);
  });
}

// Every tagged rule is exercised by at least one case.
const untested = [...tagIds].filter((id) => !usedRules.has(id)).sort();
report(untested.length === 0, "every allOf rule has a case", untested.map((id) => `no case expects ${id}`));

// ---------------------------------------------------------------- response examples
const responseExamples = [
  ["update-job-response-200", {}],
  ["update-job-response-400", {error_code: "DRS.10000010", error_msg: "Job does not exist, please check job ID."}],
];
for (const [name, body] of responseExamples) {
  const v = validators.get(name);
  const ok = Boolean(v && v(body));
  report(ok, `page example response ${name}`, v ? findings(v.errors).map(key) : ["schema missing"]);
}

// ---------------------------------------------------------------- the rule catalogue
{
  const problems = [];
  let validate = null;
  let catalogue = null;
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(schemasDir, "rules.schema.json"), "utf8"));
    catalogue = JSON.parse(fs.readFileSync(path.join(schemasDir, "rules.json"), "utf8"));
    const rulesAjv = new Ajv({strict: true, allErrors: true});
    if (!rulesAjv.validateSchema(meta)) problems.push(`meta-schema: ${rulesAjv.errorsText(rulesAjv.errors)}`);
    validate = rulesAjv.compile(meta);
  } catch (e) {
    problems.push(e.message);
  }
  report(problems.length === 0, "rules.schema.json", problems);
  if (validate) {
    const ok = validate(catalogue);
    report(ok, "rules.json against rules.schema.json",
      ok ? [] : validate.errors.map((e) => `${e.instancePath || "/"}: ${e.message}`));
  }
}

// 5. schemas/drslint-config.schema.json, the schema of .drslint.json (for editors), compiles in
//    strict mode, names exactly the rule ids of rules.json, accepts README.md's example config
//    and refuses what drslint's config reader refuses (unknown keys, rule ids and severities).
{
  const problems = [];
  let validate = null;
  try {
    const schema = JSON.parse(fs.readFileSync(path.join(schemasDir, "drslint-config.schema.json"), "utf8"));
    const catalogue = JSON.parse(fs.readFileSync(path.join(schemasDir, "rules.json"), "utf8"));
    const configAjv = new Ajv({strict: true, allErrors: true});
    if (!configAjv.validateSchema(schema)) problems.push(`schema: ${configAjv.errorsText(configAjv.errors)}`);
    validate = configAjv.compile(schema);
    const ids = (catalogue.rules || catalogue).map((r) => r.id).sort();
    const named = [...schema.definitions.ruleId.enum].sort();
    if (JSON.stringify(ids) !== JSON.stringify(named)) problems.push(`rule ids differ from rules.json: ${named} vs ${ids}`);
  } catch (e) {
    problems.push(e.message);
  }
  report(problems.length === 0, "drslint-config.schema.json", problems);
  if (validate) {
    const readme = fs.readFileSync(path.join(schemasDir, "..", "README.md"), "utf8");
    const example = readme.split("## Configuration (`.drslint.json`)")[1].split("```json\n")[1].split("```")[0];
    const good = [JSON.parse(example), {}, {"ignore": [{"files": "generated/*.json"}]}, {"failSeverity": "info"}];
    const bad = [{"rule": {}}, {"rules": {"unknwn-member": "off"}}, {"rules": {"unknown-member": "fatal"}},
                 {"ignore": [{"reason": "only a reason"}]}, {"ignore": [{"rule": "x", "extra": 1}]}, {"failSeverity": "low"}];
    for (const config of good) report(validate(config), `config accepted: ${JSON.stringify(config)}`, validate.errors || []);
    for (const config of bad) report(!validate(config), `config refused: ${JSON.stringify(config)}`, []);
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

#!/usr/bin/env node
// Prints the comparison that tools/bench/compare.sh measured: reads RESULTS/drslint.json (Google
// Benchmark; RESULTS/finding_cost.json, its finding_cost pairs run again), RESULTS/ajv.json
// (tools/bench/ajv_bench.js) and RESULTS/run.json (batch, start-up,
// machine). Times are wall clock, the fastest of several repetitions; the figures that matter are
// the ratios.
//
//   node tools/bench/report.js build/bench/results
"use strict";
const fs = require("fs");
const path = require("path");

const dir = process.argv[2];
const TYPICAL = "valid-db_object";  // the 0.6 KB body of the API page's db_object example
const read = (name) => {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) return null;
  // Google Benchmark writes the spread of a constant counter (0 / 0) as a bare NaN.
  return JSON.parse(fs.readFileSync(file, "utf8").replace(/:\s*-?(nan|NaN|inf|Infinity)\b/g, ": null"));
};
const run = read("run.json");
const ajv = read("ajv.json");
const gbench = read("drslint.json");

// stage -> body -> ns: the fastest repetition, the one least disturbed by other load (ajv_bench.js
// reports its fastest round too).
const NS_PER = {ns: 1, us: 1e3, ms: 1e6, s: 1e9};
const drslint = {};
const bytes = {};
const findingsOf = {};
const findingNs = {};
// finding_cost.json: the finding_cost pairs again, with more repetitions (compare.sh).
const findingRuns = read("finding_cost.json");
for (const b of gbench.benchmarks.concat(findingRuns ? findingRuns.benchmarks : [])) {
  if (b.run_type === "aggregate" || b.error_occurred) continue;  // error: a stage the body cannot reach
  const [stage, body] = b.run_name.split("/");
  const ns = b.real_time * NS_PER[b.time_unit];
  drslint[stage] = drslint[stage] || {};
  drslint[stage][body] = Math.min(ns, drslint[stage][body] === undefined ? Infinity : drslint[stage][body]);
  if (b.bytes !== undefined) bytes[body] = b.bytes;
  if (b.findings !== undefined) findingsOf[body] = b.findings;
  // finding_cost's own figure: the median paired difference per finding of a repetition; the
  // smallest of them, as for times.
  if (b.finding_ns !== undefined && b.finding_ns !== null) {
    findingNs[body] = Math.min(b.finding_ns, findingNs[body] === undefined ? Infinity : findingNs[body]);
  }
}
const bodies = Object.keys(drslint.lint || {}).sort((a, b) => {
  const rank = (n) => (n === TYPICAL ? 0 : n.startsWith("valid-") ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
});

const us = (ns) => (ns === undefined || ns === null ? "-" : ns / 1e3 < 10 ? (ns / 1e3).toFixed(2) : (ns / 1e3).toFixed(1));
const ratio = (a, b) => (a === undefined || b === undefined || a === null || b === null ? "-" : (a / b).toFixed(2));
function table(header, rows) {
  const cells = [header, ...rows];
  const width = header.map((_, i) => Math.max(...cells.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(width[i]) : String(c).padStart(width[i]))).join("  ");
  return [line(header), width.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
// ajv's two sides: validate() of an already parsed body (what the issue names), and JSON.parse plus
// validate() of the text, which is the job drslint's lint does (it starts from text).
const ajvNs = (body) => (ajv && ajv.results[body] ? ajv.results[body].validate_ns : undefined);
const ajvTextNs = (body) => (ajv && ajv.results[body] ? ajv.results[body].parse_validate_ns : undefined);
const get = (stage, body) => (drslint[stage] || {})[body];

const out = [];
out.push(`drslint vs ajv ${ajv ? ajv.ajv : "(not run)"} (${ajv ? "node " + ajv.node : ""}) and the RapidJSON parse floor`);
out.push(`commit ${run.commit}; ${run.nproc} cores, ${run.cpu}; load average at the end ${run.load}`);
out.push("");
out.push("Per body, in process (µs per body, wall clock, fastest repetition). lint = Linter::lint as shipped");
out.push("(text in, findings out: parse, schemas, rules); checked = with --cross-check (valijson too);");
out.push("ajv = validate() of the parsed body; ajv text = JSON.parse plus validate(), from text like lint;");
out.push("parse = RapidJSON into a Document (iterative, UTF-8 validated).");
out.push(table(
  ["body", "bytes", "parse", "lint", "checked", "ajv", "ajv text", "lint/ajv", "lint/ajv text", "lint/parse", "checked/ajv"],
  bodies.map((b) => {
    const p = get("rapidjson_parse", b), l = get("lint", b), c = get("lint_cross_check", b), a = ajvNs(b), t = ajvTextNs(b);
    return [b, bytes[b], us(p), us(l), us(c), us(a), us(t), ratio(l, a), ratio(l, t), ratio(l, p), ratio(c, a)];
  })));
out.push("");
out.push("Stages (µs): drslint parse = parse::parse_json (adds depth limit and duplicate keys to the floor);");
out.push("+evaluate / +valijson = that parse plus one engine; check parsed = the evaluator and the rule engine");
out.push("on a body parsed beforehand, like ajv's validate(); render = lint plus format::write_json.");
out.push(table(
  ["body", "floor", "drslint parse", "+evaluate", "+valijson", "check parsed", "ajv", "check/ajv", "lint", "render"],
  bodies.map((b) => [b, us(get("rapidjson_parse", b)), us(get("drslint_parse", b)), us(get("parse_evaluate", b)),
    us(get("parse_valijson", b)), us(get("check_parsed", b)), us(ajvNs(b)), ratio(get("check_parsed", b), ajvNs(b)),
    us(get("lint", b)), us(get("lint_render", b))])));
out.push("");
const invalid = bodies.filter((b) => b.startsWith("invalid-"));
// invalid-TYPE[-what] is a broken valid-TYPE: the longest valid name it extends.
const counterpart = (b) => {
  const rest = b.slice("invalid-".length);
  return bodies.filter((v) => v.startsWith("valid-") && (rest === v.slice(6) || rest.startsWith(v.slice(6) + "-")))
    .sort((x, y) => y.length - x.length)[0] || TYPICAL;
};
out.push("Invalid bodies (target: at most 10x the valid case), same setting on both sides: against the");
out.push(`valid body of the same type, and against the typical valid body (${TYPICAL}).`);
out.push(table(["body", "valid case", "lint", "render", "checked", "lint/typical", "checked/typical"], invalid.map((b) => {
  const v = counterpart(b);
  return [b, v, ratio(get("lint", b), get("lint", v)), ratio(get("lint_render", b), get("lint_render", v)),
    ratio(get("lint_cross_check", b), get("lint_cross_check", v)),
    ratio(get("lint", b), get("lint", TYPICAL)), ratio(get("lint_cross_check", b), get("lint_cross_check", TYPICAL))];
})));
out.push("");
const bm = run.batch_ms;
out.push(`Batches: ${run.batch_lines} bodies of JSON Lines each, whole process (ms, fastest of 3, the CLI's`);
out.push(`on the mixed batch of ${run.pair_runs || 3} (see below); start-up and schema compilation included).`);
out.push("mixed = about 30% invalid bodies, valid = none, both drawn seeded from");
out.push("the schema cases, examples and corpus (drslint_bench --emit). CLI = drslint --jsonl --format json to a");
out.push("file; lint / checked = the library alone (drslint_bench --jsonl: lint_jsonl, nothing printed), without /");
out.push("with the valijson cross-check; ajv = node reading the file, JSON.parse and validate() per line.");
const ms = (v) => (v === null || v === undefined ? "-" : v);
out.push(table(["engine", "batch", "threads", "ms", "vs ajv"], [
  ["drslint CLI", "mixed", 1, ms(bm.cli), ratio(bm.cli, bm.ajv)],
  ["drslint CLI", "mixed", run.nproc, ms(bm.cli_all_cores), ratio(bm.cli_all_cores, bm.ajv)],
  ["drslint lint", "mixed", 1, bm.lint, ratio(bm.lint, bm.ajv)],
  ["drslint checked", "mixed", 1, bm.lint_cross_check, ratio(bm.lint_cross_check, bm.ajv)],
  ["drslint lint", "mixed", run.nproc, bm.lint_all_cores, ratio(bm.lint_all_cores, bm.ajv)],
  ["drslint checked", "mixed", run.nproc, bm.lint_cross_check_all_cores, ratio(bm.lint_cross_check_all_cores, bm.ajv)],
  ["ajv", "mixed", 1, ms(bm.ajv), bm.ajv === null ? "-" : "1.00"],
  ["drslint CLI", "valid", 1, ms(bm.valid_cli), ratio(bm.valid_cli, bm.valid_ajv)],
  ["ajv", "valid", 1, ms(bm.valid_ajv), bm.valid_ajv === null || bm.valid_ajv === undefined ? "-" : "1.00"],
]));
out.push("");
const formats = run.formats_ms || {};
out.push(`Every format on the mixed batch (drslint --jsonl --format F, ms): 1 thread, ${run.nproc} threads, their`);
out.push(`ratio, and whether the two outputs are the same bytes; the two run by turns, the fastest of ${run.pair_runs || 3}`);
out.push("each, so that a slow spell of the machine falls on both sides of the ratio.");
out.push(table(["format", "output bytes", "1 thread", `${run.nproc} threads`, "ratio", "vs ajv (1 thread)", "identical"],
  Object.keys(formats).map((f) => [f, formats[f].bytes, formats[f].one, formats[f].all,
    ratio(formats[f].all, formats[f].one), ratio(formats[f].one, bm.ajv), formats[f].identical ? "yes" : "NO"])));
out.push("");
// A finding's cost in process (drslint_bench's finding_cost): each iteration times the verdict
// (drslint parse, then the evaluator and rule engine: check_parsed) and the render (lint +
// write_json) of the same body back to back; per finding = the median of (render - verdict) over
// the iterations, divided by the findings. Paired, so load that comes and goes meets both sides.
const perFinding = invalid.filter((b) => findingNs[b] !== undefined && findingsOf[b] > 0).map((b) => [
  b, findingsOf[b], us(get("lint_render", b)), us(get("drslint_parse", b) + (get("check_parsed", b) || 0)),  // a body that does not parse: the parse
  (findingNs[b] / 1e3).toFixed(2)]);
out.push("A finding's cost (µs, in process): render = lint + write_json; verdict = drslint parse + check parsed (each");
out.push("timed on its own); per finding = the median of render - verdict timed in pairs (finding_cost), over the findings:");
out.push("message, suggestion, position and JSON rendering together.");
out.push(table(["body", "findings", "render", "verdict", "per finding"], perFinding));
out.push("");
const beyondFloor = run.startup.floor_ms !== undefined ? (run.startup.mean_ms - run.startup.floor_ms).toFixed(2) : "-";
out.push(`Start-up: drslint examples/rename-task.json, mean of ${run.startup.runs} runs (${run.startup.tool}): ` +
         `${run.startup.mean_ms} ms; the process floor (a C++ program that prints a line, linked alike): ` +
         `${run.startup.floor_ms} ms; beyond the floor: ${beyondFloor} ms. Linter construction alone, in process: ` +
         `${us(get("startup", "linter"))} µs.`);
out.push("");
const t = (label, value, limit) => `${label}: ${value} (target <= ${limit}) ${value !== "-" && Number(value) <= limit ? "met" : "NOT met"}`;
// For a target the issue puts as "under": the limit itself is not met.
const under = (label, value, limit) => `${label}: ${value} (target < ${limit}) ${value !== "-" && Number(value) < limit ? "met" : "NOT met"}`;
out.push(`Targets, typical body ${TYPICAL}:`);
out.push("  " + t("lint / ajv text (JSON.parse + validate)", ratio(get("lint", TYPICAL), ajvTextNs(TYPICAL)), 1));
out.push("  " + t("lint / ajv validate (parsed body)", ratio(get("lint", TYPICAL), ajvNs(TYPICAL)), 1));
out.push("  " + t("check parsed / ajv validate (both on a parsed body)", ratio(get("check_parsed", TYPICAL), ajvNs(TYPICAL)), 1));
out.push("  " + t("lint / parse", ratio(get("lint", TYPICAL), get("rapidjson_parse", TYPICAL)), 3));
out.push("  " + t("batch, 1 thread: library / node + ajv", ratio(bm.lint, bm.ajv), 1));
out.push(`Targets, batches (issue 17):`);
out.push("  " + t("mixed batch, CLI json, 1 thread / node + ajv", ratio(bm.cli, bm.ajv), 0.5));
if (formats.text) out.push("  " + t("mixed batch, CLI text, 1 thread / node + ajv", ratio(formats.text.one, bm.ajv), 0.5));
for (const f of Object.keys(formats)) {
  out.push("  " + t(`mixed batch, CLI ${f}, ${run.nproc} threads / 1 thread`, ratio(formats[f].all, formats[f].one), 0.6) +
           (formats[f].identical ? ", output identical" : ", OUTPUT DIFFERS"));
}
out.push("  " + t("valid batch, CLI json, 1 thread / node + ajv", ratio(bm.valid_cli, bm.valid_ajv), 0.46));
if (perFinding.length) {
  out.push("  " + under("worst cost per finding, µs", Math.max(...perFinding.map((r) => Number(r[4]))).toFixed(2), 1));
}
if (run.lint_instructions && run.lint_instructions.typical !== null) {
  // Whole instructions, not thousands rounded: a rounded figure would call 42,563 "42.6 <= 42.6".
  out.push("  " + t("instructions per lint of the typical body (callgrind)",
                    run.lint_instructions.typical, run.lint_instructions.before));
}
out.push("  " + t("start-up beyond the process floor, ms", beyondFloor, 5) + ` (whole process ${run.startup.mean_ms} ms)`);
const worst = (stage) => Math.max(...invalid.map((b) => get(stage, b) / get(stage, counterpart(b))));
out.push("  " + t("worst invalid / its valid case, lint", worst("lint").toFixed(2), 10));
out.push(`  (with --cross-check: checked / ajv ${ratio(get("lint_cross_check", TYPICAL), ajvNs(TYPICAL))}, ` +
         `worst invalid / valid ${worst("lint_cross_check").toFixed(2)}; not a target)`);
console.log(out.join("\n"));

"""The C API through Python's ctypes, by way of examples/python/drslint_ctypes.py: as a module and
run as the script its README section shows.

    ctypes_test.py LIBDRSLINT_SO SOURCE_DIR
"""
import ctypes
import os
import subprocess
import sys
import unittest

LIBRARY, SOURCE_DIR = sys.argv[1], sys.argv[2]
EXAMPLE = os.path.join(SOURCE_DIR, "examples", "python", "drslint_ctypes.py")
BAD = os.path.join(SOURCE_DIR, "examples", "speed-limit-with-mistakes.json")
GOOD = os.path.join(SOURCE_DIR, "examples", "rename-task.json")
sys.dont_write_bytecode = True  # importing the example must not leave __pycache__/ in the source tree
sys.path.insert(0, os.path.dirname(EXAMPLE))
import drslint_ctypes  # noqa: E402  (found through the path set just above)


class ModuleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.linter = drslint_ctypes.Linter(LIBRARY)

    @classmethod
    def tearDownClass(cls):
        cls.linter.close()

    def test_reports_the_known_finding_with_its_place(self):
        with open(BAD, "rb") as f:
            findings = self.linter.lint(f.read())
        by_rule = {f.rule: f for f in findings}
        self.assertIn("string-format", by_rule)
        finding = by_rule["string-format"]
        self.assertEqual(finding.severity, "error")
        self.assertEqual(finding.pointer, "/job/params/speed_limit/1/end")
        self.assertEqual((finding.line, finding.column, finding.end_line, finding.end_column), (7, 36, 7, 43))
        self.assertIn("23:30", finding.message)
        self.assertIn("hh:59", finding.expected)
        self.assertEqual(by_rule["unknown-member"].suggestion, "speed_limit")

    def test_fix_applies_safe_fixes_and_unsafe_ones_when_asked(self):
        body = '{"job": {"type": "re_create", "params": {"job_id": 5, "colour": 1}}}'
        self.assertEqual(self.linter.fix(body), b'{"job": {"type": "re_create", "params": {"job_id": "5", "colour": 1}}}')
        self.assertEqual(self.linter.fix(body, unsafe=True), b'{"job": {"type": "re_create", "params": {"job_id": "5"}}}')

    def test_clean_body_has_no_findings(self):
        with open(GOOD, encoding="utf-8") as f:
            self.assertEqual(self.linter.lint(f.read()), [])

    def test_strings_keep_an_embedded_nul(self):
        body = '{"job": {"type": "name", "params": {"base_info": {"name": "DRS-1234"}}}, "x\\u0000y": 1}'
        [finding] = self.linter.lint(body)
        self.assertEqual(finding.rule, "unknown-member")
        self.assertEqual(finding.pointer, "/x\x00y")

    def test_not_json_is_a_finding(self):
        self.assertEqual([f.rule for f in self.linter.lint(b"{")], ["invalid-json"])
        self.assertEqual([f.rule for f in self.linter.lint(b"")], ["invalid-json"])

    def test_limits_reach_the_library(self):
        with drslint_ctypes.Linter(LIBRARY, max_depth=2, max_findings=5) as shallow:
            self.assertEqual([f.rule for f in shallow.lint("[[[[1]]]]")], ["nesting-too-deep"])
        with self.assertRaises(TypeError):
            drslint_ctypes.Linter(LIBRARY, max_dpth=2)

    def test_task_context_reaches_the_rules(self):
        # conflict-policy-migration needs to know the task is a migration; the body does not say.
        body = '{"job": {"type": "policy", "params": {"policy_config": {"conflict_policy": "ignore"}}}}'
        self.assertNotIn("conflict-policy-migration", [f.rule for f in self.linter.lint(body)])
        with drslint_ctypes.Linter(LIBRARY, context={"job_type": "migration"}) as linter:
            self.assertIn("conflict-policy-migration", [f.rule for f in linter.lint(body)])

    def test_task_context_is_checked_as_the_command_line_checks_it(self):
        # An unknown key or a value outside its enum would leave the context rules quiet unseen.
        with self.assertRaisesRegex(drslint_ctypes.DrslintError, r"unknown key 'jobtype' \(did you mean 'job_type'\?\)"):
            drslint_ctypes.Linter(LIBRARY, context={"jobtype": "migration"})
        with self.assertRaisesRegex(drslint_ctypes.DrslintError, r"job_type is 'synk'.*\(did you mean 'sync'\?\)"):
            drslint_ctypes.Linter(LIBRARY, context={"job_type": "synk"})

    def test_version(self):
        self.assertRegex(self.linter.version(), r"^\d+\.\d+\.\d+$")

    def test_failures_come_back_as_status_and_message(self):
        lib = drslint_ctypes.load_library(LIBRARY)
        result = ctypes.c_void_p(1)
        self.assertEqual(lib.drslint_lint(None, b"{}", 2, ctypes.byref(result)), 1)  # DRSLINT_INVALID_ARGUMENT
        self.assertIsNone(result.value)
        self.assertEqual(lib.drslint_last_error(), b"drslint_lint: linter is NULL")
        self.assertEqual(lib.drslint_options_set_limit(None, 0, 1), 1)
        self.assertEqual(lib.drslint_last_error(), b"drslint_options_set_limit: options is NULL")


# Run in a child so that its address-space limit cannot touch this process. It lints a body that
# needs about 100 MiB under ever larger limits: each must be findings or DrslintError with
# OUT_OF_MEMORY (or Python's own MemoryError), and the interpreter lives on to lint again.
OUT_OF_MEMORY_CHILD = r"""
import resource, sys
sys.path.insert(0, sys.argv[2])
import drslint_ctypes

def mapped():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024

MiB = 1024 * 1024
linter = drslint_ctypes.Linter(sys.argv[1])
body = b"[0" + b",0" * (2 * MiB) + b"]"
soft, hard = resource.getrlimit(resource.RLIMIT_AS)
outcomes = []
for budget in (4, 16, 32, 64, 160):
    resource.setrlimit(resource.RLIMIT_AS, (mapped() + budget * MiB, hard))
    try:
        linter.lint(body)
        outcomes.append("checked")
    except drslint_ctypes.DrslintError as e:
        outcomes.append("out of memory" if e.status == drslint_ctypes.OUT_OF_MEMORY else "status %d: %s" % (e.status, e))
    except MemoryError:
        outcomes.append("python's MemoryError")
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
print("|".join(outcomes))
print(len(linter.lint(b"{")))
"""


class OutOfMemoryTest(unittest.TestCase):
    def test_the_host_process_survives_and_sees_out_of_memory(self):
        run = subprocess.run([sys.executable, "-c", OUT_OF_MEMORY_CHILD, LIBRARY, os.path.dirname(EXAMPLE)],
                             capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stderr)  # a crash would be a negative signal number
        outcomes, after = run.stdout.split("\n")[:2]
        outcomes = outcomes.split("|")
        self.assertEqual(outcomes[0], "out of memory", outcomes)
        self.assertEqual(outcomes[-1], "checked", outcomes)
        self.assertTrue(all(o in ("out of memory", "checked", "python's MemoryError") for o in outcomes), outcomes)
        self.assertEqual(after, "1")  # the invalid-json finding: the linter still works


class ScriptTest(unittest.TestCase):
    def run_example(self, *files, library=LIBRARY):
        env = dict(os.environ, DRSLINT_LIBRARY=library)
        return subprocess.run([sys.executable, EXAMPLE, *files], env=env, capture_output=True, text=True)

    def test_bad_and_good_files(self):
        run = self.run_example(BAD, GOOD)
        self.assertEqual(run.returncode, 1, run.stderr)
        self.assertIn(f"{BAD}:7:36: error: /job/params/speed_limit/1/end: ", run.stdout)
        self.assertIn("[string-format]", run.stdout)
        self.assertNotIn(GOOD, run.stdout)

    def test_clean_file_exits_0_silently(self):
        run = self.run_example(GOOD)
        self.assertEqual((run.returncode, run.stdout), (0, ""), run.stderr)

    def test_unreadable_file_or_missing_library_exits_2(self):
        run = self.run_example(os.path.join(SOURCE_DIR, "no-such-file.json"))
        self.assertEqual(run.returncode, 2)
        self.assertIn("no-such-file.json", run.stderr)
        run = self.run_example(GOOD, library=os.path.join(SOURCE_DIR, "no-such-libdrslint.so"))
        self.assertEqual(run.returncode, 2)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)

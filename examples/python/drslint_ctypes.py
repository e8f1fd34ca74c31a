#!/usr/bin/env python3
"""Lint DRS update-task request bodies from Python through drslint's C API, with ctypes only.

    DRSLINT_LIBRARY=/usr/local/lib/libdrslint.so python3 drslint_ctypes.py FILE...

Prints one line per finding, "FILE:LINE:COLUMN: SEVERITY: POINTER: MESSAGE [RULE]", and exits like
the drslint command: 0 clean (warnings allowed), 1 at least one error, 2 could not check.

As a module:

    with Linter(library_path, max_depth=32) as linter:
        for finding in linter.lint(body_bytes):
            print(finding.rule, finding.pointer, finding.line)

It needs the shared library (a build with -DBUILD_SHARED_LIBS=ON); DRSLINT_LIBRARY names it, else
the system's library search finds libdrslint.so.
"""
import ctypes
import ctypes.util
import json
import os
import sys
from typing import List, NamedTuple, Optional

# Mirrors of the constants in drslint/drslint.h.
OK = 0
OUT_OF_MEMORY = 2  # DrslintError.status when the library ran out of memory; the process lives on
SEVERITY_NAMES = {0: "info", 1: "warning", 2: "error"}
LIMITS = {"max_input_bytes": 0, "max_depth": 1, "max_string_bytes": 2, "max_findings": 3}
CONTEXT_FIELDS = {"job_type": 0, "engine_type": 1, "job_direction": 2, "task_type": 3}


class DrslintError(Exception):
    """A C API call failed; the body was not checked. status is the DRSLINT_* code (0 when the
    failure was found on this side of ctypes)."""

    def __init__(self, message: str, status: int = 0):
        super().__init__(message)
        self.status = status


class Finding(NamedTuple):
    rule: str
    severity: str
    pointer: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    expected: str
    suggestion: str


def load_library(path: Optional[str] = None) -> ctypes.CDLL:
    """Loads libdrslint and declares the signatures ctypes cannot guess (size_t, pointers)."""
    path = path or os.environ.get("DRSLINT_LIBRARY") or ctypes.util.find_library("drslint")
    if not path:
        raise DrslintError("libdrslint not found; set DRSLINT_LIBRARY to the shared library's path")
    lib = ctypes.CDLL(path)
    handle, size_t, p_size_t = ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t)
    signatures = {
        "drslint_version": (ctypes.c_char_p, []),
        "drslint_last_error": (ctypes.c_char_p, []),
        "drslint_options_new": (ctypes.c_int, [ctypes.POINTER(handle)]),
        "drslint_options_free": (None, [handle]),
        "drslint_options_set_limit": (ctypes.c_int, [handle, ctypes.c_int, size_t]),
        "drslint_options_set_context": (ctypes.c_int, [handle, ctypes.c_int, ctypes.c_char_p]),
        "drslint_options_set_context_json": (ctypes.c_int, [handle, ctypes.c_char_p, size_t]),
        "drslint_linter_new": (ctypes.c_int, [handle, ctypes.POINTER(handle)]),
        "drslint_linter_free": (None, [handle]),
        "drslint_lint": (ctypes.c_int, [handle, ctypes.c_char_p, size_t, ctypes.POINTER(handle)]),
        "drslint_result_free": (None, [handle]),
        "drslint_result_count": (size_t, [handle]),
        "drslint_finding_severity": (ctypes.c_int, [handle, size_t]),
        "drslint_fix": (ctypes.c_int, [handle, ctypes.c_char_p, size_t, ctypes.c_int,
                                       ctypes.POINTER(ctypes.c_void_p), p_size_t, p_size_t]),
        "drslint_text_free": (None, [ctypes.c_void_p]),
    }
    # Strings come back as an address plus a length: a member name may contain U+0000.
    for field in ("rule", "pointer", "message", "expected", "suggestion"):
        signatures["drslint_finding_" + field] = (ctypes.c_void_p, [handle, size_t, p_size_t])
    for field in ("line", "column", "end_line", "end_column"):
        signatures["drslint_finding_" + field] = (size_t, [handle, size_t])
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


class Linter:
    """One drslint_linter. Building it compiles the schemas: build one, reuse it (thread-safe)."""

    def __init__(self, library: Optional[str] = None, context: Optional[dict] = None, **limits: int):
        self._lib = load_library(library)
        self._handle = ctypes.c_void_p()
        options = ctypes.c_void_p()
        self._check(self._lib.drslint_options_new(ctypes.byref(options)))
        try:
            for name, value in limits.items():
                if name not in LIMITS:
                    raise TypeError(f"unknown limit {name!r}; one of {', '.join(LIMITS)}")
                self._check(self._lib.drslint_options_set_limit(options, LIMITS[name], value))
            if context:
                # As JSON, through the library's own reader: unknown keys and values outside their
                # enums are refused with the same message (and did-you-mean) as `drslint --context`.
                text = json.dumps(context).encode()
                self._check(self._lib.drslint_options_set_context_json(options, text, len(text)))
            self._check(self._lib.drslint_linter_new(options, ctypes.byref(self._handle)))
        finally:
            self._lib.drslint_options_free(options)

    def _check(self, status: int) -> None:
        if status != OK:
            raise DrslintError(self._lib.drslint_last_error().decode("utf-8", "replace"), status)

    def _string(self, getter, result, index: int) -> str:
        length = ctypes.c_size_t()
        address = getter(result, index, ctypes.byref(length))
        if address is None:
            raise DrslintError(self._lib.drslint_last_error().decode("utf-8", "replace"))
        return ctypes.string_at(address, length.value).decode("utf-8")

    def lint(self, body) -> List[Finding]:
        """Lints one body (bytes or str). Mistakes in it are findings; DrslintError means unchecked."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        lib, result = self._lib, ctypes.c_void_p()
        self._check(lib.drslint_lint(self._handle, body, len(body), ctypes.byref(result)))
        try:
            findings = []
            for i in range(lib.drslint_result_count(result)):
                findings.append(Finding(
                    rule=self._string(lib.drslint_finding_rule, result, i),
                    severity=SEVERITY_NAMES[lib.drslint_finding_severity(result, i)],
                    pointer=self._string(lib.drslint_finding_pointer, result, i),
                    message=self._string(lib.drslint_finding_message, result, i),
                    line=lib.drslint_finding_line(result, i),
                    column=lib.drslint_finding_column(result, i),
                    end_line=lib.drslint_finding_end_line(result, i),
                    end_column=lib.drslint_finding_end_column(result, i),
                    expected=self._string(lib.drslint_finding_expected, result, i),
                    suggestion=self._string(lib.drslint_finding_suggestion, result, i)))
            return findings
        finally:
            lib.drslint_result_free(result)

    def fix(self, body, unsafe: bool = False) -> bytes:
        """The body with its fixes applied until none applies, as `drslint --fix` (and
        --unsafe-fixes when `unsafe`) would write it."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        out, length, applied = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_size_t()
        self._check(self._lib.drslint_fix(self._handle, body, len(body), int(unsafe), ctypes.byref(out),
                                          ctypes.byref(length), ctypes.byref(applied)))
        try:
            return ctypes.string_at(out, length.value)
        finally:
            self._lib.drslint_text_free(out)

    def version(self) -> str:
        return self._lib.drslint_version().decode()

    def close(self) -> None:
        # getattr: __del__ also runs for a Linter whose __init__ failed before the handle existed.
        if getattr(self, "_handle", None):
            self._lib.drslint_linter_free(self._handle)
            self._handle = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __del__(self):
        self.close()


def main(argv: List[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__, file=sys.stdout if argv else sys.stderr)
        return 0 if argv else 2
    try:
        linter = Linter()
    except (OSError, DrslintError) as e:
        print(f"drslint_ctypes: {e}", file=sys.stderr)
        return 2
    status = 0
    with linter:
        for path in argv:
            try:
                with open(path, "rb") as f:
                    findings = linter.lint(f.read())
            except (OSError, DrslintError) as e:
                print(f"drslint_ctypes: {path}: {e}", file=sys.stderr)
                return 2
            for f in findings:
                print(f"{path}:{f.line}:{f.column}: {f.severity}: {f.pointer}: {f.message} [{f.rule}]")
                if f.severity == "error":
                    status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

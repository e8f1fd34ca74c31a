#!/usr/bin/env python3
"""Drives `drslint lsp` as an editor would: initialize, didOpen, didChange, codeAction, hover,
completion, shutdown, exit; then hostile input. Asserts the messages it gets back.
    lsp_test.py DRSLINT"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

DRSLINT = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "drslint"


class Client:
    def __init__(self, cwd):
        self.process = subprocess.Popen([DRSLINT, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, cwd=cwd)
        self.next_id = 1
        self.notifications = []

    def send_raw(self, data: bytes):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def read(self):
        headers = {}
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            line = line.rstrip(b"\r\n")
            if not line:
                break
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        return json.loads(self.process.stdout.read(int(headers[b"content-length"])))

    def request(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == rid and "method" not in message:
                return message
            self.notifications.append(message)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri):
        while True:
            for i, m in enumerate(self.notifications):
                if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                    del self.notifications[i]
                    return m["params"]["diagnostics"]
            self.notifications.append(self.read())

    def close(self):
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        return self.process.wait(timeout=30)


BODY = '{\n  "job": {\n    "type": "re_create",\n    "params": {"job_id": 5, "colour": 1}\n  }\n}\n'


class Protocol(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.client = Client(self.dir.name)

    def tearDown(self):
        if self.client.process.poll() is None:
            self.client.process.kill()
        self.client.process.wait()
        for stream in (self.client.process.stdin, self.client.process.stdout, self.client.process.stderr):
            try:
                stream.close()
            except BrokenPipeError:
                pass
        self.dir.cleanup()

    def initialize(self, encodings=None):
        capabilities = {"general": {"positionEncodings": encodings}} if encodings else {}
        reply = self.client.request("initialize", {"processId": None, "rootUri": None, "capabilities": capabilities})
        self.client.notify("initialized", {})
        return reply["result"]["capabilities"]

    def open(self, name, text, language="json"):
        uri = "file://" + os.path.join(self.dir.name, name)
        self.client.notify("textDocument/didOpen",
                           {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}})
        return uri, self.client.diagnostics(uri)

    def test_a_session(self):
        capabilities = self.initialize()
        self.assertEqual(capabilities["positionEncoding"], "utf-16")
        self.assertTrue(capabilities["hoverProvider"])
        uri, diagnostics = self.open("b.json", BODY)
        codes = sorted(d["code"] for d in diagnostics)
        self.assertEqual(codes, ["type-mismatch", "unknown-member"])
        typed = next(d for d in diagnostics if d["code"] == "type-mismatch")
        self.assertEqual(typed["range"], {"start": {"line": 3, "character": 25}, "end": {"line": 3, "character": 26}})
        self.assertEqual(typed["severity"], 1)
        self.assertIn("/job/params/job_id", typed["message"])
        self.assertEqual(typed["data"]["pointer"], "/job/params/job_id")

        # Code actions: a quick fix per fixable finding, and fix all (safe only).
        actions = self.client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": typed["range"], "context": {"diagnostics": [typed]}})["result"]
        quick = [a for a in actions if a["kind"] == "quickfix"]
        self.assertEqual(len(quick), 1)
        self.assertEqual(quick[0]["edit"]["changes"][uri],
                         [{"range": typed["range"], "newText": '"5"'}])
        self.assertTrue(quick[0]["isPreferred"])
        every = self.client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]}})["result"]
        self.assertEqual([a["kind"] for a in every], ["source.fixAll.drslint"])
        edit = every[0]["edit"]["changes"][uri][0]
        self.assertEqual(edit["newText"], '"5"')

        # didChange: the fixed text, then diagnostics again.
        fixed = BODY.replace('"job_id": 5', '"job_id": "5"')
        self.client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                                      "contentChanges": [{"text": fixed}]})
        self.assertEqual([d["code"] for d in self.client.diagnostics(uri)], ["unknown-member"])

        # Hover on a member name: its row of the page.
        hover = self.client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                           "position": {"line": 2, "character": 6}})["result"]
        self.assertIn("**`type`**", hover["contents"]["value"])
        self.assertIn("Table 4", hover["contents"]["value"])
        self.assertIn("Mandatory: yes", hover["contents"]["value"])
        self.assertIn("`\"re_create\"`", hover["contents"]["value"])
        # Hover on a finding: its rule's explanation.
        on_finding = self.client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                                "position": {"line": 3, "character": 32}})["result"]
        self.assertIn("**unknown-member**", on_finding["contents"]["value"])

        # Completion: the members not yet there, and an enumeration's values.
        text = '{"job": {"type": "", "params": {}}}'
        self.client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                                      "contentChanges": [{"text": text}]})
        self.client.diagnostics(uri)
        items = self.client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                                "position": {"line": 0, "character": 18}})["result"]["items"]
        labels = [i["label"] for i in items]
        self.assertIn('"policy"', labels)
        policy = next(i for i in items if i["label"] == '"policy"')
        self.assertEqual(policy["textEdit"]["newText"], "policy")
        members = self.client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                                  "position": {"line": 0, "character": 32}})["result"]["items"]
        names = [i["label"] for i in members]
        self.assertIn("base_info", names)
        self.assertIn("speed_limit", names)
        job = self.client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                              "position": {"line": 0, "character": 33}})["result"]["items"]
        self.assertNotIn("type", [i["label"] for i in job])  # already there

        self.assertIsNone(self.client.request("shutdown")["result"])
        self.client.notify("exit", None)
        self.assertEqual(self.client.process.wait(timeout=30), 0)

    def test_positions_follow_the_negotiated_encoding(self):
        # CJK and an emoji before the finding: UTF-16 counts the emoji as 2, UTF-8 counts bytes.
        text = '{"job": {"type": "name", "params": {"base_info": {"description": "数据😀", "name": 5}}}}'
        prefix = text[:text.index("5}}}")]
        for encodings, expected in ((None, len(prefix.encode("utf-16-le")) // 2),
                                    (["utf-8", "utf-16"], len(prefix.encode()))):
            client = Client(self.dir.name)
            try:
                capabilities = client.request("initialize", {"capabilities": {"general": {"positionEncodings": encodings}} if encodings else {}})["result"]["capabilities"]
                client.notify("initialized", {})
                uri = "file://" + os.path.join(self.dir.name, "u.json")
                client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}})
                d = next(d for d in client.diagnostics(uri) if d["code"] == "type-mismatch")
                self.assertEqual(d["range"]["start"]["character"], expected, capabilities["positionEncoding"])
                client.request("shutdown")
                client.notify("exit", None)
                self.assertEqual(client.process.wait(timeout=30), 0)
            finally:
                if client.process.poll() is None:
                    client.process.kill()
                client.process.wait()
                for s in (client.process.stdin, client.process.stdout, client.process.stderr):
                    s.close()

    def test_http_documents(self):
        self.initialize()
        text = ("PUT https://x/v5/p/jobs/j\r\nContent-Type: application/json\r\n\r\n"
                '{"job": {"type": "re_create", "params": {"job_id": 12}}}\r\n')
        uri, diagnostics = self.open("r.http", text, "http")
        typed = next(d for d in diagnostics if d["code"] == "type-mismatch")
        self.assertEqual(typed["range"]["start"]["line"], 3)
        actions = self.client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": typed["range"],
                                                                  "context": {"diagnostics": [typed]}})["result"]
        quick = next(a for a in actions if a["kind"] == "quickfix")
        self.assertEqual(quick["edit"]["changes"][uri][0]["range"], typed["range"])
        hover = self.client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                           "position": {"line": 3, "character": 11}})["result"]
        self.assertIn("**`type`**", hover["contents"]["value"])

    def test_hostile_input_gets_answers_not_crashes(self):
        self.initialize()
        # Not JSON, a request without a method, an unknown method, a notification it does not know.
        self.client.send_raw(b"Content-Length: 5\r\n\r\n{oops")
        self.assertEqual(self.client.read()["error"]["code"], -32700)
        self.client.send({"jsonrpc": "2.0", "id": 7, "params": {}})
        self.assertEqual(self.client.read()["error"]["code"], -32600)
        self.assertEqual(self.client.request("workspace/unknownThing", {})["error"]["code"], -32601)
        self.client.notify("$/somethingElse", {})
        # A header without a length, one that lies about being a number, and an absurd length.
        self.client.send_raw(b"X-Nothing: 1\r\n\r\n")
        self.assertEqual(self.client.read()["error"]["code"], -32700)
        self.client.send_raw(b"Content-Length: 12x\r\n\r\n")
        self.assertEqual(self.client.read()["error"]["code"], -32700)
        # Params of the wrong shape.
        self.assertEqual(self.client.request("textDocument/hover", {"textDocument": 5})["error"]["code"], -32602)
        self.assertEqual(self.client.request("textDocument/codeAction", [])["error"]["code"], -32602)
        # A 100 MB document: input-too-large, and the server still answers.
        big = '{"job": "' + "x" * (100 * 1024 * 1024) + '"}'
        uri, diagnostics = self.open("big.json", big)
        self.assertEqual([d["code"] for d in diagnostics], ["input-too-large"])
        self.assertIsNone(self.client.request("shutdown")["result"])
        self.assertEqual(self.client.request("textDocument/hover", {})["error"]["code"], -32600)

    def test_no_secret_in_any_message(self):
        # A secret (and a near miss of its name) in a body with findings and fixes: no diagnostic,
        # code action, hover or completion the server sends holds its value.
        self.initialize()
        text = ('{"job": {"type": "endpoint", "params": {"job_id": 5, "source_endpoint": '
                '{"db_password": "Zq9SecretValue", "db_pasword": "Zq9SecretOther", "x": 1}}}}')
        uri, diagnostics = self.open("s.json", text)
        replies = [json.dumps(diagnostics)]
        end = {"line": 0, "character": len(text)}
        replies.append(json.dumps(self.client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": end},
            "context": {"diagnostics": diagnostics}})))
        for character in range(0, len(text), 7):
            position = {"line": 0, "character": character}
            replies.append(json.dumps(self.client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})))
            replies.append(json.dumps(self.client.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": position})))
        self.assertTrue(any("type-mismatch" in r for r in replies))
        for reply in replies:
            self.assertNotIn("Zq9Secret", reply)

    def test_requests_before_initialize_and_a_vanishing_client(self):
        self.assertEqual(self.client.request("textDocument/hover", {})["error"]["code"], -32002)
        self.client.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"")  # then the client vanishes
        self.assertEqual(self.client.close(), 1)  # no shutdown: exit code 1, and no hang
        self.assertEqual(self.client.process.stdout.read(), b"")


if __name__ == "__main__":
    unittest.main(verbosity=2)

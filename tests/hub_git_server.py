"""A git server over HTTP for the hub test: ``git http-backend`` (git's smart protocol) behind Python's HTTP server.

    python tests/hub_git_server.py ROOT PORT    # serves the bare repositories in ROOT at http://127.0.0.1:PORT/<name>.git

nbgitpuller clones with ``--depth 1``, which git's dumb HTTP protocol (static files from ``git update-server-info``)
refuses, so the course is served the way a real git host serves it: each request is handed to ``git http-backend``
as a CGI request (git-http-backend(1)), read-only (``receive-pack`` stays off, as it is by default without a
``REMOTE_USER``). It listens on 127.0.0.1 only; tests/test_hub_real.py starts it and stops it by its PID.
"""

from __future__ import annotations

import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def read_body(handler: BaseHTTPRequestHandler) -> bytes:
    """The request's body, sent with a Content-Length or chunked (git chunks a large fetch negotiation)."""
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        parts: list[bytes] = []
        while True:
            size = int(handler.rfile.readline().split(b";", 1)[0].strip(), 16)
            if size == 0:
                while handler.rfile.readline() not in (b"\r\n", b"\n", b""):  # trailer lines
                    pass
                return b"".join(parts)
            parts.append(handler.rfile.read(size))
            handler.rfile.readline()  # the CRLF after each chunk
    return handler.rfile.read(int(handler.headers.get("Content-Length") or 0))


class GitHandler(BaseHTTPRequestHandler):
    root: Path = Path(".")
    protocol_version = "HTTP/1.0"  # one request per connection: the response ends when the connection closes

    def do_GET(self) -> None:
        self.backend(b"")

    def do_POST(self) -> None:
        self.backend(read_body(self))

    def backend(self, body: bytes) -> None:
        path, _, query = self.path.partition("?")
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "GIT_PROJECT_ROOT": str(self.root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_ADDR": self.client_address[0],
            "SERVER_PROTOCOL": "HTTP/1.0",
            "GATEWAY_INTERFACE": "CGI/1.1",
        }
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
        if self.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
        done = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True, check=False)
        head, _, payload = done.stdout.partition(b"\r\n\r\n")
        if not _ and b"\n\n" in done.stdout:
            head, _, payload = done.stdout.partition(b"\n\n")
        headers = [line.split(":", 1) for line in head.decode("latin-1").splitlines() if ":" in line]
        status = next((v.strip() for k, v in headers if k.lower() == "status"), "200 OK")
        code, _, reason = status.partition(" ")
        self.send_response(int(code), reason or None)
        for key, value in headers:
            if key.lower() != "status":
                self.send_header(key, value.strip())
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        sys.stderr.write(f"git-http {self.command} {self.path.partition('?')[0]} {args[1] if len(args) > 1 else ''}\n")


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[1].isdigit():
        print("usage: python tests/hub_git_server.py ROOT PORT", file=sys.stderr)
        return 2
    GitHandler.root = Path(argv[0]).resolve()
    ThreadingHTTPServer(("127.0.0.1", int(argv[1])), GitHandler).serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

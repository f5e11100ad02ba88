"""A local stand-in for GitHub Pages: serves a built site, gzip-compressed when the client
asks for it, answers unknown paths with the site's 404.html and status 404, and redirects a
folder without its trailing slash (``/en`` -> ``/en/``) as Pages does. ``prefix`` serves the
site under a sub-path (``/mirror/x/``), as a mirror or a fork's Pages would."""

from __future__ import annotations

import gzip
import mimetypes
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
)


class PagesHandler(SimpleHTTPRequestHandler):
    prefix = "/"  # the path the site is served under (SiteServer's prefix)

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        root = Path(self.directory)
        path = unquote(urlsplit(self.path).path)
        if self.prefix != "/":
            if path + "/" == self.prefix:
                return self.redirect(self.prefix)
            if not path.startswith(self.prefix):
                return self.send_file(root / "404.html", HTTPStatus.NOT_FOUND, head)
            path = "/" + path[len(self.prefix) :]
        target = (root / path.lstrip("/")).resolve()
        if root.resolve() not in target.parents and target != root.resolve():
            return self.send_file(root / "404.html", HTTPStatus.NOT_FOUND, head)
        if target.is_dir():
            if not path.endswith("/"):
                return self.redirect(self.prefix.rstrip("/") + path + "/")
            target = target / "index.html"
        if not target.is_file():
            return self.send_file(root / "404.html", HTTPStatus.NOT_FOUND, head)
        return self.send_file(target, HTTPStatus.OK, head)

    def redirect(self, location: str):
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send_file(self, file: Path, status: HTTPStatus, head: bool):
        if not file.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        body = file.read_bytes()
        ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        gzipped = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(
            COMPRESSIBLE
        )
        if gzipped:
            body = gzip.compress(body, 6)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if not head:
            self.wfile.write(body)


class SiteServer:
    """``with SiteServer(site_dir) as base_url: ...`` serves on a free loopback port; with
    ``prefix="/mirror/x/"`` the site lives under that path (base_url stays the origin)."""

    def __init__(self, directory: Path, port: int = 0, prefix: str = "/"):
        if not (prefix.startswith("/") and prefix.endswith("/")):
            raise ValueError(f"prefix {prefix!r} must start and end with '/'")
        handler = partial(
            type("PrefixedPagesHandler", (PagesHandler,), {"prefix": prefix}),
            directory=str(directory),
        )
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> str:
        self.thread.start()
        return self.url

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", nargs="?", default="site")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--prefix", default="/", help="serve under this path, e.g. /mirror/x/")
    args = parser.parse_args()
    with SiteServer(Path(args.directory), args.port, args.prefix) as url:
        print(f"Serving {args.directory} at {url}{args.prefix} (Ctrl+C stops)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass

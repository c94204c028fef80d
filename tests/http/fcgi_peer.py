"""A small FastCGI responder on a unix socket, used to test nginx configurations.

It speaks the FastCGI 1.0 record protocol (BEGIN_REQUEST, PARAMS, STDIN, STDOUT,
END_REQUEST, with keep-alive connections) and returns a fixed response for each path.
Every response body carries a counter that grows with each request the responder
serves, so a test can tell a cached response from a fresh one.
"""

import socketserver
import struct
import threading

FCGI_VERSION = 1
FCGI_BEGIN_REQUEST = 1
FCGI_END_REQUEST = 3
FCGI_PARAMS = 4
FCGI_STDIN = 5
FCGI_STDOUT = 6
FCGI_KEEP_CONN = 1
HEADER = struct.Struct(">BBHHBB")

# Extra response header lines per path; any other path gets a plain 200.
PATH_HEADERS = {
    "/cookie": ["Set-Cookie: session=abc; HttpOnly"],
    "/private": ["Cache-Control: private, max-age=3600"],
    "/no-store": ["Cache-Control: no-store"],
    "/public": ["Cache-Control: public, max-age=300"],
}


def read_exactly(stream, size):
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            raise EOFError("FastCGI connection closed mid-record")
        data += chunk
    return data


def read_record(stream):
    """Return (type, request id, content) of the next record."""
    version, kind, request_id, length, padding, _ = HEADER.unpack(read_exactly(stream, HEADER.size))
    if version != FCGI_VERSION:
        raise ValueError(f"unsupported FastCGI version {version}")
    content = read_exactly(stream, length)
    read_exactly(stream, padding)
    return kind, request_id, content


def write_record(stream, kind, request_id, content):
    for start in range(0, max(len(content), 1), 65535):
        part = content[start:start + 65535]
        stream.write(HEADER.pack(FCGI_VERSION, kind, request_id, len(part), 0, 0) + part)


def parse_params(data):
    """Decode FastCGI name-value pairs (1-byte or 4-byte lengths)."""
    params, offset = {}, 0

    def length_at(position):
        if data[position] < 128:
            return data[position], position + 1
        return struct.unpack(">I", data[position:position + 4])[0] & 0x7FFFFFFF, position + 4

    while offset < len(data):
        name_length, offset = length_at(offset)
        value_length, offset = length_at(offset)
        name = data[offset:offset + name_length].decode()
        offset += name_length
        params[name] = data[offset:offset + value_length].decode()
        offset += value_length
    return params


class FastCGIPeer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """Serves FastCGI on socket_path in a background thread until stop()."""

    daemon_threads = True

    def __init__(self, socket_path):
        super().__init__(socket_path, FastCGIHandler)
        self.lock = threading.Lock()
        self.served = 0
        self.paths = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()

    def respond(self, params):
        path = params.get("DOCUMENT_URI", "")
        with self.lock:
            self.served += 1
            self.paths.append(path)
            number = self.served
        lines = ["Status: 200 OK", "Content-Type: text/plain"] + PATH_HEADERS.get(path, [])
        return ("\r\n".join(lines) + f"\r\n\r\nresponse {number} for {path}\n").encode()


class FastCGIHandler(socketserver.StreamRequestHandler):
    def handle(self):
        try:
            while self.serve_one_request():
                pass
        except EOFError:
            pass

    def serve_one_request(self):
        """Serve one request; return whether the web server keeps the connection."""
        kind, request_id, content = read_record(self.rfile)
        if kind != FCGI_BEGIN_REQUEST:
            raise ValueError(f"expected BEGIN_REQUEST, got record type {kind}")
        keep_connection = bool(content[2] & FCGI_KEEP_CONN)
        params_data = b""
        while True:
            kind, _, content = read_record(self.rfile)
            if kind == FCGI_PARAMS and content:
                params_data += content
            elif kind == FCGI_STDIN and not content:
                break
        write_record(self.wfile, FCGI_STDOUT, request_id, self.server.respond(parse_params(params_data)))
        write_record(self.wfile, FCGI_STDOUT, request_id, b"")
        write_record(self.wfile, FCGI_END_REQUEST, request_id, struct.pack(">IB3x", 0, 0))
        self.wfile.flush()
        return keep_connection

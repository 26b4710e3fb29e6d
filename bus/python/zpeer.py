#!/usr/bin/env python3
"""zpeer: an independent Zenoh (eclipse-zenoh, Python) peer/client/router driven
through stdin/stdout by the Java interop tests and benchmarks.

Protocol (see README.md beside this file for the full contract):
  * stdout: exactly one line ``READY`` once every entity is declared, every
    other line is one JSON object (flushed per line);
  * stdin: role commands, one per line (``GO``, ``PUT <hex>``, ``REPORT``...);
  * exit 0 on stdin EOF, SIGTERM or SIGINT, after undeclaring and closing.

Threading: every zenoh callback here is a plain Python callable, which
zenoh-python runs "indirect", i.e. on a per-entity Python thread fed by a
bounded channel, never on a zenoh network thread; callbacks only extract
fields and print under a lock (or, for ``echo``, republish like z_pong.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import sys
import threading
import time

import zenoh

EXIT_WATCHDOG_S = 5.0  # hard exit if undeclare/close hangs during shutdown

PRIORITIES = {
    "real_time": zenoh.Priority.REAL_TIME,
    "interactive_high": zenoh.Priority.INTERACTIVE_HIGH,
    "interactive_low": zenoh.Priority.INTERACTIVE_LOW,
    "data_high": zenoh.Priority.DATA_HIGH,
    "data": zenoh.Priority.DATA,
    "data_low": zenoh.Priority.DATA_LOW,
    "background": zenoh.Priority.BACKGROUND,
}
PRIORITY_BY_INT = {int(p): p for p in PRIORITIES.values()}  # 1..7
CONGESTIONS = {
    "drop": zenoh.CongestionControl.DROP,
    "block": zenoh.CongestionControl.BLOCK,
    "block_first": zenoh.CongestionControl.BLOCK_FIRST,
}
CONGESTION_NAMES = {int(c): n for n, c in CONGESTIONS.items()}  # zenoh enums are unhashable
TARGETS = {
    "best_matching": zenoh.QueryTarget.BEST_MATCHING,
    "all": zenoh.QueryTarget.ALL,
    "all_complete": zenoh.QueryTarget.ALL_COMPLETE,
}
CONSOLIDATIONS = {
    "auto": zenoh.ConsolidationMode.AUTO,
    "none": zenoh.ConsolidationMode.NONE,
    "monotonic": zenoh.ConsolidationMode.MONOTONIC,
    "latest": zenoh.ConsolidationMode.LATEST,
}


class Shutdown(BaseException):
    """Raised in the main thread by SIGTERM/SIGINT."""


# --------------------------------------------------------------------------- output


class Out:
    """Serialises stdout lines across the main thread and callback threads.

    Events produced before READY (e.g. liveliness history arriving during
    --wait-connected) are held back so that READY is always the first line."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._broken = False
        self._pending: list[str] | None = []  # None once READY is out

    def _raw(self, line: str) -> None:
        if self._broken:
            return
        try:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            # Reader went away: stop writing; stdin EOF or SIGTERM ends us.
            self._broken = True
            try:
                sys.stdout = open(os.devnull, "w")
            except OSError:
                pass

    def _write(self, line: str) -> None:
        with self._lock:
            if self._pending is not None:
                self._pending.append(line)
            else:
                self._raw(line)

    def ready(self) -> None:
        with self._lock:
            self._raw("READY")
            self._flush_pending_locked()

    def flush_pending(self) -> None:
        """Writes held-back lines without READY (startup failed)."""
        with self._lock:
            self._flush_pending_locked()

    def _flush_pending_locked(self) -> None:
        for line in self._pending or []:
            self._raw(line)
        self._pending = None

    def emit(self, event: str, **fields) -> None:
        self._write(json.dumps({"event": event, **fields}, separators=(",", ":")))

    def error(self, op: str, err: BaseException | str) -> None:
        self.emit("error", op=op, message=str(err))


def hex_or_none(zbytes) -> str | None:
    return None if zbytes is None else zbytes.to_bytes().hex()


def payload_fields(data: bytes, quiet: bool) -> dict:
    return {
        "payload_hex": None if quiet else data.hex(),
        "payload_len": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def sample_fields(sample, quiet: bool) -> dict:
    return {
        "key": str(sample.key_expr),
        "kind": "put" if sample.kind == zenoh.SampleKind.PUT else "delete",
        **payload_fields(sample.payload.to_bytes(), quiet),
        "attachment_hex": hex_or_none(sample.attachment),
        "encoding": str(sample.encoding),
        "priority": int(sample.priority),
        "congestion": CONGESTION_NAMES.get(int(sample.congestion_control), "unknown"),
        "express": bool(sample.express),
    }


def generated_payload(size: int, seed: int) -> bytes:
    """Deterministic bytes: concat over i=0,1,.. of SHA-256(seed_be64 || i_be64), cut to size.

    Java: MessageDigest("SHA-256") over ByteBuffer.allocate(16).putLong(seed).putLong(i).
    """
    seed_bytes = (seed & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "big")
    blocks = (size + 31) // 32
    out = b"".join(hashlib.sha256(seed_bytes + i.to_bytes(8, "big")).digest() for i in range(blocks))
    return out[:size]


def guarded(out: Out, op: str, fn):
    """Wraps a callback so that an exception becomes an error line, not a lost log."""

    def call(arg) -> None:
        try:
            fn(arg)
        except Exception as e:
            out.error(op, e)

    return call


def is_concrete(key: str) -> bool:
    return "*" not in key


# --------------------------------------------------------------------------- options


def parse_priority(text: str):
    try:
        return PRIORITY_BY_INT[int(text)]
    except ValueError:
        pass
    except KeyError:
        raise argparse.ArgumentTypeError(f"priority must be 1..7, got {text}") from None
    try:
        return PRIORITIES[text.lower()]
    except KeyError:
        raise argparse.ArgumentTypeError(f"unknown priority {text}") from None


def parse_hex(text: str) -> bytes:
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not hex: {text[:40]}") from None


def parse_cfg(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError("--cfg expects KEY=JSON5_VALUE")
    return key, value


def add_common(p: argparse.ArgumentParser, suppress: bool) -> None:
    """Common options; registered on the top parser and on every role so they
    may appear before or after the role. Role-level values land in sub_* dests."""
    d = (lambda v: argparse.SUPPRESS) if suppress else (lambda v: v)
    pre = "sub_" if suppress else ""
    g = p.add_argument_group("session options")
    g.add_argument("--mode", dest=pre + "mode", choices=["peer", "client", "router"], default=d(None),
                   help="zenoh mode (default: router for the router role, else peer)")
    g.add_argument("--listen", dest=pre + "listen", action="append", default=d([]), metavar="ENDPOINT",
                   help="listen endpoint, e.g. tcp/127.0.0.1:7447 (repeatable)")
    g.add_argument("--connect", dest=pre + "connect", action="append", default=d([]), metavar="ENDPOINT",
                   help="connect endpoint (repeatable)")
    g.add_argument("--cfg", dest=pre + "cfg", action="append", default=d([]), type=parse_cfg,
                   metavar="KEY=JSON5", help="extra Config.insert_json5 (repeatable)")
    g.add_argument("--wait-connected", dest=pre + "wait_connected", type=int, default=d(0), metavar="N",
                   help="before READY, wait until N transports (peers/routers/clients) are open")
    g.add_argument("--wait-timeout", dest=pre + "wait_timeout", type=float, default=d(10.0), metavar="S",
                   help="limit in seconds for --wait-connected / --wait-matching (default 10)")
    g.add_argument("--log", dest=pre + "log", default=d("error"), metavar="LEVEL",
                   help="zenoh log level on stderr (default error; RUST_LOG wins)")


def build_parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="zpeer.py", description="Zenoh interop peer driven by stdin/stdout")
    add_common(top, suppress=False)
    roles = top.add_subparsers(dest="role", required=True, metavar="ROLE")

    def role(name: str, help_text: str) -> argparse.ArgumentParser:
        r = roles.add_parser(name, help=help_text)
        add_common(r, suppress=True)
        return r

    r = role("sub", "subscriber printing every sample")
    r.add_argument("key")
    r.add_argument("--quiet-payload", action="store_true", help="payload_hex=null (len+sha256 only)")

    r = role("pub", "publisher: GO publishes --count times; PUT <hex> [att-hex] / DEL publish once")
    r.add_argument("key")
    src = r.add_mutually_exclusive_group()
    src.add_argument("--payload-hex", type=parse_hex, default=None)
    src.add_argument("--payload-size", type=int, default=None)
    r.add_argument("--seed", type=int, default=0)
    r.add_argument("--attachment-hex", type=parse_hex, default=None)
    r.add_argument("--encoding", default=None)
    r.add_argument("--priority", type=parse_priority, default=None, help="1..7 or name (data_high)")
    r.add_argument("--congestion", choices=sorted(CONGESTIONS), default=None)
    r.add_argument("--express", action="store_true")
    r.add_argument("--count", type=int, default=1)
    r.add_argument("--interval-ms", type=float, default=0.0)
    r.add_argument("--wait-matching", action="store_true", help="on GO/PUT first wait for a matching subscriber")

    r = role("queryable", "queryable (complete=true) printing and answering queries")
    r.add_argument("key")
    r.add_argument("--reply-hex", type=parse_hex, default=b"")
    r.add_argument("--reply-attachment-hex", type=parse_hex, default=None)
    r.add_argument("--reply-encoding", default=None)
    how = r.add_mutually_exclusive_group()
    how.add_argument("--echo", action="store_true", help="reply with the query payload")
    how.add_argument("--reply-err", action="store_true", help="reply_err with the reply payload")
    how.add_argument("--no-reply", action="store_true", help="finalise the query without a reply")
    r.add_argument("--incomplete", action="store_true", help="declare with complete=false")

    r = role("get", "GO performs one get and prints its replies")
    r.add_argument("selector")
    r.add_argument("--timeout", type=float, default=10.0, help="seconds (default 10)")
    r.add_argument("--payload-hex", type=parse_hex, default=None)
    r.add_argument("--attachment-hex", type=parse_hex, default=None)
    r.add_argument("--encoding", default=None)
    r.add_argument("--target", choices=sorted(TARGETS), default=None)
    r.add_argument("--consolidation", choices=sorted(CONSOLIDATIONS), default=None)
    r.add_argument("--quiet-payload", action="store_true")
    r.add_argument("--wait-matching", action="store_true", help="on GO first wait for a matching queryable")

    r = role("liveliness-sub", "liveliness subscriber (history=true)")
    r.add_argument("key")
    r.add_argument("--no-history", action="store_true")

    r = role("liveliness-token", "liveliness token; DROP undeclares it")
    r.add_argument("key")

    role("router", "idle session (router mode by default)")

    r = role("echo", "republish every sample payload of KEY_IN on KEY_OUT (express)")
    r.add_argument("key_in")
    r.add_argument("key_out")
    r.add_argument("--congestion", choices=sorted(CONGESTIONS), default="block")
    r.add_argument("--priority", type=parse_priority, default=None)

    r = role("sink", "throughput sink; REPORT prints counters")
    r.add_argument("key")
    r.add_argument("--expect", type=int, default=0, help="auto-REPORT once this many messages arrived")

    role("keyput", "PUTK <key-hex> [<payload-hex>]: one put on any key, however long or odd (fault tests)")

    r = role("source", "throughput source; GO publishes --count messages with congestion BLOCK")
    r.add_argument("key")
    r.add_argument("--payload-size", type=int, default=8)
    r.add_argument("--count", type=int, default=100000)
    r.add_argument("--priority", type=parse_priority, default=None)
    r.add_argument("--express", action="store_true")
    r.add_argument("--wait-matching", action="store_true")
    return top


def merge_common(args: argparse.Namespace) -> None:
    for name in ("mode", "wait_connected", "wait_timeout", "log"):
        if hasattr(args, "sub_" + name):
            setattr(args, name, getattr(args, "sub_" + name))
    for name in ("listen", "connect", "cfg"):
        setattr(args, name, getattr(args, name) + getattr(args, "sub_" + name, []))
    if args.mode is None:
        args.mode = "router" if args.role == "router" else "peer"


# --------------------------------------------------------------------------- session


def make_config(args: argparse.Namespace) -> zenoh.Config:
    conf = zenoh.Config()
    # insert_json5 takes a JSON5 *string* per value, hence json.dumps everywhere.
    conf.insert_json5("mode", json.dumps(args.mode))
    conf.insert_json5("scouting/multicast/enabled", "false")
    conf.insert_json5("scouting/gossip/enabled", "false")
    conf.insert_json5("listen/endpoints", json.dumps(args.listen))
    conf.insert_json5("connect/endpoints", json.dumps(args.connect))
    for key, value in args.cfg:
        conf.insert_json5(key, value)
    return conf


def wait_until(predicate, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.005)
    return True


# --------------------------------------------------------------------------- roles
# Each role declares its entities in __init__ and handles stdin commands in
# on_command(cmd, rest). close() undeclares; the session is closed by main().


class Role:
    def __init__(self, session: zenoh.Session, args: argparse.Namespace, out: Out) -> None:
        self.session, self.args, self.out = session, args, out
        self.entities: list = []

    def on_command(self, cmd: str, rest: str) -> None:
        self.out.error("stdin", f"unknown command {cmd!r} for role {self.args.role}")

    def close(self) -> None:
        for entity in reversed(self.entities):
            try:
                entity.undeclare()
            except Exception:  # already undeclared (e.g. a dropped token)
                pass
        self.entities.clear()


class Sub(Role):
    def __init__(self, *a) -> None:
        super().__init__(*a)
        quiet = self.args.quiet_payload
        out = self.out

        def on_sample(sample) -> None:
            out.emit("sample", **sample_fields(sample, quiet))

        self.entities.append(self.session.declare_subscriber(self.args.key, guarded(out, "sample", on_sample)))


class Pub(Role):
    def __init__(self, *a) -> None:
        super().__init__(*a)
        a = self.args
        if a.payload_size is not None:
            self.payload = generated_payload(a.payload_size, a.seed)
        else:
            self.payload = a.payload_hex or b""
        self.pub = self.session.declare_publisher(
            a.key,
            encoding=None if a.encoding is None else zenoh.Encoding(a.encoding),
            congestion_control=None if a.congestion is None else CONGESTIONS[a.congestion],
            priority=a.priority,
            express=a.express or None,
        )
        self.entities.append(self.pub)

    def _matching(self) -> dict:
        if not self.args.wait_matching:
            return {}
        return {"matched": wait_until(lambda: self.pub.matching_status, self.args.wait_timeout)}

    def on_command(self, cmd: str, rest: str) -> None:
        a = self.args
        if cmd == "GO":
            extra = self._matching()
            for i in range(a.count):
                if i and a.interval_ms > 0:
                    time.sleep(a.interval_ms / 1000.0)
                self.pub.put(self.payload, attachment=a.attachment_hex)
            self.out.emit("published", count=a.count, sha256=hashlib.sha256(self.payload).hexdigest(),
                          payload_len=len(self.payload), **extra)
        elif cmd == "PUT":
            parts = rest.split()
            if len(parts) > 2:
                raise ValueError("usage: PUT [<hex> [<attachment-hex>]]")
            data = bytes.fromhex(parts[0]) if parts else b""
            att = bytes.fromhex(parts[1]) if len(parts) > 1 else None
            extra = self._matching()
            self.pub.put(data, attachment=att)
            self.out.emit("published", count=1, sha256=hashlib.sha256(data).hexdigest(),
                          payload_len=len(data), **extra)
        elif cmd == "DEL":
            extra = self._matching()
            self.pub.delete(attachment=bytes.fromhex(rest) if rest else None)
            self.out.emit("deleted", count=1, **extra)
        else:
            super().on_command(cmd, rest)


class Queryable(Role):
    def __init__(self, *a) -> None:
        super().__init__(*a)
        a, out = self.args, self.out
        reply_encoding = None if a.reply_encoding is None else zenoh.Encoding(a.reply_encoding)

        def on_query(query) -> None:
            # Runs on zenoh-python's per-entity Python thread, not a network thread,
            # so replying here is safe; drop() finalises the query promptly.
            try:
                payload = query.payload.to_bytes() if query.payload is not None else None
                qkey = str(query.key_expr)
                out.emit("query", selector=str(query.selector), key=qkey,
                         parameters=str(query.parameters),
                         payload_hex=None if payload is None else payload.hex(),
                         attachment_hex=hex_or_none(query.attachment),
                         encoding=None if query.encoding is None else str(query.encoding))
                if a.reply_err:
                    query.reply_err(a.reply_hex, encoding=reply_encoding)
                elif not a.no_reply:
                    reply_key = qkey if is_concrete(qkey) else a.key
                    body = (payload or b"") if a.echo else a.reply_hex
                    query.reply(reply_key, body, encoding=reply_encoding, attachment=a.reply_attachment_hex)
            except Exception as e:  # never let an exception vanish in the callback thread
                out.error("reply", e)
            finally:
                query.drop()

        self.entities.append(self.session.declare_queryable(a.key, on_query, complete=not a.incomplete))


class Get(Role):
    def __init__(self, *a) -> None:
        super().__init__(*a)
        a = self.args
        selector = zenoh.Selector(a.selector)
        params = str(selector.parameters)
        self.parameters = params or None
        self.querier = self.session.declare_querier(
            selector.key_expr,
            target=None if a.target is None else TARGETS[a.target],
            consolidation=None if a.consolidation is None else zenoh.QueryConsolidation(CONSOLIDATIONS[a.consolidation]),
            timeout=a.timeout,
        )
        self.entities.append(self.querier)

    def on_command(self, cmd: str, rest: str) -> None:
        if cmd != "GO":
            return super().on_command(cmd, rest)
        a = self.args
        extra = {}
        if a.wait_matching:
            extra["matched"] = wait_until(lambda: self.querier.matching_status, a.wait_timeout)
        replies = self.querier.get(
            parameters=self.parameters,
            payload=a.payload_hex,
            encoding=None if a.encoding is None else zenoh.Encoding(a.encoding),
            attachment=a.attachment_hex,
        )
        count = 0
        for reply in replies:  # ends after the last final / the timeout; recv checks signals
            count += 1
            if reply.ok is not None:
                self.out.emit("reply", ok=True, **sample_fields(reply.ok, a.quiet_payload))
            else:
                err = reply.err
                self.out.emit("reply", ok=False, **payload_fields(err.payload.to_bytes(), a.quiet_payload),
                              encoding=str(err.encoding))
        self.out.emit("get_done", count=count, **extra)


class LivelinessSub(Role):
    def __init__(self, *a) -> None:
        super().__init__(*a)
        out = self.out

        def on_sample(sample) -> None:
            out.emit("liveliness", key=str(sample.key_expr),
                     kind="put" if sample.kind == zenoh.SampleKind.PUT else "delete")

        self.entities.append(self.session.liveliness().declare_subscriber(
            self.args.key, guarded(out, "liveliness", on_sample), history=not self.args.no_history))


class LivelinessToken(Role):
    def __init__(self, *a) -> None:
        super().__init__(*a)
        self.token = self.session.liveliness().declare_token(self.args.key)
        self.entities.append(self.token)

    def on_command(self, cmd: str, rest: str) -> None:
        if cmd != "DROP":
            return super().on_command(cmd, rest)
        if self.token is not None:
            self.token.undeclare()
            self.entities.remove(self.token)
            self.token = None
        self.out.emit("token_dropped", key=self.args.key)


class Router(Role):
    pass


class Echo(Role):
    def __init__(self, *a) -> None:
        super().__init__(*a)
        a = self.args
        pub = self.session.declare_publisher(
            a.key_out, congestion_control=CONGESTIONS[a.congestion], priority=a.priority, express=True)
        put = pub.put
        # Republishing from the callback as the official z_pong.py does: the callback
        # runs on a Python thread, not a zenoh network thread.
        sub = self.session.declare_subscriber(a.key_in, lambda sample: put(sample.payload))
        self.entities += [pub, sub]


class Sink(Role):
    def __init__(self, *a) -> None:
        super().__init__(*a)
        self.lock = threading.Lock()
        self.messages = self.bytes = 0
        self.first_ns = self.last_ns = None
        self.expect_reported = False
        expect = self.args.expect

        def on_sample(sample) -> None:
            now = time.monotonic_ns()
            n = len(sample.payload)
            with self.lock:
                if self.first_ns is None:
                    self.first_ns = now
                self.last_ns = now
                self.messages += 1
                self.bytes += n
                due = expect > 0 and self.messages == expect
            if due:
                self.report()

        self.entities.append(self.session.declare_subscriber(self.args.key, guarded(self.out, "sample", on_sample)))

    def report(self) -> None:
        with self.lock:
            fields = dict(messages=self.messages, bytes=self.bytes, first_ns=self.first_ns, last_ns=self.last_ns)
        self.out.emit("report", **fields)

    def on_command(self, cmd: str, rest: str) -> None:
        if cmd == "REPORT":
            self.report()
        elif cmd == "RESET":
            with self.lock:
                self.messages = self.bytes = 0
                self.first_ns = self.last_ns = None
            self.out.emit("reset")
        else:
            super().on_command(cmd, rest)


class Source(Role):
    def __init__(self, *a) -> None:
        super().__init__(*a)
        a = self.args
        self.payload = zenoh.ZBytes(generated_payload(a.payload_size, 0))
        self.pub = self.session.declare_publisher(
            a.key, congestion_control=zenoh.CongestionControl.BLOCK, priority=a.priority,
            express=a.express or None)
        self.entities.append(self.pub)

    def on_command(self, cmd: str, rest: str) -> None:
        if cmd != "GO":
            return super().on_command(cmd, rest)
        a = self.args
        extra = {}
        if a.wait_matching:
            extra["matched"] = wait_until(lambda: self.pub.matching_status, a.wait_timeout)
        put, payload = self.pub.put, self.payload
        start = time.perf_counter()
        for _ in range(a.count):
            put(payload)
        seconds = time.perf_counter() - start
        self.out.emit("published", count=a.count, seconds=seconds, payload_len=a.payload_size, **extra)


class KeyPut(Role):
    """Puts on keys given per command, as hex of their UTF-8 bytes (any length, any bytes: undecodable
    ones pass as surrogate escapes, which the binding refuses). For the fault suite's hostile keys: our
    Java binding refuses keys over 4096 bytes before they reach the wire, this binding may not."""

    def on_command(self, cmd: str, rest: str) -> None:
        if cmd != "PUTK":
            return super().on_command(cmd, rest)
        parts = rest.split()
        if not parts or len(parts) > 2:
            raise ValueError("usage: PUTK <key-hex> [<payload-hex>]")
        raw = bytes.fromhex(parts[0])
        data = bytes.fromhex(parts[1]) if len(parts) > 1 else b""
        try:
            self.session.put(raw.decode("utf-8", errors="surrogateescape"), data)
        except Exception as e:  # the binding refused the key: a finding to count, not a failure
            self.out.emit("refused", key_len=len(raw), message=str(e)[:200])
            return
        self.out.emit("published", count=1, key_len=len(raw), payload_len=len(data))


ROLES = {
    "sub": Sub, "pub": Pub, "queryable": Queryable, "get": Get,
    "liveliness-sub": LivelinessSub, "liveliness-token": LivelinessToken,
    "router": Router, "echo": Echo, "sink": Sink, "source": Source, "keyput": KeyPut,
}


# --------------------------------------------------------------------------- main


def on_signal(signum, _frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise Shutdown(signal.Signals(signum).name)


def start_watchdog() -> None:
    def run() -> None:
        time.sleep(EXIT_WATCHDOG_S)
        os._exit(0)

    threading.Thread(target=run, name="exit-watchdog", daemon=True).start()


def serve(role: Role, out: Out) -> None:
    while True:
        line = sys.stdin.readline()
        if not line:
            return  # EOF
        line = line.strip()
        if not line:
            continue
        cmd, _, rest = line.partition(" ")
        try:
            if cmd == "PING":
                out.emit("pong")
            else:
                role.on_command(cmd, rest.strip())
        except Exception as e:  # Shutdown is a BaseException and passes through
            out.error(cmd, e)


def count_transports(session: zenoh.Session) -> int:
    return len(session.info.transports())  # info is a property in zenoh-python


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    merge_common(args)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    zenoh.init_log_from_env_or(args.log)
    out = Out()
    session = role = None
    code = 0
    step = "open"
    try:
        session = zenoh.open(make_config(args))
        step = "declare"
        role = ROLES[args.role](session, args, out)
        step = "wait_connected"
        if args.wait_connected > 0 and not wait_until(
                lambda: count_transports(session) >= args.wait_connected, args.wait_timeout):
            raise TimeoutError(f"fewer than {args.wait_connected} transports after {args.wait_timeout}s")
        out.ready()
        step = "serve"
        serve(role, out)
    except Shutdown:
        pass
    except Exception as e:
        out.error(step, e)
        code = 2
    finally:
        # Ignore further signals; a hung undeclare/close must not keep the test waiting.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        start_watchdog()
        out.flush_pending()
        try:
            if role is not None:
                role.close()
            if session is not None:
                # Must happen before interpreter exit: zenoh-python's callback threads
                # are non-daemon and only end once their entity is undeclared.
                session.close()
        except Exception as e:
            out.error("close", e)
            code = code or 1
    return code


if __name__ == "__main__":
    sys.exit(main())

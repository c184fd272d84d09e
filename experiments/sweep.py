#!/usr/bin/env python3
"""Runs a sweep on a Task Neurons server through its TCP event-bus bridge (standard library only).

One experiment per learning rate (``--learning-rates``), each with every structure of
``--structures``; the base spec comes from a file (JSON, or YAML when no sweep option changes
it) or from arguments. Prints progress while the experiments run and each report table when
they are done. Exits 0 when every experiment is DONE, 1 when one FAILED or was CANCELLED,
2 on a usage or connection error.

The bridge speaks frames of a 4-byte big-endian length and a JSON object:
  {"type": "send", "address": "tn.api.submit", "replyAddress": "r1", "headers": {"token": T}, "body": {...}}
  {"type": "register", "address": "tn.progress.<id>", "headers": {"token": T}}
Answers come as {"type": "message", "address": "r1", "body": {...}} or
{"type": "err", "address": "r1", "failureCode": 400, "message": "{\\"error\\": ..., \\"violations\\": [...]}"}.

Examples:
  python3 experiments/sweep.py --synthetic paper-no1-low --learning-rates 0.01,0.003 --structures "2;4"
  python3 experiments/sweep.py --spec my-spec.json --learning-rates 0.01,0.001 --token "$TN_TOKEN"
  python3 experiments/sweep.py --spec experiments/quickstart.yaml
"""
import argparse
import itertools
import json
import os
import socket
import struct
import sys
import time

PING_SECONDS = 30
POLL_SECONDS = 5


class BridgeError(Exception):
    """An error frame, or a refusal from the server, with its JSON error when there is one."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code


class Bridge:
    """A connection to the TCP bridge: requests with replies, registrations, incoming messages."""

    def __init__(self, host, port, token, timeout):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.token = token
        self.buffer = b""
        self.ids = itertools.count(1)
        self.handlers = {}
        self.last_ping = time.monotonic()

    def close(self):
        self.sock.close()

    def _headers(self):
        return {"token": self.token} if self.token else {}

    def _write(self, frame):
        data = json.dumps(frame).encode("utf-8")
        self.sock.sendall(struct.pack(">I", len(data)) + data)

    def _read(self, wait):
        """The next frame, or None when none came within ``wait`` seconds."""
        deadline = time.monotonic() + wait
        while True:
            if len(self.buffer) >= 4:
                length = struct.unpack(">I", self.buffer[:4])[0]
                if len(self.buffer) >= 4 + length:
                    frame = json.loads(self.buffer[4:4 + length].decode("utf-8"))
                    self.buffer = self.buffer[4 + length:]
                    return frame
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return None
            if not chunk:
                raise BridgeError("the server closed the connection")
            self.buffer += chunk

    def register(self, address, handler):
        self.handlers[address] = handler
        self._write({"type": "register", "address": address, "headers": self._headers()})

    def request(self, address, body, timeout=120):
        """The reply body to ``body`` sent to ``address``; messages arriving meanwhile go to their handlers."""
        reply_address = "sweep.reply.%d" % next(self.ids)
        self._write({"type": "send", "address": address, "replyAddress": reply_address,
                     "headers": self._headers(), "body": dict(body, v=1)})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            frame = self._read(deadline - time.monotonic())
            if frame is None:
                break
            if frame.get("address") == reply_address:
                if frame.get("type") == "err":
                    raise BridgeError(describe(frame.get("message")), frame.get("failureCode"))
                return frame.get("body") or {}
            self._dispatch(frame)
        raise BridgeError("no answer from %s within %d s" % (address, timeout))

    def pump(self, seconds):
        """Handles incoming messages for about ``seconds``, pinging now and then to keep the connection."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if time.monotonic() - self.last_ping > PING_SECONDS:
                self._write({"type": "ping"})
                self.last_ping = time.monotonic()
            frame = self._read(deadline - time.monotonic())
            if frame is None:
                return
            self._dispatch(frame)

    def _dispatch(self, frame):
        kind = frame.get("type")
        if kind == "err":
            raise BridgeError(describe(frame.get("message")), frame.get("failureCode"))
        if kind == "message" and frame.get("address") in self.handlers:
            self.handlers[frame["address"]](frame.get("body") or {})


def describe(message):
    """An error message; a JSON error object becomes its error and violations, one per line."""
    try:
        error = json.loads(message)
    except (TypeError, ValueError):
        return str(message)
    if not isinstance(error, dict):
        return str(message)
    lines = [str(error.get("error", message))]
    for violation in error.get("violations") or []:
        lines.append("  %s: %s" % (violation.get("field"), violation.get("message")))
    return "\n".join(lines)


def parse_list(text, convert):
    return [convert(item.strip()) for item in text.split(",") if item.strip()]


def parse_structures(text):
    """'2;4;2,2' → [[2], [4], [2, 2]]; an empty part is the network without hidden layers."""
    return [parse_list(part, int) for part in text.split(";")]


def base_spec(args):
    """The spec every experiment starts from: a dict, or YAML text to send unchanged."""
    if args.spec:
        with open(args.spec, encoding="utf-8") as file:
            text = file.read()
        if args.spec.lower().endswith((".yaml", ".yml")):
            if args.learning_rates or args.structures or args.epochs is not None or args.seeds or args.models:
                raise SystemExit("error: sweep options change the spec, and Python reads only JSON: "
                                 "give a JSON spec, or build it from arguments")
            return text
        return json.loads(text)
    if not (args.synthetic or args.dataset):
        raise SystemExit("error: give --spec FILE, --synthetic NAME or --dataset FILE (see --help)")
    dataset = {"synthetic": args.synthetic} if args.synthetic else {
        "name": os.path.splitext(os.path.basename(args.dataset))[0], "file": args.dataset}
    if args.target:
        dataset["target"] = args.target
    return {"name": args.name or "sweep", "datasets": [dataset], "models": ["task-based", "ordinary"],
            "structures": [[2]], "training": {"epochs": 50}, "seeds": [1, 2, 3]}


def experiments(args):
    """(name, submit request) for each experiment of the sweep."""
    base = base_spec(args)
    if isinstance(base, str):
        request = {"specText": base, "format": "yaml"}
        if args.name:
            request["name"] = args.name
        return [(args.name or args.spec, request)]
    base = dict(base)
    if args.models:
        base["models"] = parse_list(args.models, str)
    if args.structures:
        base["structures"] = parse_structures(args.structures)
    if args.seeds:
        base["seeds"] = parse_list(args.seeds, int)
    if args.epochs is not None:
        base["training"] = dict(base.get("training") or {}, epochs=args.epochs)
    name = args.name or base.get("name") or "sweep"
    rates = parse_list(args.learning_rates, float) if args.learning_rates else [None]
    planned = []
    for rate in rates:
        spec = json.loads(json.dumps(base))
        spec["name"] = name if rate is None else "%s-lr%g" % (name, rate)
        if rate is not None:
            spec["training"] = dict(spec.get("training") or {}, learning_rate=rate)
        planned.append((spec["name"], {"spec": spec}))
    return planned


def number(value, form):
    return "-" if value is None else form % value


def print_report(name, report, out):
    for dataset in report.get("datasets") or []:
        discovery = dataset.get("discovery") or {}
        out.write("\n== %s / %s" % (name, dataset.get("dataset")))
        if discovery.get("formula"):
            out.write(": discovered %s" % discovery["formula"])
        out.write("\n")
        for table in dataset.get("tables") or []:
            metrics = table.get("metrics") or []
            out.write("structure %s (reference %s)\n" % (table.get("structureName"), table.get("reference")))
            header = ["model", "parameters", "n"] + metrics
            rows = [header]
            for row in table.get("rows") or []:
                cells = row.get("cells") or {}
                line = [str(row.get("model")), number(row.get("parameters"), "%.0f"), str(row.get("n"))]
                for metric in metrics:
                    cell = cells.get(metric) or {}
                    text = number(cell.get("mean"), "%.4g")
                    if cell.get("std") is not None:
                        text += " ± " + number(cell["std"], "%.2g")
                    if cell.get("p") is not None:
                        text += " (p=" + number(cell["p"], "%.3g") + ")"
                    line.append(text)
                rows.append(line)
            widths = [max(len(row[c]) for row in rows) for c in range(len(header))]
            for row in rows:
                out.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() + "\n")
        for key, error in (dataset.get("failures") or {}).items():
            out.write("failed %s: %s\n" % (key, error))


def run(args, out):
    planned = experiments(args)
    bridge = Bridge(args.host, args.port, args.token, args.timeout)
    try:
        states = {}
        names = {}
        last_printed = {}

        def on_progress(message):
            task = message.get("taskId")
            now = time.monotonic()
            if now - last_printed.get(task, 0) >= 1:
                last_printed[task] = now
                out.write("%s  %s  %s[%s] = %.5g\n" % (names.get(message.get("experimentId"), "?"), message.get("key"),
                                                     message.get("series"), message.get("x"), message.get("y") or 0.0))
                out.flush()

        def on_event(event):
            experiment = event.get("experimentId")
            if experiment not in names:
                return
            if event.get("type") == "experiment":
                states[experiment] = event.get("state")
            elif event.get("type") == "task" and event.get("state") in ("DONE", "FAILED", "RUNNING"):
                out.write("%s  %s  %s%s\n" % (names[experiment], event.get("key"), event.get("state"),
                                              (": " + event["error"]) if event.get("error") else ""))
                out.flush()

        bridge.register("tn.events", on_event)
        for name, request in planned:
            summary = bridge.request("tn.api.submit", request)["experiment"]
            names[summary["id"]] = summary["name"]
            states[summary["id"]] = summary["state"]
            bridge.register("tn.progress." + summary["id"], on_progress)
            out.write("submitted %s: experiment %s, %d tasks\n" % (summary["name"], summary["id"], summary["total"]))
            out.flush()
        while any(state == "ACTIVE" for state in states.values()):
            bridge.pump(POLL_SECONDS)
            for experiment in [e for e, state in states.items() if state == "ACTIVE"]:
                states[experiment] = bridge.request("tn.api.experiment", {"id": experiment})["experiment"]["state"]
        for experiment, state in states.items():
            report = bridge.request("tn.api.report", {"id": experiment}).get("report") or {}
            print_report(names[experiment], report, out)
            out.write("%s: %s\n" % (names[experiment], state))
        return 0 if all(state == "DONE" for state in states.values()) else 1
    finally:
        bridge.close()


def script_parser(doc):
    """An argument parser with the bridge's options (--host, --port, --token, --timeout), described by ``doc``."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=doc.split("\n\n", 1)[1])
    parser.add_argument("--host", default="127.0.0.1", help="the server's TCP bridge host (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=7000, help="the TCP bridge port (default 7000)")
    parser.add_argument("--token", default=os.environ.get("TN_TOKEN"), help="the server's token (default: $TN_TOKEN)")
    parser.add_argument("--timeout", type=float, default=10, help="seconds to wait for the connection (default 10)")
    return parser


def exit_status(run, args):
    """``run(args, stdout)``'s status; 2 with the reason on stderr when the bridge refuses or cannot be reached."""
    try:
        return run(args, sys.stdout)
    except BridgeError as e:
        sys.stderr.write("error: %s\n" % e)
        return 2
    except OSError as e:
        sys.stderr.write("error: cannot talk to %s:%d: %s\n" % (args.host, args.port, e))
        return 2


def main(argv=None):
    parser = script_parser(__doc__)
    parser.add_argument("--spec", help="base spec file: JSON, or YAML sent unchanged")
    parser.add_argument("--synthetic", help="base spec from arguments: one of the paper's synthetic data sets")
    parser.add_argument("--dataset", help="base spec from arguments: a data file, relative to the server's data root")
    parser.add_argument("--target", help="the target column of --dataset")
    parser.add_argument("--name", help="experiment name (a learning rate sweep adds -lr<rate>)")
    parser.add_argument("--learning-rates", help="comma-separated: one experiment per rate")
    parser.add_argument("--structures", help="hidden layer widths, ';' between structures: '2;4;2,2'")
    parser.add_argument("--models", help="comma-separated models (e.g. task-based,ordinary)")
    parser.add_argument("--seeds", help="comma-separated seeds")
    parser.add_argument("--epochs", type=int, help="training epochs")
    return exit_status(run, parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

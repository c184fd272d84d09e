#!/usr/bin/env python3
"""Runs a search on a Task Neurons server through its TCP event-bus bridge (standard library only).

Submits a spec with a ``search`` block (YAML sent unchanged, or JSON), prints its trials,
promotions and best-configuration runs as tn.events reports them, and when it is done prints
the best configuration of each data set and model (from tn.api.trials) with what each search
spent (from the report's search list). Exits 0 when the experiment is DONE, 1 when it FAILED or
was CANCELLED, 2 on a usage, connection or validation error.

Frames and errors are those of sweep.py (beside this script), whose bridge client this uses.

Examples:
  python3 experiments/search.py --spec experiments/search-quickstart.yaml
  python3 experiments/search.py --spec my-search.json --port 7000 --token "$TN_TOKEN"
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sweep import POLL_SECONDS, Bridge, exit_status, script_parser  # noqa: E402 (the module beside this script)

TRIALS_PAGE = 1000


def submit_request(args):
    with open(args.spec, encoding="utf-8") as file:
        text = file.read()
    if args.spec.lower().endswith((".yaml", ".yml")):
        request = {"specText": text, "format": "yaml"}
    else:
        request = {"spec": json.loads(text)}
    if args.name:
        request["name"] = args.name
    return request


def all_trials(bridge, experiment):
    """Every trial entry of the experiment (tn.api.trials page by page) and its best list."""
    trials, offset = [], 0
    while True:
        answer = bridge.request("tn.api.trials", {"id": experiment, "offset": offset, "limit": TRIALS_PAGE})
        trials.extend(answer.get("trials") or [])
        offset += TRIALS_PAGE
        if offset >= answer.get("total", 0):
            return trials, answer.get("best") or []


def value_text(value):
    return "-" if value is None else "%.5g" % value


def config_text(config):
    return ", ".join("%s=%s" % (name, json.dumps(value)) for name, value in sorted(config.items()))


def print_search(trials, best, spent, out):
    out.write("\nbest configurations (chosen on the validation rows)\n")
    for entry in best:
        group = [t for t in trials if t["dataset"] == entry["dataset"] and t["model"] == entry["model"]]
        rungs = max([t["rung"] for t in group], default=-1) + 1
        promoted = sum(1 for t in group if t["promoted"])
        summary = spent.get((entry["dataset"], entry["model"])) or {}
        out.write("%s / %s: trial %d, %s %s  (%d trials, %d rungs, %d promotions, %s of %s epochs)\n" % (
            entry["dataset"], entry["model"], entry["trial"], entry["metric"], value_text(entry.get("value")),
            len({t["trial"] for t in group}), rungs, promoted,
            summary.get("epochs_spent", "?"), summary.get("epochs_full_budget", "?")))
        out.write("  %s\n" % config_text(entry["config"]))


def run(args, out):
    request = submit_request(args)
    bridge = Bridge(args.host, args.port, args.token, args.timeout)
    try:
        state = {}

        def on_event(event):
            if event.get("experimentId") != state.get("id"):
                return
            kind = event.get("type")
            if kind == "experiment":
                state["state"] = event.get("state")
            elif kind == "trial":
                out.write("trial     %s: %s %s after %s epochs\n" % (event.get("key"), event.get("metric"),
                                                                    value_text(event.get("value")), event.get("epochs")))
            elif kind == "promotion":
                out.write("promotion %s (from %s)\n" % (event.get("key"), event.get("from")))
            elif kind == "best":
                out.write("best run  %s\n" % event.get("key"))
            elif kind == "task" and event.get("state") == "FAILED":
                out.write("failed    %s: %s\n" % (event.get("key"), event.get("error")))
            out.flush()

        bridge.register("tn.events", on_event)
        summary = bridge.request("tn.api.submit", request)["experiment"]
        state.update(id=summary["id"], state=summary["state"])
        out.write("submitted %s: experiment %s, %d tasks to start with\n" % (summary["name"], summary["id"], summary["total"]))
        out.flush()
        while state["state"] == "ACTIVE":
            bridge.pump(POLL_SECONDS)
            state["state"] = bridge.request("tn.api.experiment", {"id": state["id"]})["experiment"]["state"]
        trials, best = all_trials(bridge, state["id"])
        report = bridge.request("tn.api.report", {"id": state["id"]}).get("report") or {}
        spent = {(entry["dataset"], entry["model"]): entry for entry in report.get("search") or []}
        print_search(trials, best, spent, out)
        out.write("%s: %s\n" % (summary["name"], state["state"]))
        return 0 if state["state"] == "DONE" else 1
    finally:
        bridge.close()


def main(argv=None):
    parser = script_parser(__doc__)
    parser.add_argument("--spec", required=True, help="spec file with a search block: YAML (sent unchanged) or JSON")
    parser.add_argument("--name", help="experiment name (default: the spec's)")
    args = parser.parse_args(argv)
    if not os.path.isfile(args.spec):
        parser.error("no spec file %s" % args.spec)
    return exit_status(run, args)


if __name__ == "__main__":
    sys.exit(main())

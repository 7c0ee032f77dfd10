#!/usr/bin/env python3
"""A posbind driver in Python, standard library only: the starting point for an adapter.

posbind starts this program for `--port "driver:python3 examples/driver_template.py"` and
speaks the driver protocol (docs/driver-protocol.md) with it: one JSON object per line, requests
on standard input, events and answers on standard output. Check it with
`posbind driver check -- python3 examples/driver_template.py --state /tmp/terminal.json`.

The "terminal" here is a toy kept in a JSON file (--state), so that it survives a crash as a
real terminal's journal does. An integrator replaces the four functions marked TERMINAL with
calls into the acquirer's cash-register interface (the vendor library, or its serial protocol).
"""

import json
import os
import sys
import threading
import time

PROTOCOL = 1                      # the protocol version this driver speaks
ABORT = threading.Event()         # set by the reader thread when posbind sends "abort"
OUT = threading.Lock()            # one line at a time on standard output


def say(message):
    """One protocol line. Standard output carries nothing else: log to standard error."""
    with OUT:
        sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
        sys.stdout.flush()        # posbind waits for the line: never leave it in a buffer


def answer(rid, **fields):
    say(dict(id=rid, ok=True, **fields))


def refuse(rid, code, text=""):
    say({"id": rid, "ok": False, "error": {"code": code, "text": text}})


# --- TERMINAL: the toy terminal. Replace these with the vendor library's calls. -------------

class Terminal:
    def __init__(self, path):
        self.path = path
        self.state = {"serial": "PY000001", "tid": "12345678", "trace": 0, "journal": []}
        if path and os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                self.state = json.load(f)

    def save(self):
        """Written atomically: a crash leaves the old or the new journal, never half of one."""
        if not self.path:
            return
        tmp = self.path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(self.state, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    def book(self, amount_minor, original_trace=None):
        """TERMINAL: book a sale (or, with original_trace, a void). Returns the payment."""
        self.state["trace"] += 1
        p = {"approved": True, "amount_minor": amount_minor, "trace": self.state["trace"],
             "receipt": self.state["trace"] % 10000, "tid": self.state["tid"]}
        if original_trace is not None:
            p["original_trace"] = original_trace
        self.state["journal"].append(dict(p, voided=False))
        self.save()               # booked means on disk, before anyone is told
        return p


# --- The protocol ---------------------------------------------------------------------------

def pay(t, rid, req):
    amount = req.get("amount_minor")
    if not isinstance(amount, int) or amount <= 0:
        return refuse(rid, "not_possible", "amount_minor: a positive number of fen")
    say({"id": rid, "event": "accepted"})            # before the terminal can book anything
    say({"id": rid, "event": "display", "status": "insert_card", "text": "请插卡"})
    deadline = time.monotonic() + 0.3                # TERMINAL: the card wait
    while time.monotonic() < deadline:
        if ABORT.is_set():                           # stop means abort: nothing booked yet
            return refuse(rid, "stopped", "aborted on request")
        time.sleep(0.02)
    say({"id": rid, "event": "display", "status": "waiting_for_host"})
    p = t.book(amount)
    say({"id": rid, "event": "committed", "payment": p})   # at once, before anything else
    answer(rid, payment=p)


def void(t, rid, req):
    receipt = req.get("receipt")
    for entry in reversed(t.state["journal"]):
        if entry["receipt"] == receipt and "original_trace" not in entry:
            if entry["voided"]:
                return refuse(rid, "already_voided")
            entry["voided"] = True
            say({"id": rid, "event": "accepted"})
            return answer(rid, payment=t.book(entry["amount_minor"], entry["trace"]))
    refuse(rid, "not_possible", "no payment with receipt %s" % receipt)


def last(t, rid):
    journal = t.state["journal"]
    p = dict(journal[-1]) if journal else None
    if p:
        p.pop("voided", None)
    answer(rid, payment=p)


def identity(t):
    return {"serial": t.state["serial"], "tid": t.state["tid"], "model": "toy",
            "version": "template 1", "status": "ready"}


def serve(t, req):
    rid, op = req.get("id"), req.get("op")
    if op == "hello":
        if req.get("protocol") != PROTOCOL:
            return refuse(rid, "version", "this driver speaks version %d" % PROTOCOL)
        return answer(rid, protocol=PROTOCOL, driver="driver_template.py", driver_version="1",
                      capabilities=["identify", "status", "set_tid", "sign_on", "pay", "void",
                                    "last", "abort", "close"])
    if op in ("identify", "status"):
        return answer(rid, identity=identity(t), ready=True)
    if op == "set_tid":
        t.state["tid"] = str(req.get("tid", ""))
        t.save()
        return answer(rid)
    if op in ("sign_on", "close"):
        return answer(rid)
    if op == "pay":
        return pay(t, rid, req)
    if op == "void":
        return void(t, rid, req)
    if op == "last":
        return last(t, rid)
    refuse(rid, "unsupported", str(op))              # never silence


def main():
    state = None
    if len(sys.argv) == 3 and sys.argv[1] == "--state":
        state = sys.argv[2]
    t = Terminal(state)
    requests = []
    ready = threading.Condition()

    def read():                                      # abort must reach a payment in flight
        for line in sys.stdin:
            try:
                req = json.loads(line)
            except ValueError:
                print("not a request: %r" % line, file=sys.stderr)
                continue
            with ready:
                if req.get("op") == "abort":
                    ABORT.set()
                else:
                    requests.append(req)
                ready.notify()
        with ready:
            requests.append(None)                    # input closed: exit
            ready.notify()

    threading.Thread(target=read, daemon=True).start()
    while True:
        with ready:
            while not requests:
                ready.wait()
            req = requests.pop(0)
        if req is None:
            return
        ABORT.clear()
        serve(t, req)


if __name__ == "__main__":
    main()

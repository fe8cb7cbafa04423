#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Compare edgectl's Prometheus metrics, read with the Prometheus client
library's own parser, with what they must say:

  promcheck.py json COUNTERS.json METRICS.prom VERSION MODULE_VERSION
      every rule and zone counter of `edgectl counters -j` is a sample of
      the same value with the labels edgectl(8) gives, and nothing else
      is; the generation; edgefw_info. Management rules: counters -j does
      not give their row, so for each zone, protocol and prefix the same
      values, on rows that differ
  promcheck.py served METRICS.prom SCRAPE
      every sample of the file is in node_exporter's scrape with the same
      value, and the textfile collector reported no error

Prints "ok", or what differs.
"""
import json
import sys
from collections import Counter

from prometheus_client.parser import text_string_to_metric_families


def samples(text):
    """name and labels -> value; an empty label is no label (Prometheus's
    data model: node_exporter gives every series of a metric the labels of
    all, empty where a series has none). A series twice is an error: the
    parser takes it, node_exporter serves one of the two."""
    found = [((s.name, tuple(sorted((k, v) for k, v in s.labels.items() if v))), s.value)
             for f in text_string_to_metric_families(text) for s in f.samples]
    unique = dict(found)
    if len(unique) != len(found):
        seen = set()
        twice = [k for k, _ in found if k in seen or seen.add(k)]
        print("a series twice: %r" % twice[:2])
        sys.exit(1)
    return unique


def management(counters, got):
    """The samples of got that are counters -j's management rules, if they
    are all of them; else none (diff then reports them)."""
    rows = {}
    for (name, key), v in got.items():
        if ("kind", "management") in key:
            rows.setdefault(key, {})[name] = v
    labels = [dict(k) for k in rows]
    have = Counter((d["zone"], d["protocol"], d["remote_address"], d["direction"],
                    r.get("edgefw_rule_packets_total"), r.get("edgefw_rule_bytes_total"))
                   for d, r in zip(labels, rows.values()))
    want = Counter((m["zone"], m["proto"], m["from"], "in", m["packets"], m["bytes"])
                   for m in counters.get("management", []))
    if have != want or len({d["row"] for d in labels}) != len(labels):
        return {}
    return {(name, key): v for key, r in rows.items() for name, v in r.items()}


def expected(counters, got, version, module_version):
    want = management(counters, got)
    for r in counters["rules"]:
        inbound = r["dir"] == "in"
        local, remote = (r["dst"], r["src"]) if inbound else (r["src"], r["dst"])
        labels = {"zone": r["zone"], "direction": r["dir"], "role": r["role"],
                  "row": str(r["row"]), "protocol": r["proto"]}
        if r.get("kind") == "reply":
            labels["kind"] = "answer"
        if local:
            labels["local_address"] = local
        if remote:
            labels["remote_address"] = remote
        key = tuple(sorted(labels.items()))
        want[("edgefw_rule_packets_total", key)] = r["packets"]
        want[("edgefw_rule_bytes_total", key)] = r["bytes"]
    for z in counters["zones"]:
        for reason, value in z.items():
            if reason != "zone":
                key = (("reason", reason), ("zone", z["zone"]))
                want[("edgefw_zone_packets_total", key)] = value
    want[("edgefw_config_generation", ())] = counters["generation"]
    want[("edgefw_info", (("module_version", module_version), ("protocol", "2"),
                          ("version", version)))] = 1
    return want


def diff(want, got):
    missing = {k: v for k, v in want.items() if got.get(k) != v}
    extra = {k: v for k, v in got.items() if k not in want}
    if not missing and not extra:
        return "ok"
    return "differ: %d expected not found, e.g. %r; %d unexpected, e.g. %r" % (
        len(missing), list(missing.items())[:2], len(extra), list(extra.items())[:2])


def main():
    if sys.argv[1] == "json":
        counters = json.load(open(sys.argv[2]))
        got = samples(open(sys.argv[3]).read())
        print(diff(expected(counters, got, sys.argv[4], sys.argv[5]), got))
    else:
        mine = samples(open(sys.argv[2]).read())
        scrape = samples(open(sys.argv[3]).read())
        errors = [v for (name, _), v in scrape.items()
                  if name == "node_textfile_scrape_error"]
        if errors != [0]:
            print("node_textfile_scrape_error: %r" % errors)
        else:
            print(diff(mine, {k: v for k, v in scrape.items() if k in mine}) if
                  all(k in scrape for k in mine) else diff(mine, scrape))


main()

#!/usr/bin/env python3
"""Learning curve of an agent's correction detector, measured only through BetterHarness's HTTP API.

Against a running `./bh up` that has ingested the traces the labels refer to:
  1. the labelled pairs' tasks (field `task`, else `group`, else the trace) are split: a third held out (fixed seed);
  2. for each random order of the other tasks' pairs, labels are fed through POST /api/corrections/labels under a
     fresh agent name, K at a time (K = 25, 50, 100, 200 cumulative), each step followed by
     POST /api/corrections/detector/retrain (admin);
  3. after each step every held-out pair is scored by POST /api/corrections/classify with that agent:
     precision / recall / F1 on the held-out tasks (K = 0: the shipped model).
Nothing is tuned on the held-out pairs; the server decides itself whether the adapted model replaces the shipped one.

Orders (--order): `random` feeds the training pool in a random order (one per --orders seed); `uncertain` feeds what a curator
working the review queue's "teaches the detector most" order labels: before each step every unlabelled pool pair is scored by
POST /api/corrections/classify with the agent's active detector and the ones nearest its threshold (GET
/api/corrections/detector, active.threshold; distance in log-odds) come first (ties broken by the order's seed).
--print-split prints the held-out tasks (comma-separated, for the training tool's --adaptation-choice --exclude-tasks) and exits.

Labels file: JSON lines with `trace` (or `traceId`), `user` (the user turn's text) or `userTurn`, `label` (or
`isCorrection`) and optionally `assistant`, `task`/`group`. The user turn is located in the trace read from
GET /api/traces/{id}. Usage:
  python3 benchmarks/detector-curve/detector_curve.py --api http://127.0.0.1:8080 \
      --labels services/Mining/BetterHarness.Mining.Domain/Model/training/taubench-airline-labelled.jsonl --agent airline
"""
import argparse, json, math, random, statistics, sys, time, urllib.error, urllib.request


def call(api, method, path, body=None, key=None, timeout=600):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(api.rstrip("/") + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if key:
        req.add_header("X-Api-Key", key)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            text = resp.read().decode()
            return resp.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def user_turns(trace):
    """(assistant reply before it, user text) per user message, numbered as the labels API numbers them."""
    turns, last = [], ""
    for m in trace.get("messages", []):
        role, content = (m.get("role") or "").lower(), m.get("content") or ""
        if role == "assistant" and content.strip():
            last = content
        elif role == "user":
            turns.append((last, content))
    return turns


def locate(turns, pair):
    if isinstance(pair.get("userTurn"), int):
        return pair["userTurn"]
    user, assistant = pair["user"].strip(), (pair.get("assistant") or "").strip()
    hits = [i for i, (a, u) in enumerate(turns) if u.strip() == user]
    if len(hits) > 1 and assistant:
        hits = [i for i in hits if turns[i][0].strip() == assistant] or hits
    return hits[0] if hits else None


def metrics(truth, predicted):
    tp = sum(t and p for t, p in zip(truth, predicted))
    fp = sum((not t) and p for t, p in zip(truth, predicted))
    fn = sum(t and not p for t, p in zip(truth, predicted))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def wilson(successes, trials, z=1.959964):
    if trials <= 0:
        return 0.0, 1.0
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z / (1 + z * z / trials) * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return max(0.0, centre - half), min(1.0, centre + half)


def split(pairs, holdout, seed):
    groups = sorted({o["group"] for o in pairs})
    random.Random(seed).shuffle(groups)
    return groups, set(groups[: round(len(groups) * holdout)])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--api", default="http://127.0.0.1:8080")
    ap.add_argument("--labels", required=True)
    ap.add_argument("--agent", default="curve", help="base agent name; each order labels under AGENT-curve-N")
    ap.add_argument("--ks", default="0,25,50,100,200")
    ap.add_argument("--orders", type=int, default=5)
    ap.add_argument("--holdout", type=float, default=1 / 3)
    ap.add_argument("--split-seed", type=int, default=20)
    ap.add_argument("--api-key")
    ap.add_argument("--out", help="write the per-order figures as JSON here")
    ap.add_argument("--order", choices=["random", "uncertain"], default="random")
    ap.add_argument("--print-split", action="store_true")
    ap.add_argument("--ranking", action="store_true",
                    help="diagnosis only: how well --agent's active detector (an agent without labels: the shipped model) ranks the held-out pairs (average precision, and the best P/R/F1 any "
                         "threshold could give there, i.e. chosen on the held-out labels themselves), then exit; never used to choose anything")
    args = ap.parse_args()
    ks = sorted(int(k) for k in args.ks.split(","))

    pairs = []
    with open(args.labels) as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                o["trace"] = (o.get("trace") or o.get("traceId")).lower()
                o["truth"] = bool(o.get("label", o.get("isCorrection")))
                o["group"] = str(o.get("task", o.get("group", o["trace"])))
                pairs.append(o)
    if args.print_split:
        print(",".join(sorted(split(pairs, args.holdout, args.split_seed)[1])))
        return
    traces = {}
    for o in pairs:
        if o["trace"] not in traces:
            status, body = call(args.api, "GET", f"/api/traces/{o['trace']}", key=args.api_key)
            traces[o["trace"]] = user_turns(body) if status == 200 else None
        turns = traces[o["trace"]]
        o["userTurn"] = locate(turns, o) if turns is not None else None
        if o["userTurn"] is not None and not o.get("assistant"):
            o["assistant"] = turns[o["userTurn"]][0]
    missing = [o for o in pairs if o["userTurn"] is None]
    pairs = [o for o in pairs if o["userTurn"] is not None]
    groups, held_groups = split(pairs, args.holdout, args.split_seed)
    held = [o for o in pairs if o["group"] in held_groups]
    train = [o for o in pairs if o["group"] not in held_groups]
    print(f"{len(pairs)} labelled pairs located ({len(missing)} not found in their trace); held out {len(held_groups)} of {len(groups)} "
          f"tasks: {len(held)} pairs, {sum(o['truth'] for o in held)} corrections; training pool {len(train)} pairs, "
          f"{sum(o['truth'] for o in train)} corrections", flush=True)

    def classify(agent, items):
        verdicts = []
        for o in items:
            status, body = call(args.api, "POST", "/api/corrections/classify",
                                {"assistant": o.get("assistant") or "", "user": o["user"], "agent": agent}, key=args.api_key)
            if status != 200:
                sys.exit(f"classify answered {status}: {body}")
            verdicts.append(body)
        return verdicts

    def score(agent):
        predicted = [bool(v["isCorrection"]) for v in classify(agent, held)]
        truth = [o["truth"] for o in held]
        tp = sum(t and p for t, p in zip(truth, predicted))
        return metrics(truth, predicted) + (tp, sum(predicted))

    def logit(p):
        p = min(max(p, 1e-4), 1 - 1e-4)
        return math.log(p / (1 - p))

    def nearest_threshold_first(agent, items):
        status, state = call(args.api, "GET", f"/api/corrections/detector?agent={urllib.request.quote(agent)}", key=args.api_key)
        threshold = state["active"].get("threshold", 0.5) if status == 200 else 0.5
        verdicts = classify(agent, items)
        ranked = sorted(range(len(items)), key=lambda i: (abs(logit(verdicts[i]["score"]) - logit(threshold)), items[i]["tiebreak"]))
        return [items[i] for i in ranked]

    if args.ranking:
        scores = [v["score"] for v in classify(args.agent, held)]
        ranked = sorted(zip(scores, [o["truth"] for o in held]), key=lambda x: -x[0])
        positives, tp, ap, best = sum(t for _, t in ranked), 0, 0.0, (0.0, 0.0, 0.0, 0.0)
        for i, (score, truth) in enumerate(ranked, 1):
            if truth:
                tp += 1
                ap += tp / i / positives
            p, r = tp / i, tp / positives
            if p + r and 2 * p * r / (p + r) > best[2]:
                best = (p, r, 2 * p * r / (p + r), score)
        both = max((min(tp_i / i, tp_i / positives) for i, tp_i in
                    enumerate([sum(t for _, t in ranked[:j]) for j in range(1, len(ranked) + 1)], 1)), default=0)
        print(f"{args.agent}'s active detector on the held-out tasks: average precision {ap:.3f}; oracle threshold {best[3]:.3f} gives P {best[0]:.3f} "
              f"R {best[1]:.3f} F1 {best[2]:.3f}; the best min(P, R) any threshold gives is {both:.3f} (diagnosis only)")
        return

    results = {k: [] for k in ks}
    for order in range(1, args.orders + 1):
        agent = f"{args.agent}-curve-{order}-{int(time.time())}"
        sequence = train[:]
        random.Random(order).shuffle(sequence)
        for i, o in enumerate(sequence):
            o["tiebreak"] = i
        fed = 0
        for k in ks:
            if args.order == "uncertain" and k > fed:
                sequence = sequence[:fed] + nearest_threshold_first(agent, sequence[fed:])
            for o in sequence[fed:k]:
                status, body = call(args.api, "POST", "/api/corrections/labels",
                                    {"agent": agent, "traceId": o["trace"], "userTurn": o["userTurn"], "isCorrection": o["truth"]}, key=args.api_key)
                if status != 201:
                    sys.exit(f"labels answered {status}: {body}")
            fed = max(fed, min(k, len(sequence)))
            state = None
            if k > 0:
                status, state = call(args.api, "POST", f"/api/corrections/detector/retrain?agent={urllib.request.quote(agent)}", {}, key=args.api_key)
                if status != 200:
                    sys.exit(f"retrain answered {status}: {state}")
            p, r, f1, tp, flagged = score(agent)
            active = state["active"] if state else {"source": "shipped", "version": 0}
            positives = sum(o["truth"] for o in sequence[:fed])
            results[k].append({"order": order, "labels": fed, "positives": positives, "source": active["source"], "version": active["version"],
                               "precision": p, "recall": r, "f1": f1, "tp": tp, "flagged": flagged,
                               "cv": None if not state else {"f1": active.get("f1"), "shippedF1": state["shipped"]["f1"]}})
            print(f"order {order} K={k:>3} ({positives:>2} corrections) {active['source']:>7} v{active['version']}: "
                  f"P {p:.3f} R {r:.3f} F1 {f1:.3f}", flush=True)

    held_pos = sum(o["truth"] for o in held)
    print(f"\norder: {args.order}; held-out tasks: {len(held)} pairs, {held_pos} corrections")
    print("K    labels(+)   adapted  precision        recall           F1              P 95%          R 95%   "
          "(mean ± sd over orders; intervals: Wilson on the held-out counts, averaged over orders)")
    for k in ks:
        rows = results[k]
        def ms(name):
            values = [row[name] for row in rows]
            return f"{statistics.mean(values):.3f} ± {statistics.pstdev(values):.3f}"
        adapted = sum(row["source"] == "adapted" for row in rows)
        tp, flagged = statistics.mean(r["tp"] for r in rows), statistics.mean(r["flagged"] for r in rows)
        pl, ph = wilson(tp, flagged)
        rl, rh = wilson(tp, held_pos)
        print(f"{k:<4} {statistics.mean(r['labels'] for r in rows):>5.0f} ({statistics.mean(r['positives'] for r in rows):>4.1f})"
              f"   {adapted}/{len(rows)}     {ms('precision')}   {ms('recall')}   {ms('f1')}   {pl:.2f}–{ph:.2f}      {rl:.2f}–{rh:.2f}")
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"held": {"tasks": len(held_groups), "pairs": len(held), "corrections": sum(o["truth"] for o in held)},
                       "results": results}, f, indent=1)


if __name__ == "__main__":
    main()

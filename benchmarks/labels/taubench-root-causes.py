#!/usr/bin/env python3
# Root-cause labels for the failed (reward < 1) tau-bench airline traces, by a fixed rule over the ground truth:
# the agent's state-changing calls (WRITE) against expected_actions, first rule that applies wins:
# transferred (handed over, none expected) > no_action (expected writes, made none) > unexpected_action (none expected,
# made some) > same tools: wrong_payment / wrong_flights / wrong_details (which expected argument differs), extra_action
# (all right plus more), wrong_output (actions right, answer wrong) > missing_step (subset) > extra_action (superset) > wrong_tool.
# Usage: python3 benchmarks/labels/taubench-root-causes.py ../shared/data/taubench-airline.labels.jsonl OUT.labels.jsonl
import json,collections,sys
WRITE={'book_reservation','cancel_reservation','update_reservation_flights','update_reservation_passengers','update_reservation_baggages','send_certificate','transfer_to_human_agents'}
def norm(v): return json.dumps(v,sort_keys=True)
def cat(r):
    exp=[a for a in r['expected_actions'] if a['name'] in WRITE]
    act=[a for a in r['actual_tool_calls'] if a['name'] in WRITE]
    en=collections.Counter(a['name'] for a in exp); an=collections.Counter(a['name'] for a in act)
    if 'transfer_to_human_agents' in an and 'transfer_to_human_agents' not in en: return 'transferred'
    if exp and not act: return 'no_action'
    if not exp and act: return 'unexpected_action'
    if en==an or set(en)==set(an):
        # same tools: which arg differs
        diffs=set()
        for e in exp:
            cands=[a for a in act if a['name']==e['name']]
            if any(norm(a['kwargs'])==norm(e['kwargs']) for a in cands): continue
            best=min(cands,key=lambda a: sum(norm(a['kwargs'].get(k))!=norm(v) for k,v in e['kwargs'].items()))
            for k,v in e['kwargs'].items():
                if norm(best['kwargs'].get(k))!=norm(v): diffs.add(k)
        if not diffs: return 'extra_action' if sum(an.values())>sum(en.values()) else 'wrong_output'
        if diffs & {'payment_id','payment_methods'} and not diffs & {'flights','cabin'}: return 'wrong_payment'
        if diffs & {'flights','cabin','origin','destination','flight_type'}: return 'wrong_flights'
        return 'wrong_details'
    if set(an) < set(en): return 'missing_step'
    if set(an) > set(en): return 'extra_action'
    return 'wrong_tool'
rows=[json.loads(l) for l in open(sys.argv[1])]
c=collections.Counter()
out=open(sys.argv[2],'w') if len(sys.argv)>2 else None
for r in rows:
    if r['reward']>=1: continue
    k=cat(r); c[k]+=1
    if out: out.write(json.dumps({'traceId':r['traceId'],'root_cause':k,'task_id':r['task_id']})+'\n')
print(c, sum(c.values()))

#!/usr/bin/env python3
# Root-cause categories for Who&When CaptainAgent from the people's free-text mistake_reason, by keyword rules in order
# (first match wins). Usage: python3 benchmarks/labels/whowhen-reason-categories.py ../shared/data/whowhen-captainagent.labels.jsonl OUT.labels.jsonl
import json,re,sys,collections
RULES=[('fabricated_or_placeholder',r'fabricat|hallucinat|placeholder|simulat|made up|internal knowledge|without (actually )?(retriev|search|access)'),
('code_error',r'\bcode\b|algorithm|import|execution|script|pandas|\bdfs\b|function'),
('misread_output',r'misinterpret|misunderst|misread|factual error|did not extract|not extract'),
('unverified_assumption',r'verif|assum|directly reached|rely on|without checking'),
('wrong_tool_or_plan',r'tool|approach|direction|\bplan\b|irrelevant|more appropriate|instead|task description|should (download|review|search|use)'),
('calculation',r'calculat|\bcount|comput'),
('wrong_answer',r'incorrect|wrong|error|mistake')]
c=collections.Counter(); out=open(sys.argv[2],'w')
for l in open(sys.argv[1]):
    r=json.loads(l); t=r['mistake_reason'].lower()
    k=next((n for n,p in RULES if re.search(p,t)),'other'); c[k]+=1
    out.write(json.dumps({'traceId':r['traceId'],'reason_category':k,'mistake_reason':r['mistake_reason']})+'\n')
print(c)

#!/usr/bin/env python3
"""Times check-in submissions (POST /api/patients/{id}/responses, bearer, a new Idempotency-Key each) for one patient
against an app on 127.0.0.1, sequentially, N after a warm-up of 5; prints p50/p95/max in ms. Standard library only."""
import json, statistics, sys, time, urllib.request, uuid

base, email, password, patient, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 100
items = ["numbness-hands", "tingling-hands", "pain-hands", "cold-hands", "numbness-feet", "tingling-feet", "pain-feet", "cold-feet",
         "cramps", "weakness-grip", "weakness-stairs", "weakness-chair", "balance", "dizziness-standing", "bowel-bladder", "palpitations"]
answers = {i: "1" for i in items} | {"falls": 0, "sleep": "0", "limits-everyday-sensory": False, "limits-everyday-motor": False,
                                      "limits-self-care-sensory": False, "limits-self-care-motor": False}
body = json.dumps({"questionnaire": "https://cipncare.org/fhir/Questionnaire/cipn-checkin", "answers": answers}).encode()
opener = urllib.request.build_opener()
token = json.loads(opener.open(urllib.request.Request(f"{base}/api/auth/login", data=json.dumps({"email": email, "password": password}).encode(),
                                                       headers={"Content-Type": "application/json"})).read())["accessToken"]

def submit():
    req = urllib.request.Request(f"{base}/api/patients/{patient}/responses", data=body, headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())})
    t = time.perf_counter()
    opener.open(req).read()
    return (time.perf_counter() - t) * 1000

for _ in range(5):
    submit()
times = sorted(submit() for _ in range(n))
print(json.dumps({"submit": {"p50": round(statistics.median(times), 1), "p95": round(times[int(0.95 * len(times)) - 1], 1), "max": round(times[-1], 1)}}))

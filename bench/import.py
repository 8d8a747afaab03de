#!/usr/bin/env python3
"""Times FHIR transaction Bundle import (issue #17: >= 1,000 resources/s for a 10,000-dose history) against an app on
127.0.0.1: creates PATIENTS patients through the API (not timed), then posts their histories — per patient height and
weight Observations and 12 oxaliplatin MedicationAdministrations (85 mg/m2 every 14 days; the two that cross the
cumulative thresholds carry an acknowledgement, as a clinic's reviewed record would) — as transaction Bundles of
PER_BUNDLE patients each (under the 1 MB body limit), and prints resources per second. Standard library only.
Usage: import.py BASE EMAIL PASSWORD [PATIENTS=834] [PER_BUNDLE=60]"""
import datetime, json, sys, time, urllib.request

base, email, password = sys.argv[1], sys.argv[2], sys.argv[3]
patients = int(sys.argv[4]) if len(sys.argv) > 4 else 834
per_bundle = int(sys.argv[5]) if len(sys.argv) > 5 else 60
ACK = "https://cipncare.org/fhir/StructureDefinition/dose-safety-acknowledgement"

def call(method, path, body=None, token=None, content_type="application/json"):
    headers = {"Content-Type": content_type}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{base}{path}", data=None if body is None else json.dumps(body).encode(), headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=600) as response:
        return response.status, json.loads(response.read() or b"null")

token = call("POST", "/api/auth/login", {"email": email, "password": password})[1]["accessToken"]
run = time.strftime("%H%M%S")
ids = []
for i in range(patients):
    status, created = call("POST", "/api/patients", {"mrn": f"IMP-{run}-{i}", "givenName": "Import", "familyName": f"Patient{i:05d}", "birthDate": "1960-05-01",
                                                     "sex": "Female", "diagnosis": "Colorectal cancer", "treatmentStatus": "OnTreatment"}, token)
    ids.append(created["id"])

now = datetime.datetime.now(datetime.timezone.utc)
def at(days_ago):
    return (now - datetime.timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")

def history(patient):
    subject = {"reference": f"Patient/{patient}"}
    resources = [{"resourceType": "Observation", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": loinc}]}, "subject": subject,
                  "effectiveDateTime": at(200), "valueQuantity": {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit}}
                 for loinc, value, unit in (("8302-2", 180, "cm"), ("29463-7", 80, "kg"))]
    for i in range(12):
        dose = {"resourceType": "MedicationAdministration", "status": "completed", "subject": subject, "effectiveDateTime": at(170 - i * 14),
                "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "32592"}]},
                "dosage": {"route": {"text": "IV"}, "dose": {"value": 85, "system": "http://unitsofmeasure.org", "code": "mg/m2"}}}
        if i in (6, 9):
            dose["extension"] = [{"url": ACK, "valueString": "Reviewed in clinic; continue."}]
        resources.append(dose)
    return resources

bundles = []
for start in range(0, len(ids), per_bundle):
    entries = [{"resource": r, "request": {"method": "POST", "url": r["resourceType"]}} for p in ids[start:start + per_bundle] for r in history(p)]
    bundles.append({"resourceType": "Bundle", "type": "transaction", "entry": entries})

resources, times = 0, []
started = time.perf_counter()
for bundle in bundles:
    t = time.perf_counter()
    status, answer = call("POST", "/fhir", bundle, token, "application/fhir+json")
    times.append(time.perf_counter() - t)
    assert status == 200 and len(answer["entry"]) == len(bundle["entry"]), (status, str(answer)[:300])
    resources += len(bundle["entry"])
elapsed = time.perf_counter() - started
doses = sum(1 for b in bundles for e in b["entry"] if e["resource"]["resourceType"] == "MedicationAdministration")
print(json.dumps({"patients": len(ids), "bundles": len(bundles), "resources": resources, "doses": doses, "seconds": round(elapsed, 2),
                  "resources_per_second": round(resources / elapsed), "bundle_seconds_max": round(max(times), 2)}))

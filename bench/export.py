#!/usr/bin/env python3
"""Times a FHIR Bulk Data export (issue #18: >= 5,000 resources/s) against an app on 127.0.0.1: signs in as the clinician,
kicks off GET /fhir/$export (Prefer: respond-async), polls the status URL every 0.2 s until the manifest comes, then
downloads every file. Prints resources and resources per second for the export (kick-off to manifest) and the download.
Standard library only. Usage: export.py BASE EMAIL PASSWORD [KICKOFF_PATH=/fhir/$export]"""
import json, sys, time, urllib.request

base, email, password = sys.argv[1], sys.argv[2], sys.argv[3]
path = sys.argv[4] if len(sys.argv) > 4 else "/fhir/$export"

def request(method, url, token=None, body=None, headers=None):
    headers = dict(headers or {})
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if body is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(), headers=headers, method=method)
    with urllib.request.urlopen(req, timeout=600) as response:
        return response.status, dict(response.headers), response.read()

token = json.loads(request("POST", f"{base}/api/auth/login", body={"email": email, "password": password})[2])["accessToken"]
started = time.perf_counter()
status, headers, _ = request("GET", f"{base}{path}", token, headers={"Accept": "application/fhir+json", "Prefer": "respond-async"})
assert status == 202, status
location = headers["Content-Location"]
polls = 0
while True:
    status, headers, body = request("GET", location, token)
    polls += 1
    if status == 200:
        break
    time.sleep(0.2)
exported = time.perf_counter() - started
manifest = json.loads(body)
resources = sum(o["count"] for o in manifest["output"])
assert not manifest["error"], manifest["error"]

started = time.perf_counter()
lines = 0
size = 0
for output in manifest["output"]:
    _, _, content = request("GET", output["url"], token, headers={"Accept": "application/fhir+ndjson"})
    lines += content.count(b"\n")
    size += len(content)
downloaded = time.perf_counter() - started
assert lines == resources, (lines, resources)
print(f"{resources:,} resources in {len(manifest['output'])} files ({size / 1e6:.0f} MB): exported in {exported:.1f} s = {resources / exported:,.0f} resources/s "
      f"({polls} polls); downloaded in {downloaded:.1f} s = {resources / downloaded:,.0f} resources/s")

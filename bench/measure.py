#!/usr/bin/env python3
"""Times the worklist query (GET /api/worklist, bearer), the clinician's patient list (GET /patients, its first page of
100, cookie), one patient's page (GET /patients/{id}, cookie) and their progress view (GET /patients/{id}/progress: five
server-drawn SVG charts) against an app on
127.0.0.1, sequentially, N requests each after a warm-up; prints p50/p95/max in ms. Standard library only."""
import http.cookiejar, json, re, statistics, sys, time, urllib.parse, urllib.request

base, email, password, patient, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 200

def timed(opener, req, count):
    for _ in range(10):  # warm-up
        opener.open(req).read()
    times = []
    for _ in range(count):
        t = time.perf_counter()
        body = opener.open(req).read()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"p50": round(statistics.median(times), 1), "p95": round(times[int(0.95 * len(times)) - 1], 1), "max": round(times[-1], 1), "bytes": len(body)}

api = urllib.request.build_opener()
token = json.loads(api.open(urllib.request.Request(f"{base}/api/auth/login", data=json.dumps({"email": email, "password": password}).encode(),
                                                    headers={"Content-Type": "application/json"})).read())["accessToken"]
worklist = urllib.request.Request(f"{base}/api/worklist", headers={"Authorization": f"Bearer {token}"})

jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
html = browser.open(f"{base}/account/login").read().decode()
form = re.search(r'<form[^>]*action="/account/login"[^>]*>.*?</form>', html, re.S).group(0)  # the sign-in form, not the language choice above it
fields = dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))
fields.update({"Input.Email": email, "Input.Password": password})
browser.open(urllib.request.Request(f"{base}/account/login", data=urllib.parse.urlencode(fields).encode()))
patient_list = urllib.request.Request(f"{base}/patients")
page = urllib.request.Request(f"{base}/patients/{patient}")
progress = urllib.request.Request(f"{base}/patients/{patient}/progress")

print(json.dumps({"worklist": timed(api, worklist, n), "patient_list": timed(browser, patient_list, n), "patient_page": timed(browser, page, n), "progress_page": timed(browser, progress, n)}))

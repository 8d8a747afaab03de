#!/usr/bin/env bash
# Times free-text triage per note (issue #12): the first note (model and example bank loading), then every note of
# the development and held-out corpora, rules alone and rules + semantic. Release build. Results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/CipnCare.Bench -c Release -v q -nologo > /dev/null
dotnet bench/CipnCare.Bench/bin/Release/net10.0/CipnCare.Bench.dll triage tests/CipnCare.Web.Tests/Triage/corpus-*.tsv

#!/usr/bin/env bash
# Builds the solution (warnings are errors) and runs every test project.
# Usage: eng/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

bash eng/prerequisites.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build CustomerView.sln -c Release -warnaserror -nologo -clp:ErrorsOnly
status=0
dotnet test CustomerView.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" "$@" || status=$?

python3 eng/summarize-tests.py "$results" || status=1
exit "$status"

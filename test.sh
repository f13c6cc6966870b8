#!/usr/bin/env bash
# The README's test command: installs what the tests need when it is missing, runs every test of the solution, and ends
# with the line "N passed, N failed" (CI reads it). Extra arguments go to `dotnet test` (e.g. --filter ...).
#
# Needs only the .NET SDK and Node.js/npm on the machine. From apt (as root, or through sudo), when missing:
# - chromium and a CJK font: the browser tests drive Debian's Chromium (/usr/bin/chromium) over the wall pages;
# - docker-compose and kubernetes-client: the deploy tests validate deploy/compose.yaml and deploy/k8s offline
#   (no engine or cluster is started; a docker client with the compose plugin, or any kubectl, will do as well);
# - postgresql and redis-server: the storage and cluster tests start their own servers on free ports (initdb/pg_ctl,
#   redis-server) and remove them afterwards; the services the packages set up are not used.
# - prometheus: the metrics test pipes a scrape of /metrics through its `promtool check metrics`.
# The charts' font and the pages' scripts come with `dotnet build` from npm; the OpenAPI linter (Redocly CLI) is
# restored from npm by the test that runs it.
set -uo pipefail
cd "$(dirname "$0")"

# The summary lines counted below are dotnet's English ones; a machine set up in another language would print its own.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
# Any CJK font will do for the browser; Debian's WenQuanYi Micro Hei is small (4 MB).
if ! { command -v fc-list >/dev/null && [[ -n "$(fc-list :lang=zh family 2>/dev/null)" ]]; }; then missing+=(fonts-wqy-microhei); fi
docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v kubectl >/dev/null || missing+=(kubernetes-client)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v promtool >/dev/null || missing+=(prometheus)

if ((${#missing[@]})); then
  if ((EUID == 0)); then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "test.sh: ${missing[*]} missing and not root without sudo: install them and run again" >&2; exit 1
  fi
  echo "test.sh: installing ${missing[*]} (apt-get)" >&2
  "${sudo[@]}" apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "test.sh: apt-get install ${missing[*]} failed" >&2; exit 1; }
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test KejiLive.sln "$@" 2>&1 | tee "$log"
code=${PIPESTATUS[0]}

# dotnet prints one summary line per test assembly: "Passed!  - Failed: 0, Passed: 5, Skipped: 0, Total: 5, ..."
read -r passed failed < <(sed -e 's/\x1b\[[0-9;]*m//g' "$log" \
  | grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/\2 \1/' \
  | awk '{p+=$1; f+=$2} END {print p+0, f+0}')

echo "${passed} passed, ${failed} failed"
if ((code == 0 && passed == 0)); then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$code"

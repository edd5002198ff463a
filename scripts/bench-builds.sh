#!/usr/bin/env bash
# Times one scenario with the dotnet build and the native build of actorcity, alternated pair by pair (this kind of
# machine drifts by 10 % and more within minutes, so only runs made one after the other compare), and prints each
# pair's wall time, events/s and peak memory, and the ratio native / dotnet.
#
#   scripts/bench-builds.sh                                   # stress-100k, one replication, 5 pairs
#   scripts/bench-builds.sh --pairs 8 --scenario simulations/scenarios/baseline.json --replications 20
#
# Builds both first: `dotnet build -c Release` of the command, and scripts/publish-native.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
PAIRS=5
SCENARIO="${ROOT}/simulations/scenarios/stress-100k.json"
REPLICATIONS=1

fail() { printf 'bench-builds.sh: %s\n' "$*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --pairs) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || fail "--pairs needs a positive number"; PAIRS="$2"; shift 2 ;;
    --scenario) [[ $# -ge 2 && -f "$2" ]] || fail "--scenario needs an existing scenario file"; SCENARIO="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --replications) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || fail "--replications needs a positive number"; REPLICATIONS="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown argument '$1' (see --help)" ;;
  esac
done

command -v /usr/bin/time >/dev/null 2>&1 || fail "/usr/bin/time is missing (apt-get install time)"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
echo "Building the dotnet build and the native build."
dotnet build "${ROOT}/src/ActorCity.Cli/ActorCity.Cli.csproj" -c Release --nologo -v quiet -clp:NoSummary
bash "${ROOT}/scripts/publish-native.sh" > /dev/null
DLL="${ROOT}/src/ActorCity.Cli/bin/Release/net10.0/actorcity.dll"
NATIVE="${ROOT}/artifacts/native/actorcity"
WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT

# Runs one build; prints "seconds events-per-second peak-MiB" from the report's timing and /usr/bin/time.
run() {
  local name="$1"; shift
  /usr/bin/time -f '%M' -o "${WORK}/${name}.rss" "$@" simulate "${SCENARIO}" --replications "${REPLICATIONS}" --quiet \
    --out "${WORK}/${name}" > /dev/null 2> "${WORK}/${name}.err" || { cat "${WORK}/${name}.err" >&2; fail "${name} run failed"; }
  python3 - "${WORK}/${name}/report.json" "$(cat "${WORK}/${name}.rss")" <<'PY'
import json, sys
timing = json.load(open(sys.argv[1]))["timing"]
print(f'{timing["wallSeconds"]:.3f} {timing["eventsPerSecond"]:.0f} {int(sys.argv[2]) // 1024}')
PY
}

echo "$(basename "${SCENARIO}"), ${REPLICATIONS} replication(s), ${PAIRS} alternated pairs (timing.wallSeconds; peak RSS):"
ratios=()
for i in $(seq "${PAIRS}"); do
  read -r dt de dm < <(run dotnet dotnet "${DLL}")
  read -r nt ne nm < <(run native "${NATIVE}")
  ratio="$(python3 -c "print(f'{${nt} / ${dt}:.3f}')")"
  ratios+=("${ratio}")
  printf 'pair %d: dotnet %s s (%s events/s, %s MiB), native %s s (%s events/s, %s MiB), native/dotnet %s\n' \
    "${i}" "${dt}" "${de}" "${dm}" "${nt}" "${ne}" "${nm}" "${ratio}"
done
python3 -c 'import statistics, sys; r = [float(x) for x in sys.argv[1:]]; print(f"native/dotnet: median {statistics.median(r):.3f}, min {min(r):.3f}, max {max(r):.3f}")' "${ratios[@]}"

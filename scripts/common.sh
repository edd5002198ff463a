# Shared by the scripts in this folder (sourced, not run). The sourcing script defines fail().

# Runs a command as root: directly when we are root (the CI case), else through sudo.
as_root() {
  if [[ "${EUID}" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -- "$@"
  else
    fail "need root (or sudo) to run: $*"
  fi
}

# Sourced by the project scripts that branch on the OS: one place that turns `uname -s` into
# linux, macos or windows (Git Bash / MSYS2 / Cygwin on a Windows runner), so no script repeats it.

# Prints linux, macos, windows, or other.
gatehouse_os() {
  case "$(uname -s)" in
    Linux) echo linux ;;
    Darwin) echo macos ;;
    MINGW* | MSYS* | CYGWIN*) echo windows ;;
    *) echo other ;;
  esac
}

# Prints the bin directory of the newest Homebrew PostgreSQL (postgresql@N, keg-only) that has
# initdb and pg_ctl; fails when Homebrew or such a PostgreSQL is absent.
gatehouse_homebrew_postgres_bin() {
  command -v brew >/dev/null 2>&1 || return 1
  local prefix dir found=
  prefix=$(brew --prefix) || return 1
  # The glob expands in ascending order (postgresql, postgresql@16, postgresql@17): the last wins.
  for dir in "$prefix"/opt/postgresql*/bin; do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then found=$dir; fi
  done
  [[ -n "$found" ]] && echo "$found"
}

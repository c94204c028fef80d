# packages.sh: installs the Debian packages listed in tools/packages.txt when missing.

# Print the packages of tools/packages.txt that are neither installed nor provided by
# the command named in their second column.
missing_packages() {
	local package command status

	while read -r package command _; do
		[[ -z $package || $package == \#* ]] && continue
		if [[ -n $command ]] && command -v "$command" >/dev/null; then
			continue
		fi
		status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
		[[ $status == "install ok installed" ]] || printf '%s\n' "$package"
	done <"$REPO/tools/packages.txt"
}

# Install what is missing with one apt-get update; do nothing when all is present.
ensure_packages() {
	local -a missing
	local log=$LOG_DIR/apt.log

	mapfile -t missing < <(missing_packages)
	((${#missing[@]} == 0)) && return 0

	if ((EUID != 0)); then
		die "missing Debian packages: ${missing[*]}; run tools/dev as root or install them with apt-get"
	fi
	say "installing Debian packages: ${missing[*]} (log: $log)"
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-get update >"$log" 2>&1 ||
		! apt-get install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
		show_log_tail "$log"
		die "stage packages failed: apt-get could not install ${missing[*]}; see $log"
	fi
}

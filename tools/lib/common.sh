# common.sh: output, process and template helpers shared by the tools/dev commands.
# Sourced by tools/dev, which sets REPO to the absolute path of the repository.

say() {
	printf 'dev: %s\n' "$*"
}

warn() {
	printf 'dev: %s\n' "$*" >&2
}

die() {
	warn "$*"
	exit 1
}

# Print the last lines of a log file so a failure shows its cause, then its path.
show_log_tail() {
	local log=$1

	[[ -s $log ]] || return 0
	printf -- '--- last lines of %s ---\n' "$log" >&2
	tail -n 40 "$log" >&2
	printf -- '--- end of %s ---\n' "$log" >&2
}

# Create a random token of about 32 alphanumeric characters, safe inside SQL quotes
# and configuration values.
random_token() {
	head -c 30 /dev/urandom | base64 | tr -d '/+=\n'
}

# Read a pid file and print the pid when that process is alive and runs the program
# named by $2 (checked against /proc, so a reused pid is never taken for ours).
running_pid() {
	local pidfile=$1 program=$2 pid cmdline

	[[ -s $pidfile ]] || return 1
	read -r pid <"$pidfile" || [[ -n ${pid:-} ]] || return 1
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
	[[ $cmdline == *"$program"* ]] || return 1
	printf '%s\n' "$pid"
}

# Print the process group of a pid, from the fields after the command name in
# /proc/PID/stat (state, parent pid, process group).
process_group() {
	local stat

	stat=$(<"/proc/$1/stat") || return 1
	stat=${stat##*) }
	read -r _ _ group _ <<<"$stat"
	printf '%s\n' "$group"
}

# Send SIGTERM to the process named in a pid file and wait up to 60 seconds for it to
# end. Only when it is still running then, SIGKILL goes to it and, when it leads its
# own process group (tools/dev starts services with setsid), to its children too.
stop_pidfile() {
	local pidfile=$1 program=$2 label=$3 pid i

	if ! pid=$(running_pid "$pidfile" "$program"); then
		rm -f "$pidfile"
		return 0
	fi
	say "stopping $label (pid $pid)"
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 600; i++)); do
		[[ -e /proc/$pid ]] || break
		sleep 0.1
	done
	if [[ -e /proc/$pid ]]; then
		warn "$label (pid $pid) still running after 60 s: sending SIGKILL"
		if [[ $(process_group "$pid") == "$pid" ]]; then
			kill -KILL -- "-$pid" 2>/dev/null || true
		else
			kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	rm -f "$pidfile"
}

# Replace each @NAME@ in a template with the value of the shell variable NAME passed
# as an argument, and write the result atomically. Fails on a placeholder left over.
render_template() {
	local template=$1 output=$2 text name value
	shift 2

	text=$(<"$template")
	for name in "$@"; do
		value=${!name}
		text=${text//"@$name@"/"$value"}
	done
	if [[ $text =~ @[A-Z_]+@ ]]; then
		die "$template: no value for placeholder ${BASH_REMATCH[0]}"
	fi
	printf '%s\n' "$text" >"$output.tmp"
	mv -f "$output.tmp" "$output"
}

# Write a file from standard input only when its content changes, so the timestamps
# that decide restarts move only on real changes. Returns 0 when the file changed.
write_if_changed() {
	local path=$1

	cat >"$path.tmp"
	if [[ -f $path ]] && cmp -s "$path.tmp" "$path"; then
		rm -f "$path.tmp"
		return 1
	fi
	mv -f "$path.tmp" "$path"
	return 0
}

# Unix socket paths are limited to 107 bytes by sockaddr_un.
check_socket_path() {
	local path=$1

	if ((${#path} > 107)); then
		die "socket path $path is ${#path} bytes, above the 107-byte limit of unix sockets: clone the repository to a shorter path"
	fi
}

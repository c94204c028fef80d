# services.sh: starts and stops ratusz-fcgi, nginx and the timer loop of one stack
# (variables from stack_init in stack.sh).

# Wait up to 30 seconds for a file to appear while process $2 is alive.
wait_for_file() {
	local path=$1 pid=$2 i

	for ((i = 0; i < 300; i++)); do
		[[ -e $path ]] && return 0
		[[ -e /proc/$pid ]] || return 1
		sleep 0.1
	done
	return 1
}

fcgi_launch() {
	setsid env RATUSZ_CONFIG="$STACK_CONF" "${STACK_ENV[@]}" \
		"$STACK_BUILD/ratusz-fcgi" -c "$STACK_CONF" -p "$FCGI_PIDFILE" \
		</dev/null >>"$FCGI_LOG" 2>&1 &
	printf '%s\n' "$!"
}

# Start the FastCGI master; one already running is restarted only when its program or
# configuration is newer than its pid file.
fcgi_start() {
	local pid

	if pid=$(running_pid "$FCGI_PIDFILE" ratusz-fcgi); then
		if [[ $STACK_BUILD/ratusz-fcgi -nt $FCGI_PIDFILE || $STACK_CONF -nt $FCGI_PIDFILE ]]; then
			say "ratusz-fcgi or its configuration changed: restarting"
			fcgi_stop
		else
			return 0
		fi
	fi
	say "starting ratusz-fcgi (socket $FCGI_SOCKET, log $FCGI_LOG)"
	rm -f "$FCGI_PIDFILE"
	pid=$(fcgi_launch)
	# ratusz-fcgi writes its pid file after it has opened the socket.
	if ! wait_for_file "$FCGI_PIDFILE" "$pid" || [[ ! -S $FCGI_SOCKET ]]; then
		show_log_tail "$FCGI_LOG"
		die "stage start failed: ratusz-fcgi did not create $FCGI_SOCKET and $FCGI_PIDFILE; see $FCGI_LOG"
	fi
}

fcgi_stop() {
	stop_pidfile "$FCGI_PIDFILE" ratusz-fcgi "ratusz-fcgi"
}

# Generate the nginx configuration from nginx/dev.conf.in. Connections to FastCGI
# are not kept alive: a libfcgi worker serves one connection until nginx closes it,
# so an idle kept-alive connection would hold a worker while other requests queue.
# render_template reads the upper-case locals by name.
# shellcheck disable=SC2034
nginx_write_config() {
	local workers=$1 tmp=$STACK_VAR/nginx.conf.new
	local PORT=$STACK_PORT VAR=$STACK_VAR STATIC_ROOT=$REPO/static/
	local FCGI_SOCKET_PATH=$FCGI_SOCKET HEADERS=$REPO/nginx/security-headers.conf
	local USER_LINE="" KEEPALIVE_LINE="" KEEP_CONN=off

	if ((EUID == 0)); then
		USER_LINE="user root;"
	fi
	# A tile server on another host must be allowed in the pages' img-src.
	if [[ ${STACK_TILE_URL:-} =~ ^(https?://[^/]+)/ ]]; then
		HEADERS=$STACK_VAR/security-headers.conf
		sed "s|img-src 'self' data:;|img-src 'self' data: ${BASH_REMATCH[1]};|" \
			"$REPO/nginx/security-headers.conf" >"$HEADERS"
	fi
	render_template "$REPO/nginx/dev.conf.in" "$tmp" PORT VAR STATIC_ROOT \
		FCGI_SOCKET_PATH HEADERS USER_LINE KEEPALIVE_LINE KEEP_CONN
	write_if_changed "$NGINX_CONF" <"$tmp" || true
	rm -f "$tmp"
}

nginx_cmd() {
	nginx -p "$STACK_VAR/nginx/" -c "$NGINX_CONF" -e "$NGINX_ERROR_LOG" "$@"
}

# Start nginx, or make a running one reload a changed configuration.
nginx_start() {
	local pid

	if ! nginx_cmd -t -q >>"$NGINX_ERROR_LOG" 2>&1; then
		show_log_tail "$NGINX_ERROR_LOG"
		die "stage start failed: nginx rejected $NGINX_CONF; see $NGINX_ERROR_LOG"
	fi
	if pid=$(running_pid "$NGINX_PIDFILE" nginx); then
		if [[ $NGINX_CONF -nt $NGINX_PIDFILE ]]; then
			say "nginx configuration changed: reloading"
			kill -HUP "$pid"
			touch "$NGINX_PIDFILE"
		fi
		return 0
	fi
	say "starting nginx on $STACK_URL (error log $NGINX_ERROR_LOG)"
	setsid nginx -p "$STACK_VAR/nginx/" -c "$NGINX_CONF" -e "$NGINX_ERROR_LOG" \
		</dev/null >>"$NGINX_ERROR_LOG" 2>&1 &
	pid=$!
	if ! wait_for_file "$NGINX_PIDFILE" "$pid"; then
		show_log_tail "$NGINX_ERROR_LOG"
		die "stage start failed: nginx did not start; see $NGINX_ERROR_LOG"
	fi
}

nginx_stop() {
	stop_pidfile "$NGINX_PIDFILE" nginx "nginx"
}

# Wait up to 60 seconds for GET /health to return 200 through nginx.
wait_for_health() {
	local code="" i

	for ((i = 0; i < 240; i++)); do
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$STACK_URL/health" || true)
		[[ $code == 200 ]] && return 0
		if ! running_pid "$FCGI_PIDFILE" ratusz-fcgi >/dev/null; then
			break
		fi
		sleep 0.25
	done
	show_log_tail "$FCGI_LOG"
	show_log_tail "$NGINX_ERROR_LOG"
	die "stage health failed: GET $STACK_URL/health returned status '$code', expected 200; see $FCGI_LOG and $NGINX_ERROR_LOG"
}

run_timer_program() {
	local program=$1

	[[ -x $STACK_BUILD/$program ]] || return 0
	printf '%s %s --once\n' "$(date -u +%FT%TZ)" "$program"
	stack_run "$program" --once || printf '%s exited with status %s\n' "$program" "$?"
}

# Run ratusz-import --once every ten minutes, as its systemd timer does in production
# (ratusz-dispatch runs in its own loop, see mail.sh). A program not built yet is skipped.
timers_loop() {
	local round=0 sleeper=""

	printf '%s\n' "$BASHPID" >"$TIMERS_PIDFILE"
	trap 'kill "$sleeper" 2>/dev/null; rm -f "$TIMERS_PIDFILE"; exit 0' TERM INT
	while true; do
		run_timer_program ratusz-dispatch
		if ((round % 10 == 0)); then
			run_timer_program ratusz-import
		fi
		round=$((round + 1))
		sleep 60 &
		sleeper=$!
		wait "$sleeper" || true
	done
}

timers_start() {
	local log=$STACK_VAR/log/timers.log

	if [[ ! -x $STACK_BUILD/ratusz-import ]]; then
		return 0
	fi
	running_pid "$TIMERS_PIDFILE" run-timers >/dev/null && return 0
	say "starting the import loop (log: $log)"
	setsid "$REPO/tools/dev" run-timers </dev/null >>"$log" 2>&1 &
}

timers_stop() {
	stop_pidfile "$TIMERS_PIDFILE" run-timers "the import loop"
}

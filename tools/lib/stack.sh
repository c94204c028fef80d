# stack.sh: one running ratusz stack (MariaDB, ratusz-fcgi, nginx) whose state lives in
# $STACK_VAR, serving http://127.0.0.1:$STACK_PORT with the programs of $STACK_BUILD.
# $STACK_ENV (an array of NAME=VALUE) is added to the environment of every program.

stack_init() {
	STACK_VAR=$1
	STACK_PORT=$2
	STACK_BUILD=$3
	STACK_CONF=$STACK_VAR/ratusz.conf
	STACK_URL=http://127.0.0.1:$STACK_PORT
	FCGI_SOCKET=$STACK_VAR/run/fcgi.sock
	FCGI_PIDFILE=$STACK_VAR/run/fcgi.pid
	FCGI_LOG=$STACK_VAR/log/fcgi.log
	NGINX_CONF=$STACK_VAR/nginx.conf
	NGINX_PIDFILE=$STACK_VAR/run/nginx.pid
	NGINX_ERROR_LOG=$STACK_VAR/log/nginx-error.log
	TIMERS_PIDFILE=$STACK_VAR/run/timers.pid
	mariadb_paths
	mkdir -p "$STACK_VAR"/{run,log,tmp,nginx}
	mkdir -p -m 0750 "$STACK_VAR/uploads"
}

check_port() {
	local name=$1 value=$2

	if [[ ! $value =~ ^[0-9]+$ ]] || ((value < 1 || value > 65535)); then
		die "$name must be a TCP port number from 1 to 65535, not '$value'"
	fi
}

check_workers() {
	local value=$1

	if [[ ! $value =~ ^[0-9]+$ ]] || ((value < 1 || value > 256)); then
		die "RATUSZ_WORKERS must be a number of worker processes from 1 to 256, not '$value'"
	fi
}

# Write the configuration file that every program of this stack reads. The HMAC
# secret (32 random bytes) is generated once and kept across runs.
stack_write_config() {
	local workers=$1 password

	check_workers "$workers"
	check_socket_path "$FCGI_SOCKET"
	if [[ ! -s $STACK_VAR/secret ]]; then
		(umask 077 && head -c 32 /dev/urandom >"$STACK_VAR/secret")
	fi
	password=$(<"$DB_PASSWORD_FILE")
	(umask 077 && write_if_changed "$STACK_CONF") <<-EOF || true
		# ratusz configuration written by tools/dev; changes here are overwritten.
		db_host =
		db_socket = $DB_SOCKET
		db_name = ratusz
		db_user = ratusz
		db_password = $password
		listen = $FCGI_SOCKET
		workers = $workers
		base_url = $STACK_URL
		template_dir = $REPO/templates
		secret_file = $STACK_VAR/secret
		upload_dir = $STACK_VAR/uploads
		smtp_url = smtp://127.0.0.1:${STACK_SMTP_PORT:-2525}
		${STACK_SMS_PORT:+sms_url = http://127.0.0.1:$STACK_SMS_PORT/sms.do}
		${STACK_SMS_PORT:+sms_token = $SMS_TOKEN_DEV}
		${STACK_TILE_URL:+tile_url = $STACK_TILE_URL}
		${STACK_TILE_URL:+tile_attribution = $STACK_TILE_ATTRIBUTION}
	EOF
}

# Run build/PROGRAM with this stack's configuration and environment.
stack_run() {
	local program=$1
	shift

	env RATUSZ_CONFIG="$STACK_CONF" "${STACK_ENV[@]}" "$STACK_BUILD/$program" "$@"
}

stack_migrate() {
	local log=$STACK_VAR/log/migrate.log

	say "applying migrations (log: $log)"
	if ! stack_run ratuszctl migrate >"$log" 2>&1; then
		show_log_tail "$log"
		die "stage migrate failed: ratuszctl migrate; see $log"
	fi
}

# tools/load-data loads the bundled real data through ratuszctl. It is optional.
stack_load_data() {
	local log=$STACK_VAR/log/load-data.log

	[[ -x $REPO/tools/load-data ]] || return 0
	say "loading bundled data (log: $log)"
	if ! env RATUSZ_CONFIG="$STACK_CONF" RATUSZ_BIN="$STACK_BUILD" "${STACK_ENV[@]}" \
		"$REPO/tools/load-data" >"$log" 2>&1; then
		show_log_tail "$log"
		die "stage load-data failed: tools/load-data; see $log"
	fi
}

# Print the demo resident's login and password. demo-seed is idempotent and derives
# the password from the stack's secret, so every run prints the same one.
stack_print_demo_login() {
	local line

	if line=$(stack_run ratuszctl demo-seed 2>>"$STACK_VAR/log/demo-seed.log"); then
		say "$line"
	else
		warn "demo resident not created; see $STACK_VAR/log/demo-seed.log"
	fi
}

# Seed the report setup of Gmina Przodkowo (units, categories, areas, rules,
# templates), its office staff and a few reports, and print the staff logins.
# Both commands are idempotent; the passwords derive from the stack's secret.
stack_print_office_logins() {
	local log=$STACK_VAR/log/demo-office.log lines line

	if ! stack_run ratuszctl gmina-setup --gmina 2205032 \
		"$REPO/data/demo/przodkowo-office.json" >>"$log" 2>&1; then
		warn "Przodkowo report setup not loaded; see $log"
		return 0
	fi
	if ! lines=$(stack_run ratuszctl demo-office 2>>"$log"); then
		warn "Przodkowo office staff not created; see $log"
		return 0
	fi
	while IFS= read -r line; do
		say "$line"
	done <<<"$lines"
}

# mail.sh: the local SMTP catcher (tools/smtp-catcher) and the ratusz-dispatch loop of one
# stack. Messages land in $STACK_VAR/mail and can be read on the catcher's HTTP page.

# Seconds between two rounds of the stack's dispatcher loop.
DISPATCH_INTERVAL=${RATUSZ_DISPATCH_INTERVAL:-5}

mail_paths() {
	MAIL_DIR=$STACK_VAR/mail
	CATCHER_PIDFILE=$STACK_VAR/run/smtp-catcher.pid
	CATCHER_PORTFILE=$STACK_VAR/run/smtp-catcher.ports
	CATCHER_LOG=$STACK_VAR/log/smtp-catcher.log
	DISPATCH_PIDFILE=$STACK_VAR/run/dispatch.pid
	DISPATCH_LOG=$STACK_VAR/log/dispatch.log
}

# Start the catcher on SMTP port $1 and HTTP port $2 (0 picks free ports) unless it runs,
# then set STACK_SMTP_PORT and STACK_MAIL_URL from the ports it reports.
catcher_start() {
	local smtp_port=$1 http_port=$2 pid ports

	mail_paths
	if ! running_pid "$CATCHER_PIDFILE" smtp-catcher >/dev/null; then
		say "starting the SMTP catcher (messages in $MAIL_DIR, log $CATCHER_LOG)"
		rm -f "$CATCHER_PORTFILE"
		setsid /usr/bin/python3 "$REPO/tools/smtp-catcher" --dir "$MAIL_DIR" \
			--smtp-port "$smtp_port" --http-port "$http_port" \
			--port-file "$CATCHER_PORTFILE" </dev/null >>"$CATCHER_LOG" 2>&1 &
		pid=$!
		printf '%s\n' "$pid" >"$CATCHER_PIDFILE"
		if ! wait_for_file "$CATCHER_PORTFILE" "$pid"; then
			show_log_tail "$CATCHER_LOG"
			die "stage start failed: the SMTP catcher did not start on ports $smtp_port and $http_port; see $CATCHER_LOG"
		fi
	fi
	read -r STACK_SMTP_PORT ports <"$CATCHER_PORTFILE"
	STACK_MAIL_URL=http://127.0.0.1:$ports/
}

catcher_stop() {
	mail_paths
	stop_pidfile "$CATCHER_PIDFILE" smtp-catcher "the SMTP catcher"
	rm -f "$CATCHER_PORTFILE"
}

# Run ratusz-dispatch --loop, restarted when its program or configuration changed.
dispatcher_start() {
	local pid

	mail_paths
	if pid=$(running_pid "$DISPATCH_PIDFILE" ratusz-dispatch); then
		if [[ $STACK_BUILD/ratusz-dispatch -nt $DISPATCH_PIDFILE || $STACK_CONF -nt $DISPATCH_PIDFILE ]]; then
			dispatcher_stop
		else
			return 0
		fi
	fi
	[[ -x $STACK_BUILD/ratusz-dispatch ]] || return 0
	say "starting ratusz-dispatch every $DISPATCH_INTERVAL s (log: $DISPATCH_LOG)"
	setsid env RATUSZ_CONFIG="$STACK_CONF" "${STACK_ENV[@]}" \
		"$STACK_BUILD/ratusz-dispatch" -c "$STACK_CONF" --loop "$DISPATCH_INTERVAL" \
		</dev/null >>"$DISPATCH_LOG" 2>&1 &
	printf '%s\n' "$!" >"$DISPATCH_PIDFILE"
}

dispatcher_stop() {
	mail_paths
	stop_pidfile "$DISPATCH_PIDFILE" ratusz-dispatch "ratusz-dispatch"
}

# The development stack's SMS gateway: the local SMSAPI stand-in of the tests, so that
# SMS reminders are accepted and can be read at /messages instead of being retried.
SMS_TOKEN_DEV=dev-token

sms_gateway_start() {
	local port=$1 pidfile=$STACK_VAR/run/sms-gateway.pid log=$STACK_VAR/log/sms-gateway.log

	mkdir -p "$STACK_VAR/sms"
	STACK_SMS_PORT=$port
	if running_pid "$pidfile" sms_gateway >/dev/null; then
		return 0
	fi
	say "starting the local SMS gateway on 127.0.0.1:$port (log: $log)"
	setsid /usr/bin/python3 "$REPO/tests/fakes/sms_gateway.py" "$port" \
		"$STACK_VAR/sms/messages.jsonl" "$SMS_TOKEN_DEV" </dev/null >>"$log" 2>&1 &
	printf '%s\n' "$!" >"$pidfile"
}

sms_gateway_stop() {
	stop_pidfile "$STACK_VAR/run/sms-gateway.pid" sms_gateway "the SMS gateway"
}

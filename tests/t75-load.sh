# t75-load: 200 check-ins at once against one log, with readers reading
# it all the while.  Every row lands exactly once, whole, and every read
# in between sees only whole rows.
. "$TOP/tests/lib.sh"
LOGCHECK=$TOP/tests/logcheck
L=$ATTUNE_DIR/checkins.csv
N=200

attune checkin -q -m 5 -N 'before the crowd'
: >"$T/reads" 
: >"$T/bad"

# Readers: strict, so any half row or broken quote fails the read.
reader() {
	while [ ! -e "$T/stop" ]; do
		if "$LOGCHECK" -s "$L" >"$T/r$1.out" 2>"$T/r$1.err"; then
			echo ok >>"$T/reads"
		else
			cat "$T/r$1.err" >>"$T/bad"
		fi
	done
}
# And attune report, as a person would run it meanwhile.
reporter() {
	while [ ! -e "$T/stop" ]; do
		if attune report -a --format csv >"$T/rep.out" 2>"$T/rep.err" &&
		    [ ! -s "$T/rep.err" ] && grep -q '^period_start,' "$T/rep.out"
		then
			echo ok >>"$T/reports"
		else
			{ echo "report: $?"; cat "$T/rep.err"; } >>"$T/bad"
		fi
	done
}
: >"$T/reports"
reader 1 &
r1=$!
reader 2 &
r2=$!
r3=
if [ -x "$TOP/bin/attune-report" ]; then
	reporter &
	r3=$!
fi

# wait_all: wait for every process in $pids; $failed counts those that failed.
wait_all() {
	failed=0
	for p in $pids; do
		wait "$p" || failed=$((failed + 1))
	done
}

i=1
pids=
while [ $i -le $N ]; do
	attune checkin -q -m $((i % 11)) -b $((i % 7)) \
	    -N "writer $i, \"quoted\"
and on two lines" >"$T/w$i.out" 2>&1 &
	pids="$pids $!"
	i=$((i + 1))
done
wait_all
touch "$T/stop"
wait "$r1" "$r2" $r3

check "$N writers at once: every one succeeded" [ "$failed" = 0 ]
cat "$T"/w*.out >"$T/writers.out"
check "$N writers at once: none said a word (-q)" [ ! -s "$T/writers.out" ]
check "$N writers at once: no reader ever saw a bad row" [ ! -s "$T/bad" ]
check "$N writers at once: the readers did read meanwhile" [ -s "$T/reads" ]
if [ -n "$r3" ]; then
	check "$N writers at once: attune report ran meanwhile, cleanly" \
	    [ -s "$T/reports" ]
	run attune report -a --format csv
	check "$N writers at once: attune report counts every check-in" \
	    sh -c "grep -q '^[^,]*,[^,]*,me,$((N + 1)),' '$T/out'"
else
	skip "$N writers at once: attune report meanwhile" \
	    "attune report is not built yet"
fi
run "$LOGCHECK" -s "$L"
check "$N writers at once: the log reads strictly" rc_is 0
check "$N writers at once: $((N + 1)) rows, none skipped" \
    rows_skipped $((N + 1)) 0
"$LOGCHECK" -n "$L" | tr '\0\n' '\n ' | sort >"$T/notes"
i=1
: >"$T/want"
echo 'before the crowd' >>"$T/want"
while [ $i -le $N ]; do
	echo "writer $i, \"quoted\" and on two lines" >>"$T/want"
	i=$((i + 1))
done
sort "$T/want" -o "$T/want"
check "$N writers at once: every row present exactly once" same "$T/want" "$T/notes"
check "$N writers at once: one header" \
    sh -c "grep -c '^timestamp,who,' '$L' | grep -qx 1"

# Writers racing to create the log: exactly one header, every row.
D=$T/fresh
i=1
pids=
while [ $i -le 50 ]; do
	attune checkin -q --dir "$D" -m 5 -N "first $i" 2>>"$T/fresh.err" &
	pids="$pids $!"
	i=$((i + 1))
done
wait_all
check "50 writers creating the log: every one succeeded" [ "$failed" = 0 ]
check "50 writers creating the log: none said a word" [ ! -s "$T/fresh.err" ]
run "$LOGCHECK" -s "$D/checkins.csv"
check "50 writers creating the log: 50 rows" rows_skipped 50 0
check "50 writers creating the log: one header" \
    sh -c "grep -c '^timestamp,who,' '$D/checkins.csv' | grep -qx 1"
check "50 writers creating the log: it is private" mode_is 600 "$D/checkins.csv"

done_testing

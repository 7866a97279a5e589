#!/bin/sh
# t60-scripts: the cron scripts attune-archive, attune-weekly, attune-remind.
. "$TOP/tests/lib.sh"
D=$ATTUNE_DIR
REPORT=
[ -x "$TOP/bin/attune-report" ] && REPORT=$TOP/bin/attune-report
no_report="bin/attune-report is not built yet"

ci() { attune-checkin -q "$@" </dev/null >/dev/null 2>&1; }

# A log across three years (today is 2026-11-22, so the cut-off is
# 2025-11-22), with notes holding commas, quotes and a line break.
fill() {
	rm -rf "$D"
	ci -m 3 -b 2 -N 'first week, "hard" one' -t 2024-03-01T09:00
	ci -m 4 -b 5 -s 6.5 -D skin,talk -t 2024-12-31T23:30 -w sam
	ci -m 5 -N 'two lines,
of note' -t 2025-06-01T08:15
	ci -m 6 -f panic -t 2025-11-21T20:00
	ci -m 7 -b 7 -t 2025-11-22T07:00
	ci -m 8 -D sing -t 2026-11-22T10:00
}
# Every row line of the logs and archives, sorted: the rows as a set.
rows() {
	{
		for f in "$D"/checkins*.csv.gz; do
			[ -e "$f" ] && gzip -dc "$f"
		done
		cat "$D/checkins.csv"
	} 2>/dev/null | grep -v '^timestamp,' | LC_ALL=C sort >"$1"
}
report_all() { "$REPORT" --all-people --by month --format csv >"$1" 2>&1; }

fill
rows "$T/before"
cp "$D/checkins.csv" "$T/live-before"
[ -n "$REPORT" ] && report_all "$T/report-before"
run attune-archive
check "archive: silent on success" rc_is 0
check "archive: nothing on stdout" out_empty
check "archive: nothing on stderr" err_empty
check "archive: 2024 rows in checkins-2024.csv.gz" \
    test "$(gzip -dc "$D/checkins-2024.csv.gz" | grep -c '^2024-')" = 2
check "archive: rows before the cut-off in checkins-2025.csv.gz" \
    test "$(gzip -dc "$D/checkins-2025.csv.gz" | grep -c '^2025-')" = 2
check "archive: the archive starts with the log's header" \
    test "$(gzip -dc "$D/checkins-2025.csv.gz" | head -n 1)" = \
    "$(head -n 1 "$T/live-before")"
check "archive: rows from the cut-off on stay live" \
    test "$(grep -c '^202[56]-' "$D/checkins.csv")" = 2
check "archive: the oldest live row is the cut-off day" \
    test "$(sed -n 2p "$D/checkins.csv" | cut -c1-10)" = 2025-11-22
rows "$T/after"
check "archive: no row lost or doubled" same "$T/before" "$T/after"
check "archive: archives are private" mode_is 600 "$D/checkins-2024.csv.gz"
check "archive: the live log stays private" mode_is 600 "$D/checkins.csv"
check "archive: no temporary file left" \
    test -z "$(ls -A "$D" | grep '^\.')"
if [ -n "$REPORT" ]; then
	report_all "$T/report-after"
	check "archive: the report reads archived rows as before" \
	    same "$T/report-before" "$T/report-after"
else
	skip "archive: the report reads archived rows as before" "$no_report"
fi

cp "$D/checkins.csv" "$T/live1"
gzip -dc "$D/checkins-2025.csv.gz" >"$T/a2025"
run attune-archive
check "archive: a second run succeeds" rc_is 0
check "archive: a second run changes nothing (live)" same "$T/live1" "$D/checkins.csv"
gzip -dc "$D/checkins-2025.csv.gz" >"$T/a2025b"
check "archive: a second run changes nothing (archive)" same "$T/a2025" "$T/a2025b"
run attune-archive -v
check "archive -v: says there is nothing to move" out_has "Nothing to move"

# Rows back-filled later join the existing archive after its old rows.
ci -m 2 -t 2025-01-15T12:00
rows "$T/before"
run attune-archive --verbose
check "archive: adds to an existing archive" \
    out_has "Moved 1 check-in into checkins-2025.csv.gz."
check "archive: old archived rows kept first" \
    test "$(gzip -dc "$D/checkins-2025.csv.gz" | tail -n 1 | cut -c1-10)" = \
    2025-01-15
rows "$T/after"
check "archive: nothing lost when adding to an archive" same "$T/before" "$T/after"

run attune-archive --before 2026-11-22 -v
check "archive --before: moves up to the day given" \
    out_has "Moved 1 check-in into checkins-2025.csv.gz."
check "archive --before: keeps that day" \
    test "$(grep -c '^2026-11-22' "$D/checkins.csv")" = 1

# Damaged rows and a log cut short stay in the live log as they were.
fill
printf '2024-01-01,me,not-a-number\n' >>"$D/checkins.csv"
ci -m 1 -t 2024-05-05T12:00
printf 'garbage,"unclosed\n' >>"$D/checkins.csv"
rows "$T/before"
run attune-archive
check "archive: damaged log archives what it can" rc_is 0
check "archive: a damaged row stays live" grep -q 'not-a-number' "$D/checkins.csv"
check "archive: a cut-short row stays live" grep -q 'unclosed' "$D/checkins.csv"
rows "$T/after"
check "archive: nothing lost from a damaged log" same "$T/before" "$T/after"

# Bad options: exit 2 with a message, and the logs byte for byte unchanged.
fill
cp "$D/checkins.csv" "$T/live-before"
bad() {	# DESCRIPTION MESSAGE COMMAND…
	_desc=$1 _msg=$2
	shift 2
	run "$@"
	check "$_desc: exit 2" rc_is 2
	check "$_desc: says why" err_has "$_msg"
	check "$_desc: log unchanged" same "$T/live-before" "$D/checkins.csv"
	check "$_desc: no archive written" absent "$D/checkins-2024.csv.gz"
}
bad "archive --before nonsense" "--before: 'someday' is not a date" \
    attune-archive --before someday
bad "archive --before the future" "is after today" \
    attune-archive --before 2027-01-01
bad "archive with an unknown option" "unknown option '--force'" \
    attune-archive --force
bad "archive --dir without a value" "needs a value" attune-archive --dir
bad "checkin --archive with a measure" "--archive moves old check-ins" \
    attune-checkin --archive -m 3
bad "checkin --archive with --who (it moves everyone's rows)" \
    "--archive moves old check-ins" attune-checkin --archive --who sam
bad "checkin --archive with --region" "--archive moves old check-ins" \
    attune-checkin --archive --region gb
bad "checkin --before without --archive" "--before goes with --archive" \
    attune-checkin --before 2025-01-01 -m 3
run attune-archive --help
check "archive --help: usage on stdout" out_has "usage: attune-archive"
run attune-archive -d "$T/nothing-here"
check "archive: no log yet is not an error" rc_is 0
check "archive: no log yet creates nothing" absent "$T/nothing-here"

# An archive whose columns differ is refused, not mixed.
fill
printf 'timestamp,who,mood\n2024-01-01T10:00:00+00:00,me,4\n' | gzip \
    >"$D/checkins-2024.csv.gz"
cp "$D/checkins-2024.csv.gz" "$T/odd.gz"
run attune-archive
check "archive: odd archive columns: exit 1" rc_is 1
check "archive: odd archive columns: says so" err_has "its columns differ"
check "archive: odd archive columns: log unchanged" \
    same "$T/live-before" "$D/checkins.csv"
check "archive: odd archive columns: archive unchanged" \
    same "$T/odd.gz" "$D/checkins-2024.csv.gz"
check "archive: odd archive columns: nothing half done" \
    test -z "$(ls -A "$D" | grep '^\.')"

# A live log that is a symbolic link is not replaced by a copy.
fill
mv "$D/checkins.csv" "$T/real.csv"
ln -s "$T/real.csv" "$D/checkins.csv"
cp "$T/real.csv" "$T/real-before.csv"
run attune-archive
check "archive: a linked log: exit 1" rc_is 1
check "archive: a linked log: says why" err_has "is a symbolic link"
check "archive: a linked log: still a link" test -L "$D/checkins.csv"
check "archive: a linked log: unchanged" same "$T/real-before.csv" "$T/real.csv"
check "archive: a linked log: no archive" absent "$D/checkins-2024.csv.gz"

# Stopped at each point of the move: nothing lost, and the next run ends
# where an uninterrupted run ends.
fill
attune-archive
for f in "$D"/checkins*; do cp "$f" "$T/clean.$(basename "$f")"; done
for point in after-archive before-commit after-commit after-rename; do
	fill
	rows "$T/before"
	[ -n "$REPORT" ] && report_all "$T/report-before"
	run env ATTUNE_TEST_CRASH=$point attune-archive
	check "stopped $point: the run stopped there" rc_is 99
	case $point in
	after-archive|before-commit)
		check "stopped $point: live log as it was" \
		    same "$T/live-before" "$D/checkins.csv" ;;
	*)
		check "stopped $point: live log is the new one" \
		    same "$T/clean.checkins.csv" "$D/checkins.csv" ;;
	esac
	if [ -n "$REPORT" ]; then
		report_all "$T/report-after"
		check "stopped $point: the report sees each row once" \
		    same "$T/report-before" "$T/report-after"
	else
		skip "stopped $point: the report sees each row once" "$no_report"
	fi
	run attune-archive
	check "stopped $point: the next run succeeds" rc_is 0
	for f in "$T"/clean.*; do
		check "stopped $point: then ${f##*/clean.} is as after a clean run" \
		    cmp -s "$f" "$D/${f##*/clean.}"
	done
	rows "$T/after"
	check "stopped $point: nothing lost or doubled" same "$T/before" "$T/after"
	check "stopped $point: nothing left over" \
	    test -z "$(ls -A "$D" | grep '^\.')"
done

# A check-in made while the archive holds the lock waits, then lands in
# the new live log (the writer reopens the replaced file).  The archive
# pauses at the point, holding the lock, until the check-in is seen
# waiting for it.
for point in before-commit after-commit; do
	fill
	rows "$T/before"
	rm -f "$T/paused"
	ATTUNE_TEST_PAUSED=$T/paused ATTUNE_TEST_CRASH=pause:$point \
	    attune-archive &
	apid=$!
	paused "$T/paused"
	attune-checkin -q -m 9 -N "during the move at $point" </dev/null &
	cpid=$!
	lock_waits $cpid
	lrc=$?
	rm -f "$T/paused"
	wait $cpid
	crc=$?
	wait $apid
	arc=$?
	if [ $lrc = 2 ]; then
		skip "check-in during the move ($point): it waits for the lock" \
		    "/proc/locks cannot tell"
	else
		check "check-in during the move ($point): it waits for the lock" \
		    test $lrc = 0
	fi
	check "check-in during the move ($point): both succeed" \
	    test "$crc/$arc" = 0/0
	check "check-in during the move ($point): row in the live log" \
	    grep -q "during the move at $point" "$D/checkins.csv"
	rows "$T/after"
	grep -v "during the move" "$T/after" >"$T/after-old"
	check "check-in during the move ($point): nothing else lost" \
	    same "$T/before" "$T/after-old"
done

# attune-weekly, first with a stand-in for attune-report that records how
# it was called (so the script's own work is tested whatever the report
# prints), then with the real one when it is built.
KIT=$T/kit
mkdir -p "$KIT" "$T/fakebin"
cp "$TOP/scripts/attune-weekly" "$TOP/scripts/attune-remind" "$KIT/"
cat >"$KIT/attune-report" <<'EOF'
#!/bin/sh
echo "$*" >>"$FAKE_CALLS"
[ -n "$FAKE_FAIL" ] && { echo "attune-report: cannot read" >&2; exit 1; }
case " $* " in
*" csv "*)
	echo "period_start,period_end,who,checkins,days,mood_mean,mood_min,mood_max,bond_mean,bond_min,bond_max,anxiety_mean,anxiety_min,anxiety_max,numb_mean,numb_min,numb_max,sleep_mean,sleep_min,sleep_max,flags,screens,reach_out"
	[ -n "$FAKE_CHECKINS" ] && echo "2026-11-22,2026-11-22,\"Sam, the parent\",$FAKE_CHECKINS,1,5.00,5,5,,,,,,,,,,,,,0,0,"
	[ -n "$FAKE_RULES" ] && echo "2026-11-16,2026-11-22,me,3,3,5.00,5,5,,,,,,,,,,,,,1,0,$FAKE_RULES"
	;;
*" html "*) echo "<!DOCTYPE html><html><body>Week \"report\" = kind</body></html>" ;;
*) echo "Your week: caf$(printf '\303\251') and mood 5.00" ;;
esac
exit 0
EOF
cat >"$T/fakebin/sendmail" <<'EOF'
#!/bin/sh
echo "$*" >"$FAKE_MAIL.args"
cat >"$FAKE_MAIL"
[ -z "$FAKE_SENDMAIL_FAIL" ]
EOF
cat >"$T/fakebin/notify-send" <<'EOF'
#!/bin/sh
echo "$*" >"$FAKE_NOTIFY"
EOF
chmod +x "$KIT"/* "$T/fakebin"/*
export FAKE_CALLS="$T/calls" FAKE_MAIL="$T/mail" FAKE_NOTIFY="$T/notify"
unset FAKE_FAIL FAKE_CHECKINS FAKE_RULES FAKE_SENDMAIL_FAIL DISPLAY \
    WAYLAND_DISPLAY
PATH=$T/fakebin:$PATH

rm -rf "$D" "$T/calls"
run "$KIT/attune-weekly"
check "weekly: silent on success" rc_is 0
check "weekly: nothing on stdout" out_empty
check "weekly: nothing on stderr" err_empty
check "weekly: asks for last ISO week, text" \
    grep -qF -- "--week 2026-11-09 --format text" "$T/calls"
check "weekly: asks for last ISO week, html" \
    grep -qF -- "--week 2026-11-09 --format html" "$T/calls"
check "weekly: text report written" grep -q "Your week" "$D/reports/2026-W46.txt"
check "weekly: html report written" grep -q "<html>" "$D/reports/2026-W46.html"
check "weekly: reports directory private" mode_is 700 "$D/reports"
check "weekly: text report private" mode_is 600 "$D/reports/2026-W46.txt"
check "weekly: html report private" mode_is 600 "$D/reports/2026-W46.html"
check "weekly: no mail without ATTUNE_MAILTO" absent "$T/mail"

run env ATTUNE_NOW=2027-01-04T08:00:00+00:00 "$KIT/attune-weekly"
check "weekly: a week across the new year is named by its ISO year" \
    test -f "$D/reports/2026-W53.txt"

run env ATTUNE_MAILTO=me@example.org "$KIT/attune-weekly" -r GB
check "weekly mail: silent on success" rc_is 0
check "weekly mail: silent stdout" out_empty
check "weekly mail: sendmail -t" grep -q -- '-t' "$T/mail.args"
check "weekly mail: addressed" grep -q '^To: me@example.org$' "$T/mail"
check "weekly mail: names the week" grep -q '^Subject: .*2026-W46' "$T/mail"
check "weekly mail: MIME" grep -q '^Content-Type: multipart/mixed' "$T/mail"
check "weekly mail: text body, encoded" grep -q 'caf=C3=A9 and mood' "$T/mail"
check "weekly mail: html attached" \
    grep -q 'filename="2026-W46.html"' "$T/mail"
check "weekly mail: html safely encoded" grep -q '=3D kind' "$T/mail"
check "weekly: --region reaches the report" grep -qF -- "-r GB" "$T/calls"

check "weekly mail: a quiet week's subject says nothing more" \
    grep -q '^Subject: Your attune week, 2026-W46$' "$T/mail"
check "weekly mail: dated" grep -q '^Date: ' "$T/mail"
check "weekly mail: from the user" grep -q '^From: attune <' "$T/mail"
run env ATTUNE_MAILTO=me@example.org ATTUNE_MAILFROM="Sam <sam@example.org>" \
    "$KIT/attune-weekly" --all-people
check "weekly --all-people: one report for everyone" \
    grep -qF -- "--all-people" "$T/calls"
check "weekly --all-people: the subject says so" \
    grep -q '^Subject: Your attune week, 2026-W46 (for everyone)$' "$T/mail"
check "weekly: ATTUNE_MAILFROM sets From:" \
    grep -q '^From: Sam <sam@example.org>$' "$T/mail"
run "$KIT/attune-weekly" --all-people -w sam
check "weekly: --who and --all-people together: exit 2" rc_is 2
run env ATTUNE_MAILTO=me@example.org ATTUNE_MAILFROM="a@b
Bcc: c@d" "$KIT/attune-weekly"
check "weekly: a From: with a line break is refused" rc_is 1
run env FAKE_RULES="lasting;worse" ATTUNE_MAILTO=me@example.org \
    "$KIT/attune-weekly" -w Sam
check "weekly mail: a rule fired: the subject says to reach out" \
    grep -q '^Subject: Your attune week, 2026-W46: time to reach out (for Sam)$' "$T/mail"
run env FAKE_RULES="urgent;lasting" ATTUNE_MAILTO=me@example.org \
    "$KIT/attune-weekly"
check "weekly mail: harm came up: the subject asks to reach out today" \
    grep -q '^Subject: Please reach out today: your attune week, 2026-W46$' "$T/mail"
rm -f "$T/mail"
run env FAKE_RULES="lasting" "$KIT/attune-weekly"
check "weekly: a rule fired, no mail: still quiet" err_empty
run env FAKE_RULES="urgent" "$KIT/attune-weekly"
check "weekly: harm came up, no mail: not silent" \
    err_has "last week, thoughts of harm came up"
check "weekly: harm came up, no mail: the report follows on stderr" \
    err_has "Your week: caf"
check "weekly: harm came up, no mail: exit 0" rc_is 0
check "weekly: harm came up, no mail: nothing mailed" absent "$T/mail"

run env FAKE_SENDMAIL_FAIL=1 ATTUNE_MAILTO=me@example.org "$KIT/attune-weekly"
check "weekly: sendmail failing: exit 1" rc_is 1
check "weekly: sendmail failing: says the report is saved" \
    err_has "it is saved in $D/reports/2026-W46.txt"

run env ATTUNE_MAILTO="me@example.org
Bcc: other@example.org" "$KIT/attune-weekly"
check "weekly: an address with a line break is refused" rc_is 1
check "weekly: and says why" err_has "line break"

rm -rf "$D/reports"
run env FAKE_FAIL=1 "$KIT/attune-weekly"
check "weekly: report failing: exit 1" rc_is 1
check "weekly: report failing: says so" err_has "could not write last week's report"
check "weekly: report failing: no report left" absent "$D/reports/2026-W46.txt"
check "weekly: report failing: no temporary file left" \
    test -z "$(ls -A "$D/reports")"
run "$KIT/attune-weekly" --colour
check "weekly: unknown option: exit 2" rc_is 2
check "weekly: unknown option: named" err_has "unknown option '--colour'"
run "$KIT/attune-weekly" --help
check "weekly --help" out_has "usage: attune-weekly"

if [ -n "$REPORT" ]; then
	fill
	ci -m 4 -b 3 -t 2026-11-10T09:00
	rm -rf "$D/reports"
	run attune-weekly
	check "weekly (real report): silent on success" rc_is 0
	check "weekly (real report): quiet" out_empty
	check "weekly (real report): text written" test -s "$D/reports/2026-W46.txt"
	check "weekly (real report): html written" \
	    grep -qi '<html' "$D/reports/2026-W46.html"
	ci -m 5 -b 5 -f harm -t 2026-11-12T09:00 >/dev/null 2>&1
	run attune-weekly -r GB
	check "weekly (real report): a harm flag last week: exit 0" rc_is 0
	check "weekly (real report): a harm flag last week: crisis lines on stderr" \
	    err_has "Samaritans"
	check "weekly (real report): and the report's reach-out section" \
	    err_has "Please reach out now"
else
	skip "weekly (real report): writes both reports" "$no_report"
fi

# attune-remind.
rm -f "$T/notify"
run "$KIT/attune-remind"
check "remind: no check-in today: says so" out_has "No check-in yet today"
check "remind: exit 0" rc_is 0
check "remind: asks about today only" \
    grep -qF -- "--since today --until today --format csv" "$T/calls"
check "remind: no desktop, no notification" absent "$T/notify"
run env DISPLAY=:0 "$KIT/attune-remind"
check "remind: a desktop gets a notification" grep -q "No check-in yet" "$T/notify"
rm -f "$T/notify"
run env FAKE_CHECKINS=2 DISPLAY=:0 "$KIT/attune-remind"
check "remind: a check-in today: silent" out_empty
check "remind: a check-in today: exit 0" rc_is 0
check "remind: a check-in today: no notification" absent "$T/notify"
run env FAKE_FAIL=1 "$KIT/attune-remind"
check "remind: report failing: exit 1" rc_is 1
check "remind: report failing: says so" err_has "could not read today's check-ins"
run "$KIT/attune-remind" -x
check "remind: unknown option: exit 2" rc_is 2

if [ -n "$REPORT" ]; then
	rm -rf "$D"
	ci -m 5 -t 2026-11-21T09:00
	run attune-remind
	check "remind (real report): yesterday only: says so" \
	    out_has "No check-in yet today"
	ci -m 6
	run attune-remind
	check "remind (real report): checked in today: silent" out_empty
	check "remind (real report): exit 0" rc_is 0
	run attune-remind -w sam
	check "remind (real report): someone else has not: says so" \
	    out_has "No check-in yet today"
	ci -m 5 -f harm >/dev/null 2>&1
	run attune-remind
	check "remind (real report): after harm, the crisis lines on stderr" \
	    err_has "If you are in danger"
	check "remind (real report): after harm, still exit 0" rc_is 0
else
	skip "remind (real report): both ways" "$no_report"
fi
done_testing

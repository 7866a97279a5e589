#!/bin/sh
# attune report's periods as people name them: --last ending today or at
# --until, --week last / 2026-W47, --month November / 2026-11, a bad value
# refused (exit 2) rather than read as a file, --since after --until naming
# the date to change, and, when nothing is found, where attune looked and
# whose entries there are; names matched whatever their case and spaces.
. "$TOP/tests/lib.sh"

mkdir -p "$ATTUNE_DIR"
chmod 700 "$ATTUNE_DIR"
ci() { attune-checkin -q "$@" || echo "setup failed: $*" >&2; }
ci -m 5 -b 4 -t yesterday		# 2026-11-21
ci -m 6 -b 5 -t 2026-11-10T09:00
ci -m 3 -b 2 -t 2026-10-30T09:00
ci -m 7 -b 7 -t 2026-10-01T09:00 -w Sam

row() { grep -F "$1" "$T/out" >/dev/null; }
period_is() {	# DESCRIPTION START,END,WHO,CHECKINS OPTION...
	_d=$1 _want=$2
	shift 2
	run attune-report -f csv "$@"
	check "$_d" row "$_want,"
	check "$_d: one period" lines_are 2 "$T/out"
}
period_is "--last 1m: the month ending today" "2026-10-23,2026-11-22,me,3" --last 1m
period_is "--last 2w: 14 days ending today" "2026-11-09,2026-11-22,me,2" --last 2w
period_is "--last 14d" "2026-11-09,2026-11-22,me,2" --last 14d
period_is "--last 3m" "2026-08-23,2026-11-22,me,3" --last 3m
period_is "--last 1w --until: the week ending then" "2026-11-04,2026-11-10,me,1" --last 1w --until 2026-11-10
period_is "--week last" "2026-11-09,2026-11-15,me,1" --week last
period_is "--week 2026-W47" "2026-11-16,2026-11-22,me,1" --week 2026-W47
period_is "--week=2026-W46" "2026-11-09,2026-11-15,me,1" --week=2026-W46
period_is "--month November" "2026-11-01,2026-11-30,me,2" --month November
period_is "--month oct" "2026-10-01,2026-10-31,me,1" --month oct
period_is "--month 2026-10" "2026-10-01,2026-10-31,me,1" --month 2026-10
period_is "--month last" "2026-10-01,2026-10-31,me,1" --month last
period_is "--since a weekday" "2026-11-16,2026-11-22,me,1" --since monday

# A bad value is a usage error, not a file to read.
bad() {	# DESCRIPTION MESSAGE OPTION...
	_d=$1 _m=$2
	shift 2
	run attune-report "$@"
	check "$_d: exit 2" rc_is 2
	check "$_d: says what is wrong" err_has "$_m"
	check "$_d: not taken as a log" err_lacks "Nothing is logged"
	check "$_d: prints nothing" out_empty
}
bad "--week lastt" "--week: 'lastt' is not a week; use a date like 2026-11-18, 'last' (last week), or a week like 2026-W47" --week lastt
bad "--week 2025-W53" "--week: '2025-W53' has no such week" --week 2025-W53
bad "--month Novembre" "--month: 'Novembre' is not a month" --month Novembre
bad "--month 2026-13" "--month: '2026-13' is not a month; use a month like 2026-11 (the month from 01 to 12)" --month 2026-13
bad "--last 1y" "--last: '1y' is not a length like 14d, 2w or 3m" --last 1y
bad "--last with --since" "choose one period" --last 2w --since 2026-11-01
bad "--since after --until" "change --since to 2026-11-10 or earlier, or --until to 2026-11-20 or later" --since 2026-11-20 --until 2026-11-10
bad "--since after today" "--since: 'tomorrow" --since tomorrow
bad "--since in the future" "is after today (2026-11-22); change --since to today or earlier" --since 2026-12-01
bad "--since a day-first date" "write the year first, as 2026-11-20" --since 20/11/2026
# An existing file after --week is still a log to read; a value wins.
cp "$ATTUNE_DIR/checkins.csv" "$T/mylog"
cp "$ATTUNE_DIR/checkins.csv" "$T/last"
(cd "$T" && attune-report -f csv --week mylog) >"$T/out" 2>"$T/err"
check "--week FILE: a file there is read as a log, this week" row "2026-11-16,2026-11-22,me,1,"
(cd "$T" && attune-report -f csv --week last) >"$T/out" 2>"$T/err"
check "--week last, with a file named last: the value" row "2026-11-09,2026-11-15,me,1,"

# Nothing found: where attune looked, and whose entries there are.
run attune-report -w nobody
check "-w nobody: still exit 0" rc_is 0
check "-w nobody: says where it looked" err_has "attune looked in $ATTUNE_DIR"
check "-w nobody: names whose entries there are" err_has "there are entries for me and Sam; choose with --who NAME, or --all-people"
run attune-report -w Sam --week
check "Sam this week: says when Sam's check-ins are" err_has "Check-ins for Sam run from 2026-10-01 to 2026-10-01"
run attune-report -f json -w nobody
check "json: the hints go to stderr, the JSON stays whole" err_has "attune looked in"
check "json: stdout is JSON" sh -c "head -c1 '$T/out' | grep -q '{'"
run attune-report -w nobody "$T/mylog"
check "files given: says so" err_has "attune looked in the file given"
run attune-report -q -w nobody
check "--quiet: nothing said" err_empty

# Names match whatever the case and the spaces around them.
run attune-report -f csv -w " sam " --month october
check "' sam ' finds Sam" row "2026-10-01,2026-10-31,Sam,1,"
run attune-report -f csv -w ME --last 1m
check "ME finds me" row "2026-10-23,2026-11-22,me,3,"
printf 'timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note\n2026-11-20T09:00:00+00:00,sam,4,,,,,,,\n' >"$T/lower.csv"
run attune-report -f csv -w Sam --month 2026-11 "$ATTUNE_DIR/checkins.csv" "$T/lower.csv"
check "Sam and sam are one person, by the first spelling met" row "2026-11-01,2026-11-30,Sam,1,"

### A log saved by a spreadsheet.
printf 'Timestamp,WHO,Mood,Bond,Sleep\n2026-11-20T09:00:00+00:00,me,5.0,4,6.50\n2026-11-21T09:00:00+00:00,me,3.0,4.,7\n2026-11-21T10:00:00+00:00,me,3.5,4,7\n' >"$T/sheet.csv"
run attune-report -f csv --month 2026-11 "$T/sheet.csv"
check "spreadsheet: header names in any case, 3.0 read as 3" row "2026-11-01,2026-11-30,me,2,2,4.00,3,5,4.00,4,4,,,,,,,6.75,6.5,7.0,"
check "spreadsheet: 3.5 is still not a whole number" err_has "sheet.csv:4: mood '3.5' is not a number from 0 to 10 (row skipped)"
printf 'timestamp;who;mood;bond\n2026-11-20T09:00:00+00:00;me;5;4\n2026-11-21T09:00:00+00:00;me;6;4\n2026-11-22T09:00:00+00:00;me;6;4\n' >"$T/semi.csv"
run attune-report -f csv "$T/semi.csv"
check "';' separated: exit 1, nothing read" rc_is 1
check "';' separated: says so" err_has "semi.csv: its columns are separated by ';', not by commas"
check "';' separated: one message, not one a row" [ "$(grep -c 'semi.csv' "$T/err")" = 1 ]
check "';' separated: no other complaint" err_lacks "has no 'timestamp' column"

done_testing

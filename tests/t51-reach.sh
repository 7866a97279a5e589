#!/bin/sh
# t51-reach: the reach-out judgement (lib/judge.c) on whole scenarios, each
# built as a log: exactly which rules fire, the same in text, csv and json,
# with --check's exit status; and attune tips and attune checkin agreeing
# with the report on every one of them.
. "$TOP/tests/lib.sh"

HEAD=timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note
SHEAD=timestamp,who,instrument,total,band,subscales,flags,answers
# ATTUNE_NOW is Sunday 2026-11-22, 21:04 (tests/lib.sh).

# rows FROM N STEP MOOD BOND ANX NUMB SLEEP FLAGS: N check-ins, the first
# FROM days back, then every STEP days forward.
rows() {
	_f=$1 _n=$2 _s=$3 _i=0
	shift 3
	while [ "$_i" -lt "$_n" ]; do
		printf '%sT09:00:00+00:00,me,%s,%s,%s,%s,%s,,%s,\n' \
		    "$(day $((_f - _i * _s)))" "$1" "$2" "$3" "$4" "$5" "$6"
		_i=$((_i + 1))
	done
}
# week K MOOD BOND ANX NUMB: a check-in every day of the ISO week K weeks
# before this one (this one is 2026-11-16 to 2026-11-22).
week() {
	_k=$1
	shift
	rows $((7 * _k + 6)) 7 1 "$@" 7 ""
}

# The rules attune report names for the last 14 days, in each format; the
# exit status of --check.
rules_csv() { tail -n 1 "$T/out" | awk -F, '{ print $NF }'; }
rules_json() {
	sed -n 's/^{"from".*"reach_out":\[\([^]]*\)\].*/\1/p' "$T/out" |
	    tr -d '"' | tr ',' ';'
}
rules_text() {
	grep '^  \* ' "$T/out" | sed 's/^  \* //' | while read -r name; do
		case $name in
		"Please reach out now") echo urgent ;;
		"A very hard stretch") echo hard-stretch ;;
		"Lasting two weeks") echo lasting ;;
		"Getting worse") echo worse ;;
		"Concerns that keep coming up") echo concerns ;;
		"A screen above its cut-off") echo screen ;;
		*) echo "?$name" ;;
		esac
	done | paste -sd ';' -
}

# The words attune tips says for each rule (bin/tips.c), in its "Chosen
# because" line.
tips_words() {
	case $1 in
	urgent) echo "thoughts of harm came up" ;;
	hard-stretch) echo "the last few days have been very hard" ;;
	lasting) echo "hard feelings have lasted about two weeks" ;;
	worse) echo "things have been getting harder week by week" ;;
	concerns) echo "the same worries keep coming up" ;;
	screen) echo "a recent" ;;
	esac
}

ALL="urgent hard-stretch lasting worse concerns screen"

# scenario NAME EXPECTED CHECKINS [SCREENS]: EXPECTED is the rules, in
# order, joined by ';' (empty: none).
scenario() {
	_name=$1 _want=$2
	printf '%s\n' "$HEAD" >"$T/c.csv"
	cat "$3" >>"$T/c.csv"
	printf '%s\n' "$SHEAD" >"$T/s.csv"
	[ -n "${4-}" ] && cat "$4" >>"$T/s.csv"
	_want_rc=0
	[ -n "$_want" ] && _want_rc=3

	run attune-report --last 14d -f csv --check "$T/c.csv" "$T/s.csv"
	check "$_name: csv names $_want" [ "$(rules_csv)" = "$_want" ]
	check "$_name: --check exits $_want_rc" rc_is "$_want_rc"
	run attune-report --last 14d -f json "$T/c.csv" "$T/s.csv"
	check "$_name: json names $_want" [ "$(rules_json)" = "$_want" ]
	run attune-report --last 14d "$T/c.csv" "$T/s.csv"
	check "$_name: text names $_want" [ "$(rules_text)" = "$_want" ]
	run attune-report --last 14d --check -q "$T/c.csv" "$T/s.csv"
	check "$_name: --check -q exits $_want_rc" rc_is "$_want_rc"
	check "$_name: --check -q prints nothing on stdout" out_empty
	case ";$_want;" in
	*";urgent;"*)
		check "$_name: --check -q still shows the crisis lines" \
		    err_has "If you are in danger" ;;
	*)	check "$_name: --check -q is quiet" err_empty ;;
	esac

	# attune tips reads the data directory: the same logs there.
	rm -rf "$T/d"
	mkdir -m 700 "$T/d"
	cp "$T/c.csv" "$T/d/checkins.csv"
	cp "$T/s.csv" "$T/d/screens.csv"
	chmod 600 "$T/d"/*.csv
	run attune-tips -d "$T/d" -n 50
	tr '\n' ' ' <"$T/out" | tr -s ' ' >"$T/tips.flat"
	_agree=1
	for _r in $ALL; do
		_said=0 _fired=0
		grep -qF -e "$(tips_words "$_r")" "$T/tips.flat" && _said=1
		case ";$_want;" in *";$_r;"*) _fired=1 ;; esac
		[ "$_said" = "$_fired" ] || _agree=0
	done
	check "$_name: attune tips agrees with the report" [ "$_agree" = 1 ]
	case ";$_want;" in
	*";urgent;"*)
		check "$_name: tips: crisis lines first" \
		    first_line_has "$T/out" "If you are in danger"
		run attune-tips -d "$T/d" -f csv
		check "$_name: tips csv: the crisis lines are the first row" \
		    sh -c "sed -n 2p '$T/out' | grep -q '^crisis,'"
		check "$_name: tips: then the reach-out tip comes first" \
		    sh -c "grep '^[a-z0-9-]*,[a-z-]*,' '$T/out' | sed -n 3p | grep -q '^reach-out-today,'" ;;
	esac

	# attune checkin: logging the last row again today says that a rule
	# fires newly exactly when the report, before and after, says so.
	run attune-report -d "$T/d" --last 14d -f csv
	_before=$(rules_csv)
	_last=$(tail -n 1 "$T/c.csv" | cut -d, -f3-7)
	set -- $(printf '%s\n' "$_last" | awk -F, '{
		printf "%s %s %s %s %s", $1 != "" ? "-m " $1 : "",
		    $2 != "" ? "-b " $2 : "", $3 != "" ? "-a " $3 : "",
		    $4 != "" ? "-n " $4 : "", $5 != "" ? "-s " $5 : "" }')
	[ $# -gt 0 ] || set -- -N "a note"
	run attune-checkin -d "$T/d" "$@"
	_note=0
	out_has "suggest it may help to talk to someone" && _note=1
	_said_rc=$rc
	run attune-report -d "$T/d" --last 14d -f csv
	_after=$(rules_csv)
	_fresh=0
	for _r in $(printf '%s\n' "$_after" | tr ';' ' '); do
		[ "$_r" = urgent ] && continue
		case ";$_before;" in *";$_r;"*) ;; *) _fresh=1 ;; esac
	done
	check "$_name: checkin logs (exit 0)" [ "$_said_rc" = 0 ]
	check "$_name: checkin's note agrees with the report ($_before -> $_after)" \
	    [ "$_note" = "$_fresh" ]
}

# --- parents for whom nothing should fire -----------------------------
rows 20 21 1 6 7 3 2 7 "" >"$T/x"
scenario "steady" "" "$T/x"
{ rows 20 11 2 4 4 6 5 6 ""; rows 19 10 2 8 8 2 1 8 ""; } >"$T/x"
scenario "noisy but fine" "" "$T/x"
rows 12 3 5 5 2 5 5 7 "" >"$T/x"
scenario "sparse: three low-bond check-ins" "" "$T/x"
{ rows 41 21 1 2 1 9 9 4 ""; rows 20 21 1 7 8 2 2 7 ""; } >"$T/x"
scenario "recovered: 21 hard days, then 21 good" "" "$T/x"
{ rows 13 1 1 5 3 5 5 7 ""; rows 0 1 1 5 3 5 5 7 ""; } >"$T/x"
scenario "two check-ins 14 days apart" "" "$T/x"
{ week 2 9 8 2 2; week 1 8 8 2 2; week 0 8 8 2 2; } >"$T/x"
scenario "mood 9, 8, 8 by week: no clear fall" "" "$T/x"
{ week 2 7 7 2 2; week 1 7 7 2 2; week 0 6 7 2 2; } >"$T/x"
scenario "mood 7, 7, 6 by week: a small fall" "" "$T/x"

# --- parents who should hear it ------------------------------------------
rows 20 21 1 2 "" 9 "" 4 "" >"$T/x"
scenario "mood 2, anxiety 9, 4 hours' sleep for 21 days" "hard-stretch;lasting" "$T/x"
rows 20 21 1 "" "" "" "" "" "intrusive;cant-care;rage" >"$T/x"
scenario "intrusive, cant-care and rage every day" "concerns" "$T/x"
rows 12 13 1 1 0 "" 10 "" "" >"$T/x"
scenario "13 days of mood 1, bond 0, numbness 10" "hard-stretch;lasting" "$T/x"
{ week 4 6 8 3 2; week 3 6 7 3 2; week 2 6 6 3 2; week 1 6 5 3 2
  week 0 6 4 3 2; } >"$T/x"
scenario "bond 8, 7, 6, 5, 4 by week" "worse" "$T/x"
{ week 4 7 7 3 2; week 3 7 7 3 2; week 2 5 7 3 2; week 1 5 7 3 2
  week 0 3 7 3 2; } >"$T/x"
scenario "mood 7, 7, 5, 5, 3 by week: a plateau" "worse" "$T/x"
{ rows 30 1 1 7 7 3 2 7 ""; rows 23 1 1 6 7 3 2 7 ""
  rows 9 1 1 4 7 3 2 7 ""; rows 2 1 1 3 7 3 2 7 ""; } >"$T/x"
scenario "once a week: 7, 6, none, 4, 3" "worse" "$T/x"
rows 9 4 1 6 6 3 2 7 "" >"$T/x"
printf '%s\n' "2026-11-18T10:00:00+00:00,me,epds,9,none,epds3a=9,," >"$T/y"
scenario "EPDS of 9 with EPDS-3A at 9/9" "screen" "$T/x" "$T/y"
{ rows 5 3 1 6 6 3 2 7 ""; rows 0 1 1 6 6 3 2 7 "harm"; } >"$T/x"
scenario "a harm flag" "urgent" "$T/x" /dev/null
{ rows 5 3 1 6 6 3 2 7 ""; rows 2 1 1 6 6 3 2 7 "harm"; } >"$T/x"
scenario "a harm flag three days ago" "urgent" "$T/x"
rows 5 3 1 6 6 3 2 7 "" >"$T/x"
printf '%s\n' "2026-11-20T10:00:00+00:00,me,phq9,1,none,,,1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;2:1" >"$T/y"
scenario "PHQ-9 item 9 at 1, total 1" "urgent" "$T/x" "$T/y"
printf '%s\n%s\n' "2026-11-10T10:00:00+00:00,me,phq9,14,moderate,,," \
    "2026-11-20T10:00:00+00:00,me,phq9,3,none,,," >"$T/y"
scenario "a positive PHQ-9, then a negative one" "" "$T/x" "$T/y"

# A week still under way counts once it has three days logged (Wednesday
# 2026-11-18: this week has one check-in so far).
{ rows 16 7 1 7 7 3 2 7 ""; rows 9 7 1 6 7 3 2 7 ""; rows 2 1 1 4 7 3 2 7 ""; } |
    awk -F, '$1 < "2026-11-19"' >"$T/x"
printf '%s\n' "$HEAD" | cat - "$T/x" >"$T/c.csv"
ATTUNE_NOW=2026-11-18T21:00:00+00:00 run attune-report --last 14d -f csv --check "$T/c.csv"
check "a week under way with one check-in does not count yet" rc_is 0
{ rows 16 7 1 7 7 3 2 7 ""; rows 9 7 1 5.5 7 3 2 7 ""; rows 2 3 1 4 7 3 2 7 ""; } >"$T/x"
printf '%s\n' "$HEAD" | cat - "$T/x" >"$T/c.csv"
run attune-report --last 14d -f csv --check "$T/c.csv"
check "with three days it counts" [ "$(rules_csv)" = worse ]

# The past tense: a stretch that ended before the window is not "now".
{ rows 41 21 1 2 1 9 9 4 ""; rows 20 21 1 7 8 2 2 7 ""; } >"$T/x"
printf '%s\n' "$HEAD" | cat - "$T/x" >"$T/c.csv"
run attune-report --since 2026-10-12 --until 2026-11-01 -f csv --check "$T/c.csv"
check "the hard weeks, judged at their end: it fired then" rc_is 3
run attune-report --check "$T/c.csv"
check "the whole log, judged today: --check is 0" rc_is 0
check "and the report tells the stretch in the past tense" \
    out_has "From 2026-10-12 to 2026-11-01, things were very hard."
check "with no reach-out section" out_lacks "Reach out"
run attune-report -f html "$T/c.csv"
check "html: the stretch in the past tense too" \
    out_has "<strong>Earlier:</strong> From 2026-10-12 to 2026-11-01, things were very hard."
run attune-report --last 14d "$T/c.csv"
check "the last two weeks alone say nothing of it" out_lacks "Earlier"

# --by week: each week judged on the 14 days ending at its Sunday.
{ week 4 6 8 3 2; week 3 6 7 3 2; week 2 6 6 3 2; week 1 6 5 3 2
  week 0 6 4 3 2; } >"$T/x"
printf '%s\n' "$HEAD" | cat - "$T/x" >"$T/c.csv"
run attune-report --by week -f csv "$T/c.csv"
check "by week: the first weeks do not fire, the later ones do" \
    [ "$(awk -F, 'NR > 1 { printf "%s|", $NF }' "$T/out")" = "||worse|worse|worse|" ]

# Every threshold of --rules is in attune-report(1), with its value.
run attune-report --rules
check "--rules prints the table" out_has "lasting-span"
missing=$(awk '{ print $1, $2 }' "$T/out" | while read -r id v; do
	grep -q "^\.It $id Ta $v Ta" "$TOP/man/attune-report.1" || echo "$id"
done)
check "every threshold is in attune-report(1) with its value" [ -z "$missing" ]

# The README's example, for a recovered parent and a struggling one.
rm -rf "$T/d"
mkdir -m 700 "$T/d"
{ printf '%s\n' "$HEAD"; rows 41 21 1 2 1 9 9 4 ""; rows 20 21 1 7 8 2 2 7 ""; } >"$T/d/checkins.csv"
chmod 600 "$T/d/checkins.csv"
run sh -c "attune report -d '$T/d' --last 14d --check -q || echo 'time to reach out'"
check "README example: a recovered parent: nothing said" out_empty
{ printf '%s\n' "$HEAD"; rows 13 14 1 2 2 8 8 5 ""; rows 1 1 1 2 2 8 8 5 harm; } >"$T/d/checkins.csv"
run sh -c "attune report -d '$T/d' --last 14d --check -q || echo 'time to reach out'"
check "README example: a struggling parent: time to reach out" out_has "time to reach out"
check "README example: crisis lines on stderr when urgent" err_has "If you are in danger"

# A harm flag last week, nothing logged this week yet (Monday morning).
rm -rf "$T/d"
mkdir -m 700 "$T/d"
{ printf '%s\n' "$HEAD"; rows 1 1 1 5 5 5 5 7 harm; } >"$T/d/checkins.csv"
chmod 600 "$T/d/checkins.csv"
ATTUNE_NOW=2026-11-23T08:00:00+00:00 run attune-report -d "$T/d" --week --check
check "harm on Saturday, nothing this week: --week --check exits 3" rc_is 3
check "and the crisis lines come first" first_line_has "$T/out" "If you are in danger"
check "and it says nothing is logged this week" out_has "Nothing is logged for this period"
ATTUNE_NOW=2026-11-23T08:00:00+00:00 run attune-report -d "$T/d" --week --check -f csv
check "the same in csv: exit 3" rc_is 3
check "the same in csv: crisis lines on stderr first" \
    first_line_has "$T/err" "If you are in danger"

# A harm check-in written with a far-east offset: a moment already past,
# dated tomorrow in its own offset, counts today.
rm -rf "$T/d"
mkdir -m 700 "$T/d"
attune-checkin -d "$T/d" -m 5 -f harm -t 2026-11-23T05:00+14:00 >/dev/null 2>&1
check "a check-in at +14:00 is logged with its own date" \
    grep -q '^2026-11-23T05:00:00+14:00,' "$T/d/checkins.csv"
for args in "--last 14d" "--week" ""; do
	run attune-report -d "$T/d" $args --check -q
	check "+14:00 harm: report $args --check exits 3" rc_is 3
done
run attune-tips -d "$T/d"
check "+14:00 harm: tips shows the crisis lines" first_line_has "$T/out" "If you are in danger"
{ printf '%s\n' "$HEAD"; echo "2026-11-23T12:00:00+14:00,me,5,,,,,,harm,"; } >"$T/d/checkins.csv"
run attune-report -d "$T/d" --last 14d --check -q
check "+14:00, a moment still to come: not counted yet" rc_is 0

# --strict stops at a malformed row, but what was read still counts: a
# harm flag read before it shows the crisis lines (exit 1).
rm -rf "$T/d"
mkdir -m 700 "$T/d"
{ printf '%s\n' "$HEAD"; rows 2 1 1 5 5 5 5 7 harm
  echo "2026-11-21T09:00:00+00:00,me,99,5,5,5,7,,,"; } >"$T/d/checkins.csv"
chmod 600 "$T/d/checkins.csv"
run attune-report -d "$T/d" --strict --check
check "report --strict, harm then a bad row: exit 1" rc_is 1
check "report --strict, harm then a bad row: the crisis lines still" \
    err_has "If you are in danger"
check "report --strict: and the bad row named" err_has "checkins.csv:3:"
# The same when --who is typed in another case than the log spells it
# (the report itself matches names that way).
{ printf '%s\n' "$HEAD"; rows 2 1 1 5 5 5 5 7 harm | sed 's/,me,/,Sam,/'
  echo "2026-11-21T09:00:00+00:00,Sam,99,5,5,5,7,,,"; } >"$T/d/checkins.csv"
run attune-report -d "$T/d" --who sam --strict --week
check "report --strict --who sam, the log's Sam: exit 1" rc_is 1
check "report --strict --who sam, the log's Sam: the crisis lines still" \
    err_has "If you are in danger"
# And a bad row before the harm: --strict stops there, but the logs are
# judged past it all the same, and the bad row is named once.
{ printf '%s\n' "$HEAD"; echo "2026-11-19T09:00:00+00:00,me,99,5,5,5,7,,,"
  rows 2 1 1 5 5 5 5 7 harm; } >"$T/d/checkins.csv"
run attune-report -d "$T/d" --strict
check "report --strict, a bad row then harm: exit 1" rc_is 1
check "report --strict, a bad row then harm: the crisis lines" \
    err_has "If you are in danger"
check "report --strict, a bad row then harm: the row named once" \
    [ "$(grep -c 'checkins.csv:2:' "$T/err")" = 1 ]
# A screen with its safety item three weeks back, the last thing logged,
# and a bad row in the check-ins: --strict judges the period the report
# itself would (the whole log when none is asked for).
{ printf '%s\n' "$HEAD"; echo "$(day 21)T08:00:00+00:00,me,5,5,5,5,7,,,"
  echo "$(day 21)T08:30:00+00:00,me,5,5,5,5,7,,,\"open"; } >"$T/d/checkins.csv"
{ printf '%s\n' "$SHEAD"
  echo "$(day 21)T09:00:00+00:00,me,phq9,1,none,,safety,1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;2:1"
} >"$T/d/screens.csv"
chmod 600 "$T/d/screens.csv"
run attune-report -d "$T/d"
check "old safety screen: the report shows the crisis lines" \
    out_has "If you are in danger"
run attune-report -d "$T/d" --strict
check "old safety screen, --strict, a bad row: exit 1" rc_is 1
check "old safety screen, --strict, a bad row: the crisis lines too" \
    err_has "If you are in danger"
# Standard input cannot be read twice: what was read before the bad row.
{ printf '%s\n' "$HEAD"; rows 2 1 1 5 5 5 5 7 harm
  echo "2026-11-21T09:00:00+00:00,me,99,5,5,5,7,,,"; } >"$T/in.csv"
runin "$(cat "$T/in.csv")
" attune-report --strict -
check "report --strict - (stdin), harm then a bad row: exit 1" rc_is 1
check "report --strict - (stdin), harm then a bad row: the crisis lines" \
    err_has "If you are in danger"
rm -f "$T/d/screens.csv"

# Harm in the two weeks ending today shows the crisis lines whatever
# period is reported, one that ended long before too: the rule the lines
# follow before a usage error, so that a typo never shows more.
rm -rf "$T/d"
mkdir -m 700 "$T/d"
{ printf '%s\n' "$HEAD"; echo "2026-10-10T09:00:00+00:00,me,5,5,5,5,7,,,"
  rows 3 1 1 5 5 5 5 7 harm; } >"$T/d/checkins.csv"
chmod 600 "$T/d/checkins.csv"
for args in "--month 2026-10" "--month 2026-09" "--until $(day 4)"; do
	run attune-report -d "$T/d" $args -r gb
	check "harm 3 days ago, report $args: exit 0" rc_is 0
	check "harm 3 days ago, report $args: the crisis lines first" \
	    first_line_has "$T/out" "If you are in danger"
	check "harm 3 days ago, report $args: the region's" out_has "Samaritans"
done
run attune-report -d "$T/d" --month 2026-10 --bogus
check "harm 3 days ago, --month 2026-10 --bogus: exit 2" rc_is 2
check "harm 3 days ago, --month 2026-10 --bogus: the lines the same" \
    first_line_has "$T/out" "If you are in danger"
for f in md html; do
	run attune-report -d "$T/d" --month 2026-10 -f $f
	check "harm 3 days ago, --month 2026-10 -f $f: the crisis lines" \
	    out_has "If you are in danger"
done
run attune-report -d "$T/d" --month 2026-10 -f json
check "harm 3 days ago, --month 2026-10 -f json: the crisis numbers" \
    out_has '"crisis":[{'
check "harm 3 days ago, --month 2026-10 -f json: the lines on stderr" \
    first_line_has "$T/err" "If you are in danger"
run attune-report -d "$T/d" --month 2026-10 -f csv
check "harm 3 days ago, --month 2026-10 -f csv: the rows as ever" \
    [ "$(sed -n 2p "$T/out" | cut -d, -f1)" = 2026-10-01 ]
check "harm 3 days ago, --month 2026-10 -f csv: the lines on stderr" \
    first_line_has "$T/err" "If you are in danger"
run sh -c 'attune-report -d "$1" --month 2026-10 -f csv >"$2" 2>&1' - \
    "$T/d" "$T/both"
check "harm 3 days ago, --month 2026-10 -f csv 2>&1: the lines first" \
    first_line_has "$T/both" "If you are in danger"
check "harm 3 days ago, --month 2026-10 -f csv 2>&1: once" \
    [ "$(grep -c 'If you are in danger' "$T/both")" = 1 ]
run attune-report -d "$T/d" --month 2026-10 -q
check "harm 3 days ago, --month 2026-10 -q: the lines on stderr" \
    err_has "If you are in danger"
run attune-report -d "$T/d" --month 2026-10 --check -q
check "harm 3 days ago, --month 2026-10 --check: October's status (0)" \
    rc_is 0
echo "2026-10-12T09:00:00+00:00,me,99,5,5,5,7,,," >>"$T/d/checkins.csv"
run attune-report -d "$T/d" --month 2026-10 --strict
check "harm 3 days ago, --month 2026-10 --strict, a bad row: exit 1" rc_is 1
check "harm 3 days ago, --month 2026-10 --strict, a bad row: the lines" \
    err_has "If you are in danger"
# Harm 20 days ago is not in the last two weeks, nor in October.
{ printf '%s\n' "$HEAD"; echo "2026-10-10T09:00:00+00:00,me,5,5,5,5,7,,,"
  rows 20 1 1 5 5 5 5 7 harm; } >"$T/d/checkins.csv"
for f in text csv; do
	run attune-report -d "$T/d" --month 2026-10 -f $f
	check "harm 20 days ago, --month 2026-10 -f $f: no crisis lines" \
	    sh -c "! grep -q 'If you are in danger' '$T/out' '$T/err'"
done

# --strict's stop judges the report's periods as the report does, every
# one: harm in the first week of October, a bad row in the last.
{ printf '%s\n' "$HEAD"; echo "2026-10-05T09:00:00+00:00,me,3,3,5,5,6,,harm,"
  echo "2026-10-28T09:00:00+00:00,me,5,5,5,5,7,,,"
  echo "2026-10-29T09:00:00+00:00,me,99,5,5,5,7,,,"; } >"$T/d/checkins.csv"
for f in text csv; do
	run attune-report -d "$T/d" --month 2026-10 --by week -f $f
	check "harm in October's first week, --by week -f $f: the lines" \
	    sh -c "grep -q 'If you are in danger' '$T/out' '$T/err'"
	run attune-report -d "$T/d" --month 2026-10 --by week -f $f --strict
	check "harm in October's first week, --by week -f $f --strict: exit 1" \
	    rc_is 1
	check "harm in October's first week, --by week -f $f --strict: the lines" \
	    err_has "If you are in danger"
done

# Safety before any usage check: a mistake in an option never hides the
# crisis lines, and they reach the terminal when stdout is a file.
rm -rf "$T/d"
mkdir -m 700 "$T/d"
{ printf '%s\n' "$HEAD"; rows 2 1 1 5 5 5 5 7 harm; } >"$T/d/checkins.csv"
chmod 600 "$T/d/checkins.csv"
for args in "--region nowhere" "--count 99" "--time someday" "--bogus" "--format pdf"; do
	run attune-tips -d "$T/d" $args
	check "tips $args after harm: exit 2" rc_is 2
	check "tips $args after harm: crisis lines first" \
	    first_line_has "$T/out" "If you are in danger"
	check "tips $args after harm: and on stderr, before the error" \
	    first_line_has "$T/err" "If you are in danger"
done
for args in "--region nowhere" "--by fortnight" "--bogus" "--last 0d"; do
	run attune-report -d "$T/d" $args
	check "report $args after harm: exit 2" rc_is 2
	check "report $args after harm: crisis lines first" \
	    first_line_has "$T/out" "If you are in danger"
done
# What is wrong with the region is said after the lines, not before.
for cmd in tips report; do
	ATTUNE_REGION=zz run sh -c 'attune-$1 -d "$2" --bogus 2>&1' - $cmd "$T/d"
	check "$cmd --bogus after harm, a bad ATTUNE_REGION: exit 2" rc_is 2
	check "$cmd --bogus after harm, a bad ATTUNE_REGION: the lines first" \
	    first_line_has "$T/out" "If you are in danger"
	check "$cmd --bogus after harm, a bad ATTUNE_REGION: then the warning" \
	    out_has "ATTUNE_REGION: 'zz' is not a two-letter country code"
done
printf 'region = nz\nregoin = au\n' >"$T/d/attune.conf"
run sh -c 'attune-report -d "$1" --bogus 2>&1' - "$T/d"
check "report --bogus after harm: --dir's attune.conf gives the region" \
    out_has "  NZ  Need to Talk?"
check "report --bogus after harm: only that region" out_lacks "  US  "
check "report --bogus after harm: the lines before its warning" \
    first_line_has "$T/out" "If you are in danger"
check "report --bogus after harm: its warning still said" \
    out_has "attune.conf:2: 'regoin' is not a setting"
rm -f "$T/d/attune.conf"
# A bad ATTUNE_NOW is a usage error, said once with its value, after the
# crisis lines: the judging for them goes on by the system clock (harm
# yesterday by it), and a mistake in an option is still named as itself.
rm -rf "$T/now"
mkdir -m 700 "$T/now"
{ printf '%s\n' "$HEAD"
  printf '%sT09:00:00+00:00,me,5,5,5,5,7,,harm,\n' \
      "$(date -u -d '1 day ago' +%Y-%m-%d)"; } >"$T/now/checkins.csv"
chmod 600 "$T/now/checkins.csv"
for cmd in tips report; do
	run env ATTUNE_NOW=garbage attune-$cmd -d "$T/now" --bogus
	check "$cmd --bogus, a bad ATTUNE_NOW: exit 2" rc_is 2
	check "$cmd --bogus, a bad ATTUNE_NOW: the crisis lines first" \
	    first_line_has "$T/out" "If you are in danger"
	check "$cmd --bogus, a bad ATTUNE_NOW: the option named" \
	    err_has "unknown option '--bogus'"
	check "$cmd --bogus, a bad ATTUNE_NOW: only the option" \
	    err_lacks "ATTUNE_NOW"
	run env ATTUNE_NOW=garbage attune-$cmd -d "$T/now"
	check "$cmd, a bad ATTUNE_NOW: exit 2" rc_is 2
	check "$cmd, a bad ATTUNE_NOW: the crisis lines first" \
	    first_line_has "$T/out" "If you are in danger"
	check "$cmd, a bad ATTUNE_NOW: named once, with its value" \
	    [ "$(grep -c "^attune-$cmd: ATTUNE_NOW: 'garbage' is not an ISO 8601 time" "$T/err")" = 1 ]
	check "$cmd, a bad ATTUNE_NOW: the last word, after the lines" \
	    sh -c 'grep -v "^$" "$1" | tail -n 1 | grep -q "ATTUNE_NOW"' - "$T/err"
done
for opt in --version --help "--week 2026-11-18 --version" \
    "--week yesterday --help"; do
	run env ATTUNE_NOW=garbage attune-report $opt
	check "report $opt, a bad ATTUNE_NOW: exit 0" rc_is 0
	check "report $opt, a bad ATTUNE_NOW: not a word of it" err_empty
done
# A --week value read in the first pass, for the lines, reads by the
# system clock too: the pass goes on to the end, and judges.
run env ATTUNE_NOW=garbage attune-report -d "$T/now" --week yesterday --bogus
check "report --week yesterday --bogus, a bad ATTUNE_NOW: the lines first" \
    first_line_has "$T/out" "If you are in danger"
check "report --week yesterday --bogus, a bad ATTUNE_NOW: the option named" \
    err_has "unknown option '--bogus'"
# Whose logs: as the command itself would take them, attune.conf's who too.
rm -rf "$T/sam"
mkdir -m 700 "$T/sam"
{ printf '%s\n' "$HEAD"; rows 2 1 1 5 5 5 5 7 harm | sed 's/,me,/,Sam,/'; } \
    >"$T/sam/checkins.csv"
chmod 600 "$T/sam/checkins.csv"
printf 'who = Sam\n' >"$T/sam/attune.conf"
for cmd in tips report; do
	run attune-$cmd -d "$T/sam" --bogus
	check "$cmd --bogus after harm, who from attune.conf: the lines first" \
	    first_line_has "$T/out" "If you are in danger"
done
# Every -d, -w and -r on the line counts, wherever the mistake stands:
# a first pass reads them before any option is checked.  Harm logged for
# Sam alone, in a directory without attune.conf; ATTUNE_DIR holds none.
rm -f "$T/sam/attune.conf"
for cmd in report tips; do
	for args in "--bogus -d $T/sam -w Sam" "-d $T/sam --bogus -w Sam" \
	    "-w Nobody --bogus -w Sam -d $T/sam"; do
		run attune-$cmd $args
		check "$cmd $args, Sam's harm: exit 2" rc_is 2
		check "$cmd $args, Sam's harm: the lines first" \
		    first_line_has "$T/out" "If you are in danger"
		check "$cmd $args, Sam's harm: then the error" \
		    err_has "unknown option '--bogus'"
	done
	run sh -c 'attune-$1 --bogus -d "$2" -w Sam -r nz 2>&1' - $cmd "$T/sam"
	check "$cmd --bogus before -r nz: that region's lines" \
	    out_has "  NZ  Need to Talk?"
	check "$cmd --bogus before -r nz: only that region" out_lacks "  US  "
	run attune-$cmd --bogus -d "$T/sam" -w Alex
	check "$cmd --bogus -d DIR -w Alex: no harm for Alex, no lines" \
	    out_empty
done
for args in "--by fortnight -w Sam" "--last 0d -w Sam" "--bogus --who=Sam"; do
	run attune-report -d "$T/sam" $args
	check "report -d DIR $args, Sam's harm: the lines first" \
	    first_line_has "$T/out" "If you are in danger"
done
for args in "--count 99 -w Sam" "--time someday -w Sam"; do
	run attune-tips -d "$T/sam" $args
	check "tips -d DIR $args, Sam's harm: the lines first" \
	    first_line_has "$T/out" "If you are in danger"
done
# And the logs judged are the command's: harm in ATTUNE_DIR says nothing
# about the --dir given after the mistake.
mkdir -m 700 "$T/calm"
for cmd in report tips; do
	ATTUNE_DIR=$T/d run attune-$cmd --bogus -d "$T/calm"
	check "$cmd --bogus -d CALM, harm only in ATTUNE_DIR: exit 2" rc_is 2
	check "$cmd --bogus -d CALM, harm only in ATTUNE_DIR: no lines" \
	    out_empty
done
# An empty --who is the default person, in the command and before its
# usage error alike (ATTUNE_WHO is passed over, as attune_opt_who does).
ATTUNE_WHO=Sam run attune-report -d "$T/d" --who '' --week
check "report --who '' after harm: the default person's lines" \
    first_line_has "$T/out" "If you are in danger"
for cmd in report tips; do
	ATTUNE_WHO=Sam run attune-$cmd -d "$T/d" --who '' --bogus
	check "$cmd --who '' --bogus after harm: exit 2" rc_is 2
	check "$cmd --who '' --bogus after harm: the lines first" \
	    first_line_has "$T/out" "If you are in danger"
done
# The same lines whatever the order of the options: --all-people before
# the mistake or after it judges everyone, as the report would (Sam's
# harm, with no attune.conf: the default person is me).
for args in "-a --bogus" "--bogus -a" "--all-people --by fortnight" \
    "-a -w Nobody" "-w Nobody --bogus -a"; do
	run attune-report -d "$T/sam" $args
	check "report -d DIR $args, Sam's harm: exit 2" rc_is 2
	check "report -d DIR $args, Sam's harm: the lines first" \
	    first_line_has "$T/out" "If you are in danger"
done
run attune-report -d "$T/calm" -a --bogus
check "report -a --bogus, no harm for anyone: no lines" out_empty
# FILE arguments, before the mistake or after it, are the logs judged, not
# the data directory; standard input too when it is no terminal.  A log
# is a check-in or a screens log as its header says.
cp "$T/d/checkins.csv" "$T/harm.csv"
{ printf '%s\n' "$HEAD"; rows 2 1 1 7 7 2 2 7 ""; } >"$T/calm.csv"
{ printf '%s\n' "$SHEAD"
  echo "$(day 2)T09:00:00+00:00,me,phq9,1,none,,safety,1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;2:1"
} >"$T/safety.csv"
for args in "$T/harm.csv --bogus" "--bogus $T/harm.csv" \
    "$T/calm.csv --fhir-checkins $T/harm.csv" "$T/safety.csv --by fortnight"; do
	ATTUNE_DIR=$T/calm run attune-report $args
	check "report $args, harm in the FILE: exit 2" rc_is 2
	check "report $args, harm in the FILE: the lines first" \
	    first_line_has "$T/out" "If you are in danger"
done
ATTUNE_DIR=$T/d run attune-report "$T/calm.csv" --bogus
check "report CALM-FILE --bogus, harm only in the data directory: exit 2" rc_is 2
check "report CALM-FILE --bogus, harm only in the data directory: no lines" \
    out_empty
ATTUNE_DIR=$T/calm run sh -c 'attune-report - --bogus <"$1"' - "$T/harm.csv"
check "report - --bogus, harm on standard input: the lines first" \
    first_line_has "$T/out" "If you are in danger"
# A log the first pass cannot read is not its to mention: the usage error
# is the one message (the run itself says so once the options are right).
rm -rf "$T/odd"
mkdir -m 700 "$T/odd" "$T/odd/checkins.csv"
for args in "$T/nowhere.csv --bogus" "-d $T/odd --bogus" "-a -d $T/odd --bogus"; do
	run attune-report $args
	check "report $args: exit 2" rc_is 2
	check "report $args: the usage error alone" \
	    sh -c '[ "$(wc -l <"$1")" = 2 ] && head -n 1 "$1" | grep -q "unknown option"' - "$T/err"
done
run attune-tips -d "$T/odd" --bogus
check "tips -d DIR --bogus, a log it cannot read: the usage error alone" \
    sh -c '[ "$(wc -l <"$1")" = 2 ] && head -n 1 "$1" | grep -q "unknown option"' - "$T/err"
# Under POSIXLY_CORRECT the options stop at the first operand; --week's
# and --month's bare values (a mistaken one too) are not one, in the
# first pass as in the real one, so the -d and -w after them still count.
for args in "--week 2026-11-18" "--month November" "--week someday"; do
	POSIXLY_CORRECT=1 run attune-report $args --bogus -d "$T/sam" -w Sam
	check "POSIXLY_CORRECT, report $args --bogus -d DIR -w Sam: exit 2" rc_is 2
	check "POSIXLY_CORRECT, report $args --bogus -d DIR -w Sam: the lines first" \
	    first_line_has "$T/out" "If you are in danger"
done
# --quiet sends the lines to standard error only, a usage error or not.
for args in "-q --bogus" "--bogus -q" "--quiet --by fortnight"; do
	run attune-report -d "$T/d" $args
	check "report $args after harm: exit 2" rc_is 2
	check "report $args after harm: nothing on stdout" out_empty
	check "report $args after harm: the lines first on stderr" \
	    first_line_has "$T/err" "If you are in danger"
	check "report $args after harm: once" \
	    [ "$(grep -c 'If you are in danger' "$T/err")" = 1 ]
	check "report $args after harm: the error after them" \
	    sh -c "tail -n 2 '$T/err' | grep -q '^attune-report: '"
done
run attune-tips -d "$T/d" -r GB
check "tips to a file after harm: the lines on stderr too, once" \
    [ "$(grep -c 'If you are in danger' "$T/err")" = 1 ]
run attune-tips -d "$T/d" zzqqxx
check "tips, a topic that matches nothing, after harm: exit 2" rc_is 2
check "tips, a topic that matches nothing, after harm: the lines shown once" \
    [ "$(grep -c 'If you are in danger' "$T/out")" = 1 ]
rm -f "$T/d/checkins.csv"
run attune-tips -d "$T/d" --count 99
check "no harm: a usage error is just that" rc_is 2
check "no harm: no crisis lines" out_empty

# Warnings wait for the crisis lines (err.c's attune_warn_way): what
# attune.conf, ATTUNE_REGION and a malformed row have to say comes after
# the lines, each once, in the order met, on an ordinary run as much as
# before a usage error.
rm -rf "$T/w"
mkdir -m 700 "$T/w"
{ printf '%s\n' "$HEAD"; rows 2 1 1 5 5 5 5 7 harm
  echo "2026-11-21T09:00:00+00:00,me,99,5,5,5,7,,,"; } >"$T/w/checkins.csv"
chmod 600 "$T/w/checkins.csv"
printf 'region = zz\nregoin = au\n' >"$T/w/attune.conf"
CONFW="attune.conf:1: region 'zz' is not|attune.conf:2: 'regoin' is not a setting|ATTUNE_REGION: 'zz' is not"
ROWW="checkins.csv:3: mood '99' is not a number"
# lines_then FILE 'W1|W2|...': the crisis lines start FILE, and each W is
# said in it exactly once, after them, in that order.  said_then FILE
# 'W1|...': the same with no lines, FILE starting with a warning.
lines_then() {
	first_line_has "$1" "If you are in danger" || return 1
	in_order "$1" "$2" \
	    "$(grep -n 'If you are in danger' "$1" | head -n 1 | cut -d: -f1)"
}
said_then() {
	grep -q 'If you are in danger' "$1" && return 1
	head -n 1 "$1" | grep -q '^attune-[a-z]*: ' || return 1
	in_order "$1" "$2" 0
}
in_order() {
	_at=$3
	_ifs=$IFS
	IFS='|'
	set -- "$1" $2
	IFS=$_ifs
	_f=$1
	shift
	for _w; do
		[ "$(grep -cF -e "$_w" "$_f")" = 1 ] || return 1
		_n=$(grep -nF -e "$_w" "$_f" | cut -d: -f1)
		[ "$_n" -gt "$_at" ] || return 1
		_at=$_n
	done
}
for cmd in report tips; do
	for args in "" "-f csv" "--strict"; do
		ATTUNE_REGION=zz run attune-$cmd -d "$T/w" $args
		check "$cmd $args, harm and warnings: the lines first on stderr, then each warning once" \
		    lines_then "$T/err" "$CONFW|$ROWW"
	done
	ATTUNE_REGION=zz run sh -c 'attune-$1 -d "$2" 2>&1' - $cmd "$T/w"
	check "$cmd, harm and warnings, one stream: the lines first, then each warning once" \
	    lines_then "$T/out" "$CONFW|$ROWW"
done
ATTUNE_REGION=zz run attune-report -d "$T/w" --strict
check "report --strict, harm and warnings: exit 1" rc_is 1
check "report --strict, harm and warnings: the error names file and line" \
    err_has "$T/w/checkins.csv:3: mood '99'"
ATTUNE_REGION=zz run attune-tips -d "$T/w" --strict
check "tips --strict, harm and warnings: exit 1" rc_is 1
check "tips --strict, harm and warnings: the error names file and line" \
    err_has "$T/w/checkins.csv:3: mood '99'"
ATTUNE_REGION=zz run attune-report -d "$T/w" -q
check "report -q, harm and warnings: nothing on stdout" out_empty
check "report -q, harm and warnings: the lines first on stderr, then each warning once" \
    lines_then "$T/err" "$CONFW|$ROWW"
# A usage error met in the run itself: the lines, what waited, the error.
for args in "tips --count 99" "tips --time someday" "report --last 0d" \
    "report --birth 2030-01-01"; do
	set -- $args
	ATTUNE_REGION=zz run attune-$1 -d "$T/w" $2 $3
	check "$args, harm and warnings: exit 2" rc_is 2
	check "$args, harm and warnings: the lines, then each warning once" \
	    lines_then "$T/err" "$CONFW"
	check "$args, harm and warnings: the usage error last" \
	    sh -c "tail -n 2 '$T/err' | head -n 1 | grep -q '^attune-$1: $2: '"
done
# A usage error before the run, the crisis lines found by the first pass:
# attune.conf is read whatever gives the region (--region, ATTUNE_REGION
# or the file itself), and each warning is said after the lines, once, in
# the order met, then the error and its "Try" line last.
# usage_last CMD: the last two lines of $T/out are CMD's --bogus refused.
usage_last() {
	tail -n 2 "$T/out" | head -n 1 | grep -qx "attune-$1: unknown option '--bogus'" &&
	    tail -n 1 "$T/out" | grep -qx "Try 'attune-$1 --help' for the options."
}
CONF2="attune.conf:1: region 'zz' is not|attune.conf:2: 'regoin' is not a setting"
ENVW="ATTUNE_REGION: 'zz' is not a two-letter country code; showing every region's lines"
for cmd in report tips; do
	run sh -c 'attune-$1 -d "$2" --bogus 2>&1' - $cmd "$T/w"
	check "$cmd --bogus, harm, region from attune.conf: the lines, its warnings" \
	    lines_then "$T/out" "$CONF2"
	check "$cmd --bogus, harm, region from attune.conf: the usage error last" \
	    usage_last $cmd
	run sh -c 'attune-$1 -d "$2" -r gb --bogus 2>&1' - $cmd "$T/w"
	check "$cmd -r gb --bogus, harm: the lines, attune.conf's warnings" \
	    lines_then "$T/out" "$CONF2"
	check "$cmd -r gb --bogus, harm: the usage error last" usage_last $cmd
	ATTUNE_REGION=zz run sh -c 'attune-$1 -d "$2" --bogus 2>&1' - $cmd "$T/w"
	check "$cmd --bogus, harm, ATTUNE_REGION=zz: the lines, attune.conf's warnings, then ATTUNE_REGION's" \
	    lines_then "$T/out" "$CONF2|$ENVW"
	check "$cmd --bogus, harm, ATTUNE_REGION=zz: the usage error last" \
	    usage_last $cmd
done
# A harm flag or a safety answer typed: the lines, and why every
# region's, before the usage error.
for cmd in "checkin --flag harm" "log edit 1 --flag harm" \
    "screen phq9 --answers 1,1,1,1,1,1,1,1,4"; do
	ATTUNE_REGION=zz run sh -c 'c=$1 d=$2; shift 2; attune-$c -d "$d" "$@" --bogus 2>&1' - \
	    ${cmd%% *} "$T/w" ${cmd#* }
	check "$cmd --bogus, ATTUNE_REGION=zz: exit 2" rc_is 2
	check "$cmd --bogus, ATTUNE_REGION=zz: every region's lines" \
	    out_has "  NZ  "
	check "$cmd --bogus, ATTUNE_REGION=zz: the lines, attune.conf's warnings, then why every region's" \
	    lines_then "$T/out" "$CONF2|$ENVW"
	check "$cmd --bogus, ATTUNE_REGION=zz: the usage error last" \
	    usage_last ${cmd%% *}
done
# tips -f csv into one file: the lines and the warnings first, on
# stderr, and none amid the rows (as a report's CSV, above).
ATTUNE_REGION=zz run sh -c 'attune-tips -d "$1" -f csv >"$2" 2>&1' - \
    "$T/w" "$T/both"
check "tips -f csv 2>&1, harm and warnings: the lines, then each warning once" \
    lines_then "$T/both" "$CONFW|$ROWW"
check "tips -f csv 2>&1, harm and warnings: all before the CSV header" \
    sh -c "sed -n '/^id,topic,/,\$p' '$T/both' | grep -c '^attune-tips: ' | grep -qx 0"
check "tips -f csv 2>&1, harm and warnings: the crisis row still first" \
    sh -c "sed -n '/^id,topic,/{n;p;}' '$T/both' | grep -q '^crisis,'"
ATTUNE_REGION=zz run attune-tips -d "$T/w" -f csv
check "tips -f csv, harm and warnings: the lines on stderr, then each warning once" \
    lines_then "$T/err" "$CONFW|$ROWW"
check "tips -f csv, harm and warnings: the CSV as ever, the crisis row first" \
    sh -c "head -n 1 '$T/out' | grep -q '^id,topic,' && sed -n 2p '$T/out' | grep -q '^crisis,'"
# At a terminal, where the report itself starts with the lines.
if [ -x "$TOP/tests/ptyrun" ]; then
	for cmd in report tips; do
		ATTUNE_REGION=zz run "$TOP/tests/ptyrun" "" attune-$cmd -d "$T/w"
		check "$cmd at a terminal, harm and warnings: the lines first, then each warning once" \
		    lines_then "$T/out" "$CONFW|$ROWW"
	done
else
	skip "report and tips at a terminal" "tests/ptyrun is not built"
fi
# No harm: the warnings are said as ever, first, before anything printed.
sed -i 's/,harm,/,,/' "$T/w/checkins.csv"
for cmd in "report" "report -f csv" "tips"; do
	ATTUNE_REGION=zz run sh -c 'attune-$1 -d "$2" $3 2>&1' - ${cmd%% *} "$T/w" \
	    "$(echo "$cmd" | sed 's/^[a-z]* *//')"
	check "$cmd, no harm, warnings: no lines" out_lacks "If you are in danger"
	check "$cmd, no harm, warnings: the first thing said" \
	    sh -c "head -n 4 '$T/out' | grep -c '^attune-${cmd%% *}: ' | grep -qx 4"
	for w in "attune.conf:1: region 'zz'" "attune.conf:2: 'regoin'" \
	    "ATTUNE_REGION: 'zz'" "$ROWW"; do
		check "$cmd, no harm: '$w' said once" \
		    [ "$(grep -cF -e "$w" "$T/out")" = 1 ]
	done
done
# And before a usage error: the warnings, then the error, whatever gives
# the region (report and tips judge the logs first, and so read it).
for cmd in report tips; do
	for r in "" "-r gb"; do
		ATTUNE_REGION=zz run sh -c 'attune-$1 -d "$2" $3 --bogus 2>&1' - \
		    $cmd "$T/w" "$r"
		_w=$CONF2
		[ -z "$r" ] && _w="$CONF2|$ENVW"
		check "$cmd $r --bogus, no harm: no lines, the warnings first, each once, in order" \
		    said_then "$T/out" "$_w"
		check "$cmd $r --bogus, no harm: the usage error last" \
		    usage_last $cmd
	done
done

# A report of an earlier period, with harm logged since: the lines, and a
# reach-out section that says why (not a section that names no rule).
AP=$T/after
mkdir -p "$AP"
printf '%s\n' timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note \
    "$(day 33)T09:00:00+00:00,me,6,6,,,,,," \
    "$(day 4)T09:00:00+00:00,me,5,,,,,,harm," >"$AP/checkins.csv"
run attune-report -d "$AP" -r GB --week "$(day 33)" --check
check "an earlier week, harm since: the lines first" first_line_has "$T/out" "If you are in danger"
check "an earlier week, harm since: the reach-out item says why" \
    out_has "Harm came up in the two weeks ending today, after the days this report"
check "an earlier week, harm since: --check is the week's own (0)" rc_is 0
run attune-report -d "$AP" -r GB --week "$(day 33)" -f md
check "an earlier week, harm since, md: the item says why" \
    out_has "- **Please reach out now**: Harm came up in the two weeks ending today"
run attune-report -d "$AP" -r GB --week "$(day 33)" -f html
check "an earlier week, harm since, html: the section says why" \
    out_has "<p><strong>Please reach out now:</strong> Harm came up in the two weeks ending today"
# HTML puts the lines on the page of the person they are for: one
# person's page starts with them, and no box at the top names no one.
check "an earlier week, harm since, html: the lines start the person's page" \
    sh -c 'grep -A1 "^<section class=\"person\">" "$1" | grep -q "class=\"crisis\""' - "$T/out"
check "an earlier week, harm since, html: the lines once" \
    [ "$(grep -c "class=\"crisis\"" "$T/out")" = 1 ]
check "an earlier week, harm since, html: no 'This is for' naming no one" \
    out_lacks "This is for"
# With a rule of its own in the week (a screen above its cut-off), the
# section still puts the harm since first.
printf '%s\n' "$SHEAD" "$(day 32)T09:00:00+00:00,me,epds,15,,,," >"$AP/screens.csv"
chmod 600 "$AP/screens.csv"
run attune-report -d "$AP" -r GB --week "$(day 33)" -f html
check "an earlier week with its own rule, harm since, html: the harm item first" \
    sh -c 'sed -n "/<div class=\"reach\">/,/<\/div>/p" "$1" | grep "^<li>" | head -n 1 | grep -q "Please reach out now.*Harm came up in the two weeks ending today"' - "$T/out"
check "an earlier week with its own rule, harm since, html: the screen's item too" \
    out_has "A screen above its cut-off"
rm -f "$AP/screens.csv"
# Two people, harm since for one: the lines on that person's page, named in
# the box at the top when the first page is someone else's.
AM=$T/after2
mkdir -p "$AM"
printf '%s\n' "$HEAD" \
    "$(day 33)T09:00:00+00:00,Ash,6,6,,,,,," \
    "$(day 33)T09:00:00+00:00,Bo,6,6,,,,,," \
    "$(day 4)T09:00:00+00:00,Bo,5,,,,,,harm," >"$AM/checkins.csv"
run attune-report -d "$AM" -r GB --week "$(day 33)" -a -f html
check "two people, harm since for the second, html: the box at the top names them" \
    out_has "<p><strong>This is for Bo: what was logged suggests"
# page_lines N: the Nth person's page starts with the crisis lines.
page_lines() {
	awk -v n="$1" 'k == n { exit !/class="crisis"/ }
	    /^<section class="person">/ { k++ }' "$T/out"
}
page_plain() { ! page_lines "$1"; }
check "two people, harm since for the second, html: Bo's page starts with the lines" \
    page_lines 2
check "two people, harm since for the second, html: Ash's page does not" \
    page_plain 1
check "two people, harm since for the second, html: Bo's section says why" \
    [ "$(grep -c "<p><strong>Please reach out now:</strong> Harm came up" "$T/out")" = 1 ]
check "two people, harm since for the second, html: the lines twice (top, Bo)" \
    [ "$(grep -c "class=\"crisis\"" "$T/out")" = 2 ]
run attune-report -d "$AM" -r GB --week "$(day 33)" -a
check "two people, harm since for the second, text: the item names them" \
    out_has "  * Please reach out now (Bo)"
check "two people, harm since for the second, text: the item once" \
    [ "$(grep -c "Harm came up in the two weeks ending today" "$T/out")" = 1 ]
run attune-report -d "$AM" -r GB --week "$(day 33)" -a -f md
check "two people, harm since for the second, md: the item names them" \
    out_has "- **Please reach out now** (Bo): Harm came up in the two weeks ending today"
# A third person, who logged nothing in the week, has a page of their own,
# and it starts with the lines.
sed -i 's/^\(.*\),Bo,\(.*harm\)/\1,Cy,\2/' "$AM/checkins.csv"
run attune-report -d "$AM" -r GB --week "$(day 33)" -a -f html
check "harm since by a third with nothing in the week, html: named at the top" \
    out_has "<p><strong>This is for Cy: what was logged suggests"
check "harm since by a third with nothing in the week, html: their page starts with the lines" \
    page_lines 3
check "harm since by a third with nothing in the week, html: Bo's page does not" \
    page_plain 2
# Harm in the week for Ash, and since for Bo: each page has the lines, and
# Bo's section says the harm came after.
printf '%s\n' "$HEAD" \
    "$(day 33)T09:00:00+00:00,Ash,6,6,,,,,harm," \
    "$(day 33)T09:00:00+00:00,Bo,6,6,,,,,," \
    "$(day 4)T09:00:00+00:00,Bo,5,,,,,,harm," >"$AM/checkins.csv"
run attune-report -d "$AM" -r GB --week "$(day 33)" -a -f html
check "harm in the week for one, since for the other, html: the first page starts with the lines" \
    page_lines 1
check "harm in the week for one, since for the other, html: so does the second" \
    page_lines 2
check "harm in the week for one, since for the other, html: the second's section says why" \
    out_has "<p><strong>Please reach out now:</strong> Harm came up in the two weeks ending today"
check "harm in the week for one, since for the other, html: no box above the pages" \
    [ "$(grep -c "class=\"crisis\"" "$T/out")" = 2 ]
run attune-report -d "$AM" -r GB --week "$(day 33)" -a
check "harm in the week for one, since for the other, text: the harm since named first" \
    sh -c 'sed -n "/^  \* /{p;q;}" "$1" | grep -qxF "  * Please reach out now (Bo)"' - "$T/out"
check "harm in the week for one, since for the other, text: the week's own flag too" \
    out_has "A flag for thoughts of harm was logged"
run attune-report -d "$AP" -r GB --since "$(day 40)" --until "$(day 20)" --by week
check "earlier weeks by week, harm since: the item once, not once a week" \
    [ "$(grep -c "Harm came up in the two weeks ending today" "$T/out")" = 1 ]
check "earlier weeks by week, harm since: the item first in the section" \
    sh -c 'sed -n "/^  \* /{p;q;}" "$1" | grep -q "Please reach out now"' - "$T/out"
run attune-report -d "$AP" -r GB
check "the whole log: the harm flag's own words, not the after-the-period ones" \
    sh -c 'grep -q "A flag for thoughts of harm was logged" "$1" && ! grep -q "after the days this report" "$1"' - "$T/out"
done_testing

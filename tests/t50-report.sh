#!/bin/sh
# attune report: periods, rules, formats, inputs.  Today is Sunday
# 2026-11-22 (ISO week 2026-W47), from lib.sh.
. "$TOP/tests/lib.sh"

HEAD=timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note
SHEAD=timestamp,who,instrument,total,band,subscales,flags,answers
CSVHEAD=period_start,period_end,who,checkins,days,mood_mean,mood_min,mood_max,bond_mean,bond_min,bond_max,anxiety_mean,anxiety_min,anxiety_max,numb_mean,numb_min,numb_max,sleep_mean,sleep_min,sleep_max,flags,screens,reach_out

# Weeks 46 and 47 for me, one check-in for sam.
W46="2026-11-10T09:00:00+00:00,me,6,5,3,4,7.0,skin,,
2026-11-12T09:00:00+00:00,me,6,7,3,4,6.0,,,"
W47="2026-11-16T09:00:00+00:00,me,4,4,5,3,5.5,skin;talk,,
2026-11-18T20:00:00+00:00,me,5,6,4,,6.5,talk,panic,tired
2026-11-18T21:00:00+00:00,me,6,,,,,,,second
2026-11-22T08:00:00+00:00,me,7,8,2,1,8.0,skin,,
2026-11-20T09:00:00+00:00,sam,3,2,7,7,4.0,,,"
A=$T/a.csv
printf '%s\n%s\n%s\n' "$HEAD" "$W46" "$W47" >"$A"
ROW47=2026-11-16,2026-11-22,me,4,3,5.50,4,7,6.00,4,8,3.67,2,5,2.00,1,3,6.67,5.5,8.0,1,0,

# rows WHO N FIRST MOOD BOND ANX NUMB: N daily check-ins ending FIRST days ago.
rows() {
	_i=0
	while [ "$_i" -lt "$2" ]; do
		printf '%sT09:00:00+00:00,%s,%s,%s,%s,%s,7.0,,,\n' \
		    "$(day $(($3 + _i)))" "$1" "$4" "$5" "$6" "$7"
		_i=$((_i + 1))
	done
}

# --- help, version, usage errors ---------------------------------------
run attune-report --help
check "--help exits 0" rc_is 0
check "--help shows the synopsis" out_has "usage: attune-report"
run attune-report -V
check "-V names the version" out_has "attune-report 0."
run attune report --week "$A" -f csv
check "reachable through the front program" out_has "$ROW47"

usage_case() {
	_want=$1
	shift
	run attune-report "$@"
	check "usage error: $*" rc_is 2
	check "usage error names it: $*" err_has "$_want"
	check "usage error prints nothing: $*" out_empty
}
usage_case "--format: 'xml'" --format xml "$A"
usage_case "attune-report: --by: 'year' is not one of the choices; use day, week or month" \
    --by year "$A"
usage_case "--by: 'none' is not one of the choices" --by none "$A"
usage_case "--last: '5y'" --last 5y "$A"
usage_case "--last: '0d'" --last 0d "$A"
usage_case "--week: '2026-13-01'" --week=2026-13-01 "$A"
usage_case "--month: '2026-13'" --month=2026-13 "$A"
usage_case "--since: 'soon'" --since soon "$A"
usage_case "comes after --until" --since 2026-11-20 --until 2026-11-10 "$A"
usage_case "choose one period" --week --month "$A"
usage_case "choose one period" --last 14d --since 2026-11-01 "$A"
usage_case "not both" --who me --all-people "$A"
usage_case "unknown option '--colour'" --colour "$A"
usage_case "--region" --region narnia "$A"

# --- periods --------------------------------------------------------------
run attune-report --week -f csv "$A"
check "csv header is the contract's" first_line_has "$T/out" "$CSVHEAD"
check "--week: this week's row, exact" out_has "$ROW47"
check "--week: one row" lines_are 2 "$T/out"
check "--week: nothing on stderr" err_empty
run attune-report --week 2026-11-18 -f csv "$A"
check "--week DATE as the next argument" out_has "$ROW47"
run attune-report -f csv "$A" --week 2026-11-18
check "--week DATE after a FILE" out_has "$ROW47"
check "--week DATE after a FILE: one row" lines_are 2 "$T/out"
run attune-report -f csv --month 2026-11 "$A"
check "--month YYYY-MM as the next argument" out_has "2026-11-01,2026-11-30,me,6,5,"
run attune-report --week=2026-11-12 -f csv "$A"
check "--week=DATE" out_has "2026-11-09,2026-11-15,me,2,2,6.00,6,6,6.00,5,7,3.00,3,3,4.00,4,4,6.50,6.0,7.0,0,0,"
run attune-report --month -f csv "$A"
check "--month: this month" out_has "2026-11-01,2026-11-30,me,6,5,"
run attune-report --month 2026-11 -f csv "$A"
check "--month YYYY-MM" out_has "2026-11-01,2026-11-30,me,6,5,"
run attune-report --since 2026-11-12 --until 2026-11-18 -f csv "$A"
check "--since and --until" out_has "2026-11-12,2026-11-18,me,4,3,"
run attune-report --since 2026-11-16 -f csv "$A"
check "--since alone runs to today" out_has "2026-11-16,2026-11-22,me,4,3,"
run attune-report --until 2026-11-15 -f csv "$A"
check "--until alone starts at the first day logged" out_has "2026-11-10,2026-11-15,me,2,2,"
run attune-report -f csv "$A"
check "no period: first to last day logged" out_has "2026-11-10,2026-11-22,me,6,5,"
run attune-report --last 14d -f csv "$A"
check "--last 14d" out_has "2026-11-09,2026-11-22,me,6,5,"
run attune-report --last 2w -f csv "$A"
check "--last 2w: two whole weeks" out_has "2026-11-09,2026-11-22,me,6,5,"
run attune-report --last 1m -f csv "$A"
check "--last 1m: the month ending today" out_has "2026-10-23,2026-11-22,me,6,5,"
run attune-report --last 3d -f csv "$A"
check "--last 3d" out_has "2026-11-20,2026-11-22,me,1,1,7.00,"
run attune-report --week --by day -f csv "$A"
check "--by day: seven rows" lines_are 8 "$T/out"
check "--by day: a day with two check-ins" out_has "2026-11-18,2026-11-18,me,2,1,5.50,5,6,"
check "--by day: a day with none" out_has "2026-11-17,2026-11-17,me,0,0,,,,"
run attune-report --month --by week -f csv "$A"
check "--by week: whole weeks over the month" lines_are 7 "$T/out"
check "--by week: the first begins on a Monday" out_has "2026-10-26,2026-11-01,me,0,0"
check "--by week: the last ends on a Sunday" out_has "2026-11-30,2026-12-06,me,0,0"
run attune-report --since 2026-10-15 --until 2026-12-05 --by month -f csv "$A"
check "--by month: three months" lines_are 4 "$T/out"
check "--by month: whole months" out_has "2026-12-01,2026-12-31,me,0,0"

# ISO weeks across the end of a year: 2026-12-28 to 2027-01-03 is 2026-W53.
Y=$T/year.csv
printf '%s\n2026-12-27T09:00:00+00:00,me,1,1,1,1,1.0,,,\n2026-12-28T09:00:00+00:00,me,4,4,4,4,4.0,,,\n2027-01-03T23:00:00+00:00,me,6,6,6,6,6.0,,,\n2027-01-04T09:00:00+00:00,me,9,9,9,9,9.0,,,\n' "$HEAD" >"$Y"
run attune-report --week 2027-01-01 "$Y"
check "year end: the week is 2026-W53" out_has "week 2026-W53, 2026-12-28 to 2027-01-03"
run attune-report --week 2027-01-01 -f csv "$Y"
check "year end: both days, neither neighbour" out_has "2026-12-28,2027-01-03,me,2,2,5.00,4,6,"
run attune-report --by week -f csv "$Y"
check "year end: --by week splits at the Mondays" lines_are 4 "$T/out"
# A time keeps the date written in it, whatever its offset.
printf '%s\n2026-11-22T23:30:00-05:00,me,5,,,,,,,\n' "$HEAD" >"$T/tz.csv"
run attune-report --week -f csv "$T/tz.csv"
check "a day is the date written in the timestamp" out_has "2026-11-16,2026-11-22,me,1,1,5.00"

# --- content: text ------------------------------------------------------
run attune-report --week "$A"
check "text: exit 0" rc_is 0
check "text: the period" out_has "attune report: week 2026-W47, 2026-11-16 to 2026-11-22"
check "text: counts" out_has "me: 4 check-ins on 3 days, 0 screens"
check "text: mood mean, range, count" out_has "mood       5.5  4-7           4"
check "text: mood fell, worse" out_has "-0.5 worse"
check "text: less numbness is better" out_has "-2.0 better"
check "text: more anxiety is worse" out_has "+0.7 worse"
check "text: the same, in words" out_has "0.0 about the same"
check "text: sleep with its decimal" out_has "5.5-8.0"
check "text: an ASCII chart when not at a terminal" out_has "~ =   +"
check "text: no colour when not at a terminal" out_lacks "$(printf '\033')"
check "text: bonding moments counted by day" out_has "skin       2 days"
check "text: too few days to compare, said kindly" out_has "too few days to compare bond (needs 3 with and 3 without)"
check "text: flags by day" out_has "2026-11-18  panic"
check "text: not a diagnosis" out_has "not a diagnosis"
check "text: no reach-out section when no rule fires" out_lacks "Reach out"
check "text: sam is not me" out_lacks "sam:"

# Bond on days with and without a moment, once each side has 3 days.
B=$T/bond.csv
{
	echo "$HEAD"
	for i in 0 1 2; do printf '%sT09:00:00+00:00,me,5,8,,,,skin,,\n' "$(day $i)"; done
	for i in 3 4 5; do printf '%sT09:00:00+00:00,me,5,4,,,,,,\n' "$(day $i)"; done
} >"$B"
run attune-report --week "$B"
check "moments: bond with and without" out_has "bond 8.0 with, 4.0 without"

# --- reach-out rules ----------------------------------------------------
rule_case() {	# DESCRIPTION RULE-ID(or -) FILE [ARGS]
	_d=$1 _r=$2 _f=$3
	shift 3
	run attune-report --week -f csv --check "$@" "$_f"
	if [ "$_r" = - ]; then
		check "$_d: exit 0" rc_is 0
		check "$_d: no rule" out_has ",me,"
		check "$_d: no rule column" sh -c "tail -n 1 '$T/out' | grep -q ',$'"
	else
		check "$_d: exit 3" rc_is 3
		check "$_d: rule $_r" sh -c "tail -n 1 '$T/out' | grep -q '[,;]$_r\(;\|\$\)'"
	fi
}

# Lasting: low bond on check-ins spread over 10 days of the 14 fires; over
# 9 it does not yet; half is not most.
{ echo "$HEAD"; rows me 14 0 5 2 3 2; } >"$T/l14.csv"
{ echo "$HEAD"; rows me 9 0 5 2 3 2; } >"$T/l13.csv"
{ echo "$HEAD"; rows me 10 0 5 2 3 2; } >"$T/l10.csv"
{ echo "$HEAD"; rows me 7 0 5 2 3 2; rows me 7 7 5 7 3 2; } >"$T/lhalf.csv"
{ echo "$HEAD"; rows me 8 0 5 2 3 2; rows me 6 8 5 7 3 2; } >"$T/lmost.csv"
{ echo "$HEAD"; rows me 14 0 5 7 3 6; } >"$T/lnumb.csv"
{ echo "$HEAD"; rows me 14 0 5 7 3 5; } >"$T/lnumb5.csv"
rule_case "14 days of low bond" lasting "$T/l14.csv"
rule_case "9 days of low bond, not yet spread over 10" - "$T/l13.csv"
rule_case "10 days of low bond" lasting "$T/l10.csv"
rule_case "low on 7 of 14 days, not most" - "$T/lhalf.csv"
rule_case "low on 8 of 14 days, most" lasting "$T/lmost.csv"
rule_case "14 days of numbness 6" lasting "$T/lnumb.csv"
rule_case "14 days of numbness 5" - "$T/lnumb5.csv"
run attune-report --week "$T/l14.csv"
check "lasting: said in plain words with its days" out_has "From 2026-11-09 to 2026-11-22 there was a bond of 3 or less on 14 of the"
check "lasting: named" out_has "Lasting two weeks"
run attune-report --week 2026-11-15 -f csv "$T/l14.csv"
check "lasting: not before it has lasted" out_has "2026-11-09,2026-11-15,me,7,7,"
check "lasting: not before it has lasted, no rule" sh -c "tail -n 1 '$T/out' | grep -q ',$'"

# Worse: mood falling week on week for two weeks.
{ echo "$HEAD"; rows me 3 14 7 6 2 2; rows me 3 7 6 6 2 2; rows me 3 0 5 6 2 2; } >"$T/w.csv"
{ echo "$HEAD"; rows me 3 14 7 6 2 2; rows me 3 7 6 6 2 2; rows me 3 0 6 6 2 2; } >"$T/wflat.csv"
{ echo "$HEAD"; rows me 3 7 7 6 2 2; rows me 3 0 6 6 2 2; } >"$T/wone.csv"
{ echo "$HEAD"; rows me 3 14 7 6 2 2; rows me 3 7 7 6 3 2; rows me 3 0 7 6 5 2; } >"$T/wanx.csv"
rule_case "mood falling two weeks running" worse "$T/w.csv"
rule_case "mood falling, then flat" - "$T/wflat.csv"
rule_case "mood falling for one week only" - "$T/wone.csv"
rule_case "anxiety rising two weeks running" worse "$T/wanx.csv"
run attune-report --week "$T/w.csv"
check "worse: said with its weeks" out_has "Week by week, mood fell: 7.0, 6.0, 5.0 (2026-11-02 to 2026-11-22)."

# Urgent: a harm flag in the period, crisis lines first.
{ echo "$HEAD"; echo "2026-11-19T09:00:00+00:00,me,5,5,5,5,5.0,,harm,"; } >"$T/harm.csv"
{ echo "$HEAD"; echo "2026-11-12T09:00:00+00:00,me,5,5,5,5,5.0,,harm,"
  echo "2026-11-19T09:00:00+00:00,me,5,5,5,5,5.0,,,"; } >"$T/harmweek.csv"
{ echo "$HEAD"; echo "2026-11-08T09:00:00+00:00,me,5,5,5,5,5.0,,harm,"
  echo "2026-11-19T09:00:00+00:00,me,5,5,5,5,5.0,,,"; } >"$T/harmold.csv"
rule_case "a harm flag" urgent "$T/harm.csv"
rule_case "a harm flag the week before, inside the two weeks" urgent "$T/harmweek.csv"
rule_case "a harm flag 15 days back" - "$T/harmold.csv"
run attune-report --week -r GB "$T/harm.csv"
check "urgent: crisis resources on the very first line" first_line_has "$T/out" "If you are in danger"
check "urgent: the region's lines" out_has "Samaritans: 116 123"
check "urgent: says which day" out_has "A flag for thoughts of harm was logged on 2026-11-19."
# line_of TEXT: the number of the first line of $T/out holding TEXT.
line_of() { grep -nF -e "$1" "$T/out" | head -n 1 | cut -d: -f1; }
run attune-report --week -f md -r GB "$T/harm.csv"
check "urgent md: crisis lines before the title" \
    [ "$(line_of 'If you are in danger')" -lt "$(line_of '# attune report')" ]
run attune-report --week -f html -r GB "$T/harm.csv"
check "urgent html: crisis lines before the title" \
    [ "$(line_of 'If you are in danger')" -lt "$(line_of '<h1>attune report')" ]
# A European country with no lines of its own: 112, in every format, as
# the text says it.
run attune-report -f json -r FR "$T/harm.csv"
check "urgent json, FR: the EU's 112 is its crisis line" \
    out_has '"crisis":[{"region":"EU","service":"Emergency (EU and EEA countries, Switzerland and more)","number":"112","hours":"24/7"}]'
run attune-report -f html -r FR "$T/harm.csv"
check "urgent html, FR: the EU's 112" out_has "<strong>112</strong> (24/7)</li>"
check "urgent html, FR: not told only to find a local number" \
    out_lacks "Please call your local emergency number"
run attune-report -r FR "$T/harm.csv"
check "urgent text, FR: 112 reaches the emergency services there" \
    out_has "but 112 reaches the emergency"
run attune-report -f html -r JP "$T/harm.csv"
check "urgent html, a region with no lines at all: the local emergency number" \
    out_has "Please call your local emergency number"

# Screens: safety items and positive bands.
screen_case() {	# DESCRIPTION RULE ROW
	printf '%s\n%s\n' "$SHEAD" "$3" >"$T/s.csv"
	printf '%s\n2026-11-19T09:00:00+00:00,me,5,5,5,5,5.0,,,\n' "$HEAD" >"$T/c.csv"
	run attune-report --week -f csv --check "$T/c.csv" "$T/s.csv"
	if [ "$2" = - ]; then
		check "$1: exit 0" rc_is 0
		check "$1: no rule" sh -c "tail -n 1 '$T/out' | grep -q ',$'"
	else
		check "$1: exit 3" rc_is 3
		check "$1: rule $2" sh -c "tail -n 1 '$T/out' | grep -q '[,;]$2\(;\|\$\)'"
	fi
}
screen_case "EPDS 10" screen "2026-11-20T10:00:00+00:00,me,epds,10,possible depression,anxiety=3,,"
screen_case "EPDS 9" - "2026-11-20T10:00:00+00:00,me,epds,9,below the threshold,anxiety=3,,"
screen_case "PHQ-9 10" screen "2026-11-20T10:00:00+00:00,me,phq9,10,moderate,,,"
screen_case "GAD-7 9" - "2026-11-20T10:00:00+00:00,me,gad7,9,mild,,,"
screen_case "GAD-7 10" screen "2026-11-20T10:00:00+00:00,me,gad7,10,moderate,,,"
screen_case "PHQ-2 3" screen "2026-11-20T10:00:00+00:00,me,phq2,3,positive,,,"
screen_case "GAD-2 2" - "2026-11-20T10:00:00+00:00,me,gad2,2,negative,,,"
screen_case "PBQ scale 1 at 12" screen "2026-11-20T10:00:00+00:00,me,pbq,20,,scale1=12;scale2=3;scale3=2;scale4=0,,"
screen_case "PBQ scales under their cut-offs" - "2026-11-20T10:00:00+00:00,me,pbq,30,,scale1=11;scale2=12;scale3=9;scale4=1,,"
screen_case "PBQ scale named by words" screen "2026-11-20T10:00:00+00:00,me,pbq,30,,impaired=3;rejection=13,,"
screen_case "a safety flag" urgent "2026-11-20T10:00:00+00:00,me,phq9,4,minimal,,safety,1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;2:1"
screen_case "EPDS item 10 above 0" urgent "2026-11-20T10:00:00+00:00,me,epds,3,below,,,1:0;1:0;4:0;1:0;4:0;4:0;4:0;4:0;1:0;3:1"
screen_case "EPDS item 10 at 0" - "2026-11-20T10:00:00+00:00,me,epds,3,below,,,1:0;1:0;4:0;1:0;4:0;4:0;4:0;4:0;1:0;4:0"
screen_case "PBQ item 24 above 0" urgent "2026-11-20T10:00:00+00:00,me,pbq,5,,scale4=1,,1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0;2:1;1:0"
screen_case "a screen the week before, inside the two weeks" screen "2026-11-13T10:00:00+00:00,me,epds,20,probable depression,,,"
screen_case "a screen 15 days back" - "2026-11-08T10:00:00+00:00,me,epds,20,probable depression,,,"
screen_case "EPDS 9 with EPDS-3A at 9" screen "2026-11-20T10:00:00+00:00,me,epds,9,none,epds3a=9,,"
printf '%s\n%s\n%s\n' "$SHEAD" "2026-11-12T10:00:00+00:00,me,phq9,14,moderate,,," \
    "2026-11-20T10:00:00+00:00,me,phq9,4,minimal,,," >"$T/s2.csv"
run attune-report --week -f csv --check "$T/s2.csv"
check "a later negative screen supersedes a positive one: exit 0" rc_is 0

screen_case "PBQ as attune screen logs it" screen "2026-11-20T10:00:00+00:00,me,pbq,40,high,bonding=10;rejection=13;anxiety=2;abuse=0,high-rejection,"
screen_case "PBQ high only in its flags" screen "2026-11-20T10:00:00+00:00,me,pbq,40,,,high-anxiety,"
screen_case "EPDS 9 with partner cut-offs" - "2026-11-20T10:00:00+00:00,me,epds,9,none,epds3a=3,partner,"
screen_case "EPDS 10 with partner cut-offs, logged none before" screen "2026-11-20T10:00:00+00:00,me,epds,10,none,epds3a=3,partner,"
screen_case "EPDS 11 with partner cut-offs" screen "2026-11-20T10:00:00+00:00,me,epds,11,possible,epds3a=3,partner,"
screen_case "a positive band word" screen "2026-11-20T10:00:00+00:00,me,phq9,5,moderate,,,"

# Screens logged by attune screen itself, read from the data directory.
SD=$T/sd
if [ -x "$TOP/bin/attune-screen" ]; then
	attune-screen -d "$SD" -q -t 2026-11-19 phq9 --scores 1,1,1,1,1,1,1,1,1 >/dev/null 2>&1
	attune-screen -d "$SD" -q -t 2026-11-20 phq9 --scores 2,2,1,1,1,1,1,1,0 >/dev/null 2>&1
	run attune-report -d "$SD" --week --check
	check "attune screen's log: exit 3" rc_is 3
	check "attune screen's log: the safety item first" first_line_has "$T/out" "If you are in danger"
	check "attune screen's log: which item" out_has "The PHQ-9 on 2026-11-19 had its question about harm (item 9) answered"
	check "attune screen's log: the band" out_has "The PHQ-9 on 2026-11-20 is in a range where a talk with your midwife,"
	check "attune screen's log: the change" out_has "up 1 since 2026-11-19"
fi

S=$T/screens.csv
printf '%s\n%s\n%s\n' "$SHEAD" \
    "2026-11-06T10:00:00+00:00,me,epds,8,below the screening threshold,anxiety=4,," \
    "2026-11-20T10:00:00+00:00,me,epds,12,possible depression,anxiety=5,," >"$S"
run attune-report --week "$A" "$S"
check "screens: total, band and subscales" out_has "2026-11-20  EPDS: total 12, possible depression (anxiety=5)"
check "screens: change since the last of the same kind" out_has "up 4 since 2026-11-06"
check "screens: the rule in plain words" out_has "The EPDS on 2026-11-20 is in a range where a talk with"

run attune-report --week "$A" "$S" "$T/harm.csv"
check "reach out: the urgent rule is listed first" \
    [ "$(line_of '* Please reach out now')" -lt "$(line_of '* A screen above its cut-off')" ]

# --- formats ------------------------------------------------------------
run attune-report --week -f md "$A" "$S"
check "md: a title" first_line_has "$T/out" "# attune report: week 2026-W47"
check "md: a table" out_has "|---|---:|---|---:|---|---|"
check "md: the rule in bold" out_has "- **A screen above its cut-off**"
run attune-report --week -f json "$A" "$S"
check "json: exit 0" rc_is 0
if command -v python3 >/dev/null 2>&1; then
	check "json: parses" python3 -c "import json,sys; json.load(open('$T/out'))"
	check "json: the numbers" python3 -c "
import json; d = json.load(open('$T/out'))
p = d['periods'][0]
assert p['who'] == 'me' and p['checkins'] == 4 and p['days'] == 3
m = p['measures']['mood']
assert m['mean'] == 5.5 and m['min'] == 4 and m['max'] == 7 and m['count'] == 4
assert m['direction'] == 'worse' and p['measures']['numb']['direction'] == 'better'
assert d['reach_out'] == ['screen'] and p['reach_out'][0]['rule'] == 'screen'
assert p['screen_list'][0]['change'] == 4 and d['crisis'] == []
"
else
	skip "json: parses" "python3 is not installed"
fi
run attune-report --week -f html "$A" "$S"
check "html: a whole document" out_has "</html>"
check "html: an inline SVG chart per measure" sh -c "[ \$(grep -c '<svg' '$T/out') = 5 ]"
check "html: a table of screens" out_has "<th>Questionnaire</th>"
check "html: fit for A4" out_has "@page{size:A4"
check "html: nothing external" sh -c "! grep -Eiq '<script|<link|<img|<iframe|src=|@import|url\(' '$T/out'"
check "html: no reference but the SVG namespace" sh -c "[ \$(grep -o 'http[s]*://[^\" ]*' '$T/out' | sort -u) = http://www.w3.org/2000/svg ]"

# Everyone, side by side.
run attune-report --week --all-people -f csv "$A"
check "--all-people csv: me then sam" sh -c "cut -d, -f3 '$T/out' | tr '\n' ' ' | grep -qx 'who me sam '"
run attune-report --week --all-people "$A"
check "--all-people text: side by side" out_has "  mean      me          sam"
check "--all-people text: sam's section" out_has "sam: 1 check-in on 1 day, 0 screens"
run attune-report --week --who sam -f csv "$A"
check "--who picks one person" out_has "2026-11-16,2026-11-22,sam,1,1,3.00"
ATTUNE_WHO=sam run attune-report --week -f csv "$A"
check "\$ATTUNE_WHO picks one person" out_has ",sam,1,1,3.00"

# Colour and sparklines at a terminal.
if [ -x "$TOP/tests/ptyrun" ]; then
	"$TOP/tests/ptyrun" "" attune-report --week "$A" >"$T/out" 2>&1
	check "terminal: colour" out_has "$(printf '\033[1m')"
	NO_COLOR=1 "$TOP/tests/ptyrun" "" attune-report --week "$A" >"$T/out" 2>&1
	check "terminal: no colour with NO_COLOR" out_lacks "$(printf '\033[')"
	LC_ALL=C.UTF-8 "$TOP/tests/ptyrun" "" attune-report --week "$A" >"$T/out" 2>&1
	check "UTF-8 terminal: a Unicode sparkline" out_has "$(printf '\342\226\204 \342\226\205')"
	LC_ALL=C.UTF-8 "$TOP/tests/ptyrun" "" attune-report --ascii --week "$A" >"$T/out" 2>&1
	check "--ascii: no Unicode sparkline" out_lacks "$(printf '\342\226')"
fi
run attune-report --week -f md "$A"
check "md: Unicode sparklines" out_has "$(printf '\342\226')"
run attune-report --week -f md --ascii "$A"
check "md --ascii: ASCII sparklines" out_lacks "$(printf '\342\226')"

# Text from a log is shown safely, and escaped in markup.
printf '%s\n%s\n' "$SHEAD" "2026-11-20T10:00:00+00:00,<b>x</b>,epds,3,a$(printf '\033')[2Jb,,," >"$T/evil.csv"
run attune-report --week --all-people "$T/evil.csv"
check "text: a control character in a log is made visible" out_has 'a\x1b[2Jb'
check "text: and never sent to the terminal" out_lacks "$(printf '\033')"
run attune-report --week --all-people -f html "$T/evil.csv"
check "html: markup from a log is escaped" out_has "&lt;b&gt;x&lt;/b&gt;"
check "html: no markup from a log" out_lacks "<b>x</b>"
run attune-report --week --all-people -f json "$T/evil.csv"
check "json: control characters escaped" out_has 'a\u001b[2Jb'

# --- inputs ---------------------------------------------------------------
cp "$A" "$T/a.keep"
gzip -c "$A" >"$T/a.csv.gz"
run attune-report --week -f csv "$T/a.csv.gz"
check "gzip input" out_has "$ROW47"
runin "$(cat "$A")" attune-report --week -f csv -
check "standard input" out_has "$ROW47"
gzip -c "$A" >"$T/a.gz.in"
attune-report --week -f csv - <"$T/a.gz.in" >"$T/out" 2>"$T/err"
check "gzip on standard input" out_has "$ROW47"
# Columns in any order, unknown ones ignored.
awk -F, 'BEGIN { OFS = "," } { print $10, $9, $8, $7, $6, "x" NR, $5, $4, $3, $2, $1 }' "$A" |
    sed '1s/x1/extra/' >"$T/shuffled.csv"
run attune-report --week -f csv "$T/shuffled.csv"
check "columns in any order, unknown ones ignored" out_has "$ROW47"
# The data directory: archives and the live log together.
mkdir -p "$ATTUNE_DIR"
printf '%s\n%s\n' "$HEAD" "$W46" | gzip -c >"$ATTUNE_DIR/checkins-2025.csv.gz"
printf '%s\n%s\n' "$HEAD" "$W47" >"$ATTUNE_DIR/checkins.csv"
cp "$S" "$ATTUNE_DIR/screens.csv"
run attune-report -f csv
check "data directory: archives are read" out_has "2026-11-06,2026-11-22,me,6,5,"
check "data directory: screens are read" out_has ",1,2,screen"
run attune-report -f csv --week -d "$T/nowhere"
check "an empty data directory: exit 0" rc_is 0
check "an empty data directory: the header" out_has "$CSVHEAD"
check "an empty data directory: a kind line" err_has "Nothing is logged for this period yet"
run attune-report --week -d "$T/nowhere"
check "empty: one kind line" out_is "Nothing is logged for this period yet. To start, try 'attune checkin' (it asks a few questions), or 'attune checkin --mood 6 --bond 5'."
run attune-report --month 2026-10 --check "$A"
check "empty period: exit 0 with --check" rc_is 0
check "empty period: says so" out_has "Nothing is logged for this period yet"
run attune-report --week -f json -d "$T/nowhere"
check "empty json: says so" out_has '"message":"Nothing is logged'

# Malformed rows are skipped with FILE:LINE: reason; --strict fails.
printf '%s\n%s\n%s\n%s\n%s\n%s\n' "$HEAD" \
    "2026-11-16T09:00:00+00:00,me,11,4,5,3,5.5,,," \
    "yesterday,me,4,4,5,3,5.5,,," \
    "2026-11-17T09:00:00+00:00,me,4,4" \
    "2026-11-18T09:00:00+00:00,me,4,4,5,3,5.5,dance,," \
    "2026-11-19T09:00:00+00:00,me,5,,,,,,," >"$T/bad.csv"
cp "$T/bad.csv" "$T/bad.keep"
run attune-report --week -f csv "$T/bad.csv"
check "malformed: exit 0" rc_is 0
check "malformed: value out of range" err_has "bad.csv:2: mood '11' is not a number from 0 to 10 (row skipped)"
check "malformed: bad timestamp" err_has "bad.csv:3: timestamp 'yesterday' is not an ISO 8601 time"
check "malformed: short row" err_has "bad.csv:4: expected 10 fields as in the header, found 4"
check "malformed: unknown word" err_has "bad.csv:5: did 'dance' holds a word not in the list"
check "malformed: the good row is counted" out_has "2026-11-16,2026-11-22,me,1,1,5.00"
run attune-report --week -f csv --strict "$T/bad.csv"
check "--strict: exit 1" rc_is 1
check "--strict: says where" err_has "bad.csv:2: mood '11'"
check "--strict: no report" out_empty
check "a report never changes its input" same "$T/bad.csv" "$T/bad.keep"
check "a report never changes its input (2)" same "$A" "$T/a.keep"
run attune-report --week -f csv "$T/missing.csv" "$A"
check "a missing file: exit 1" rc_is 1
check "a missing file: named" err_has "missing.csv"
check "a missing file: the rest is still read" out_has "$ROW47"
printf 'not,a,log\n1,2,3\n' >"$T/other.csv"
run attune-report --week -f csv "$T/other.csv"
check "not a log: exit 1" rc_is 1
check "not a log: said plainly" err_has "has no 'timestamp' column"
printf 'garbage' | gzip -c | head -c 20 >"$T/cut.csv.gz"
run attune-report --week "$T/cut.csv.gz"
check "a cut gzip file: exit 1" rc_is 1
check "a cut gzip file: said plainly" err_has "cut.csv.gz"

# --check and -q.
run attune-report --week --check -q "$T/harm.csv"
check "-q --check: exit 3" rc_is 3
check "-q: nothing printed" out_empty
run attune-report --week --check "$A"
check "--check, nothing fires: exit 0" rc_is 0
check "--check: output as usual" out_has "attune report"
run attune-report --week --check -f csv --strict "$T/bad.csv"
check "--check with a failure: exit 1" rc_is 1

# (The HTML in a real browser, screenshot and DOM: t56, in the same start
# of chromium that prints the PDFs.)
# --- a long log in and out of time order --------------------------------
# 400 days for three people, with stretches of low bond, falling mood and
# harm flags, so every rule fires somewhere.  A CSV report streams: it
# keeps a window of days, and reads again keeping all of them when a log
# is far out of time order.  The answers must not depend on the order.
awk -v head="$HEAD" "$AWK_YMD"'BEGIN {
	print head
	split("me sam jo", who, " ")
	srand(7)
	for (d = 0; d < 400; d++) {
		date = ymd(20332 + d)	# 2025-09-01 on
		for (p = 1; p <= 3; p++) {
			if (p == 3 && d % 50 > 30)
				continue
			for (j = 0; j < 1 + int(rand() * 3); j++) {
				ph = int(d / 30) % 3
				mood = (ph == 1 ? 3 : 6) + int(rand() * 3) - 1 - (d % 30 > 15 && ph == 2)
				bond = (ph == 1 ? 2 : 7) + int(rand() * 3) - 1
				numb = (ph == 1 ? 7 : 2) + int(rand() * 3) - 1
				anx = 3 + ph + int(rand() * 3)
				fl = rand() < 0.03 ? "harm" : rand() < 0.05 ? "panic" : ""
				printf "%sT%02d:%02d:00+00:00,%s,%d,%d,%d,%d,%d.%d,%s,%s,\"a, note\"\n",
				    date, 8 + 4 * j, int(rand() * 60), who[p], mood, bond,
				    anx, numb, 5 + int(rand() * 3), int(rand() * 10),
				    rand() < 0.5 ? "skin" : "talk;feed", fl
			}
		}
	}
}' >"$T/long.csv"
# The same rows shuffled, and with a handful moved months later.
awk 'BEGIN { srand(11) } NR == 1 { print; next } { print rand() "\t" $0 | "sort -n | cut -f 2-" }' \
    "$T/long.csv" >"$T/shuffled.csv"
awk 'NR == 1 || NR % 97 != 5 { print; next } { late[NR] = $0 }
    END { for (n in late) print late[n] }' "$T/long.csv" >"$T/late.csv"
check "the long log has 400 days of check-ins" \
    [ "$(cut -c 1-10 "$T/long.csv" | sort -u | wc -l)" -ge 400 ]
for per in "" "--by week" "--by month" "--by day" "--last 6w --by week" \
    "--since 2026-01-01 --until 2026-03-31 --by week" "--until 2026-02-10"; do
	ATTUNE_NOW=2026-10-05T12:00:00+01:00 run attune-report --all-people \
	    $per -f csv "$T/long.csv"
	cp "$T/out" "$T/sorted.out"
	rc_sorted=$rc
	for f in shuffled late; do
		ATTUNE_NOW=2026-10-05T12:00:00+01:00 run attune-report \
		    --all-people $per -f csv "$T/$f.csv"
		check "csv ${per:-(all)}: $f rows give the same report" \
		    same "$T/out" "$T/sorted.out"
		check "csv ${per:-(all)}: $f rows, the same exit status" \
		    rc_is "$rc_sorted"
		check "csv ${per:-(all)}: $f rows, nothing to warn about" \
		    sh -c "! grep -q '^attune-report:' '$T/err'"
	done
done
ATTUNE_NOW=2026-10-05T12:00:00+01:00 run attune-report --all-people \
    --by week -f csv "$T/long.csv"
for rule in urgent lasting worse; do
	check "the long log makes rule $rule fire in some week" out_has "$rule"
done
cp "$T/out" "$T/sorted.out"
ATTUNE_NOW=2026-10-05T12:00:00+01:00 runin "$(cat "$T/shuffled.csv")
" attune-report --all-people --by week -f csv -
check "shuffled on standard input: the same report" same "$T/out" "$T/sorted.out"
# A bad row in a shuffled log is reported once, though it is read twice.
{ cat "$T/shuffled.csv"; echo "2026-02-30T09:00:00+00:00,me,5,5,5,5,7.0,,,"; } \
    >"$T/shuffled-bad.csv"
ATTUNE_NOW=2026-10-05T12:00:00+01:00 run attune-report --all-people \
    --by week -f csv "$T/shuffled-bad.csv"
check "a bad row in a log read twice: the report is the same" \
    same "$T/out" "$T/sorted.out"
check "and it is reported once, with its line" \
    [ "$(grep -c "shuffled-bad.csv:$(wc -l <"$T/shuffled-bad.csv" | tr -d ' '):" "$T/err")" = 1 ]
check "and nothing else is said" \
    [ "$(grep -c '^attune-report:' "$T/err")" = 1 ]
# What a log holds is said once; a file that cannot be read is always said.
printf 'when,who,mood\n2026-02-01,me,5\n' >"$T/notalog.csv"
ATTUNE_NOW=2026-10-05T12:00:00+01:00 run attune-report --all-people \
    --by week -f csv "$T/shuffled.csv" "$T/notalog.csv" "$T/missing.csv"
check "read twice, a log without timestamps is named once" \
    [ "$(grep -c "notalog.csv: has no 'timestamp' column" "$T/err")" = 1 ]
check "read twice, a missing file is still named" err_has "missing.csv"
check "and the report says it failed" rc_is 1
# The text and JSON reports keep every day; their rules agree with CSV's.
ATTUNE_NOW=2026-10-05T12:00:00+01:00 run attune-report --all-people \
    --by month -f csv --check "$T/shuffled.csv"
csvrc=$rc
ATTUNE_NOW=2026-10-05T12:00:00+01:00 run attune-report --all-people \
    --by month -f json --check "$T/shuffled.csv"
check "json and csv agree on whether to reach out" rc_is "$csvrc"
check "and it is time to" rc_is 3

done_testing

#!/bin/sh
# attune-screen: the questionnaires from the command line and at a terminal.
. "$TOP/tests/lib.sh"
LOG=$ATTUNE_DIR/screens.csv
HEADER=timestamp,who,instrument,total,band,subscales,flags,answers
# text_has TEXT: TEXT is on stdout, wrapped across lines or not.
text_has() { tr -d '\r' <"$T/out" | tr '\n' ' ' | tr -s ' ' | grep -qF -e "$1"; }

## help, version, list
run attune-screen --help
check "--help exits 0" rc_is 0
check "--help shows the synopsis" out_has "usage: attune-screen"
check "--help carries the PHQ/GAD attribution" \
    out_has "with an educational grant from Pfizer Inc."
run attune-screen -V
check "-V names the version" out_has "attune-screen 0."
run attune-screen --list
check "--list exits 0" rc_is 0
for w in "pbq   Postpartum Bonding Questionnaire (PBQ), 25 items" \
    "epds  Edinburgh Postnatal Depression Scale (EPDS), 10 items" \
    "phq9  Patient Health Questionnaire-9 (PHQ-9), 9 items" \
    "phq2  Patient Health Questionnaire-2 (PHQ-2), 2 items" \
    "gad7  Generalized Anxiety Disorder-7 (GAD-7), 7 items" \
    "gad2  Generalized Anxiety Disorder-2 (GAD-2), 2 items"; do
	check "--list shows: $w" out_has "$w"
done
for w in "Brockington IF, Fraser C, Wilson D (2006)" \
    "Cox JL, Holden JM, Sagovsky R (1987)" \
    "J Gen Intern Med 16:606-613" "Arch Intern Med 166:1092-1097" \
    "Med Care 41:1284-1292" "Ann Intern Med 146:317-325" \
    "measures anxiety symptoms"; do
	check "--list shows: $w" text_has "$w"
done
check "--list says the EPDS wording is not included" \
    out_has "scoring only: its wording is not included"
check "--list logs nothing" absent "$LOG"

## every instrument: lowest and highest, --answers and --scores agree
while read -r name low top lowpts toppts total band; do
	run attune-screen -f csv --dry-run "$name" --answers "$low"
	cp "$T/out" "$T/a.csv"
	check "$name all lowest: total 0" sh -c "tail -n 1 '$T/out' | cut -d, -f4,5 | grep -qx '0,none'"
	run attune-screen -f csv --dry-run "$name" --scores "$lowpts"
	check "$name all lowest: --scores agrees with --answers" same "$T/out" "$T/a.csv"
	run attune-screen -f csv --dry-run "$name" --answers "$top"
	cp "$T/out" "$T/a.csv"
	check "$name all highest: total $total, band $band" sh -c "tail -n 1 '$T/out' | cut -d, -f4,5 | grep -qx '$total,$band'"
	run attune-screen -f csv --dry-run "$name" --scores "$toppts"
	check "$name all highest: --scores agrees with --answers" same "$T/out" "$T/a.csv"
done <<'EOF'
pbq 1,6,6,1,6,6,6,1,1,6,1,6,6,6,6,1,6,6,6,6,6,1,6,6,1 6,1,1,6,1,1,1,6,6,1,6,1,1,1,1,6,1,1,1,1,1,6,1,1,6 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5 125 high
epds 1,1,4,1,4,4,4,4,4,4 4,4,1,4,1,1,1,1,1,1 0,0,0,0,0,0,0,0,0,0 3,3,3,3,3,3,3,3,3,3 30 very-high
phq9 1,1,1,1,1,1,1,1,1 4,4,4,4,4,4,4,4,4 0,0,0,0,0,0,0,0,0 3,3,3,3,3,3,3,3,3 27 severe
phq2 1,1 4,4 0,0 3,3 6 positive
gad7 1,1,1,1,1,1,1 4,4,4,4,4,4,4 0,0,0,0,0,0,0 3,3,3,3,3,3,3 21 severe
gad2 1,1 4,4 0,0 3,3 6 positive
EOF
check "--dry-run logs nothing" absent "$LOG"

# Reverse items: the same position scores differently.
run attune-screen -f csv --dry-run epds --answers 1,1,1,1,1,1,1,1,1,1
check "epds top options: 21 (seven reverse items at 3)" \
    sh -c "tail -n 1 '$T/out' | grep -q ',epds,21,very-high,epds3a=6,'"
check "epds answers keep position and points" \
    sh -c "tail -n 1 '$T/out' | grep -q ',1:0;1:0;1:3;1:0;1:3;1:3;1:3;1:3;1:3;1:3\$'"
run attune-screen -f csv --dry-run pbq --scores 0,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0
check "pbq --scores: a reverse item's 5 points is Never (6)" \
    sh -c "tail -n 1 '$T/out' | grep -q ',1:0;6:0;6:0;6:5;6:0;'"

## the result in words
run attune-screen --dry-run phq9 --answers 4,4,4,2,1,1,1,1,1
check "phq9 10: exit 0" rc_is 0
check "phq9 10: the total" out_has "Total:  10 of 27"
check "phq9 10: the band in plain words" out_has "moderate depression symptoms"
check "phq9 10: not a diagnosis" out_has "A screen is not a diagnosis"
check "phq9 10: a gentle next step" text_has "midwife, health visitor, doctor or perinatal therapist"
check "phq9 10: points to attune tips" out_has "'attune tips'"
check "phq9 10: the attribution line" text_has "PHQ-9 and GAD-7 were developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc."
check "phq9 10: no crisis lines" out_lacks "If you are in danger"
run attune-screen --dry-run pbq --answers 1,6,6,1,6,6,6,1,1,6,1,6,6,6,6,1,6,6,6,6,6,1,6,6,1
check "pbq: every scale with its cut-off" out_has "Risk of abuse            0 of 10   cut-off  2  below"
check "pbq: the total has no cut-off" out_has "no cut-off for its total"
run attune-screen --dry-run pbq --answers 1,1,6,1,6,1,4,1,1,6,1,6,6,6,6,1,6,6,6,6,6,1,6,6,1
check "pbq bonding 12: at the cut-off" out_has "Impaired bonding        12 of 60   cut-off 12  at or above"
check "pbq bonding 12: what it may mean" out_has "not a failure of love"

## safety items: crisis lines first, exit 3
for s in "epds 1,1,4,1,4,4,4,4,4,3" "phq9 1,1,1,1,1,1,1,1,2" \
    "pbq 1,6,6,1,6,6,6,1,1,6,1,6,6,6,6,1,6,5,6,6,6,1,6,6,1" \
    "pbq 1,6,6,1,6,6,6,1,1,6,1,6,6,6,6,1,6,6,6,6,6,1,6,5,1"; do
	set -- $s
	run attune-screen --dry-run "$1" --answers "$2"
	check "$1 safety item alone: exit 3 even with --dry-run" rc_is 3
	check "$1 safety item alone: crisis lines come first" \
	    first_line_has "$T/out" "If you are in danger"
	check "$1 safety item alone: before the score" sh -c \
	    "[ \$(grep -n 'Samaritans' '$T/out' | head -n 1 | cut -d: -f1) -lt \$(grep -n '^Total:' '$T/out' | cut -d: -f1) ]"
	check "$1 safety item alone: says which item" out_has "A safety question was answered"
done
run attune-screen --dry-run epds --scores 0,0,0,0,0,0,0,0,0,0
check "epds item 10 at 0: no crisis lines" out_lacks "in danger"
check "epds item 10 at 0: exit 0" rc_is 0
run attune-screen -r gb phq9 --scores 0,0,0,0,0,0,0,0,1
check "safety logged: exit 3" rc_is 3
check "safety logged: flags has safety" sh -c "tail -n 1 '$LOG' | grep -q ',phq9,1,none,,safety,'"
check "--region gb: Samaritans" out_has "Samaritans: 116 123"
check "--region gb: not the US lines" out_lacks "988"
ATTUNE_REGION=NZ run attune-screen --dry-run epds --scores 0,0,0,0,0,0,0,0,0,2
check "ATTUNE_REGION=NZ: Need to Talk" out_has "NZ  Need to Talk?"
check "ATTUNE_REGION=NZ: no GB lines" out_lacks "Samaritans"
LC_ALL=en_AU.UTF-8 run attune-screen --dry-run epds --scores 0,0,0,0,0,0,0,0,0,2
check "locale en_AU: Lifeline" out_has "AU  Lifeline"
check "locale en_AU: no US lines" out_lacks "US  "
run attune-screen --dry-run epds --scores 0,0,0,0,0,0,0,0,0,2
check "no region known: every region" sh -c 'for r in US GB CA AU IE NZ; do grep -q "^  $r  " "$1" || exit 1; done' - "$T/out"
run attune-screen --dry-run -r fr epds --scores 0,0,0,0,0,0,0,0,0,2
check "--region fr: no lines of its own, but 112 reaches emergency services" \
    out_has "attune has no crisis lines of its own for FR, but 112 reaches the emergency"
run attune-screen --dry-run -r jp epds --scores 0,0,0,0,0,0,0,0,0,2
check "--region jp: says there are no lines, gives emergency advice" \
    out_has "call your local emergency"
run attune-screen --dry-run -f json epds --scores 0,0,0,0,0,0,0,0,0,3
check "json with safety: exit 3" rc_is 3
check "json with safety: crisis lines on stderr" err_has "If you are in danger"
check "json with safety: stdout is the data alone" first_line_has "$T/out" '{"timestamp":"2026-11-22T21:04:00+00:00"'
check "json: safety items named" out_has '"safety":true,"safety_items":[10]'
check "json: answers with id, position and points" \
    out_has '{"item":10,"id":"harm","position":1,"points":3}'
if command -v python3 >/dev/null 2>&1; then
	check "json parses" python3 -m json.tool "$T/out"
else
	skip "json parses" "python3 is not installed"
fi
run attune-screen --dry-run -q epds --scores 0,0,0,0,0,0,0,0,0,1
check "--quiet with safety: the crisis lines still print, on stderr" first_line_has "$T/err" "If you are in danger"
check "--quiet with safety: nothing on stdout" out_empty
check "--quiet with safety: exit 3" rc_is 3

## the log
rm -f "$LOG"
run attune-screen -q gad7 --answers 4,3,2,1,1,2,3
check "gad7 logged: exit 0" rc_is 0
check "--quiet prints nothing" out_empty
check "screens.csv has the contract's header" sh -c "head -n 1 '$LOG' | grep -qx '$HEADER'"
check "screens.csv row" sh -c "tail -n 1 '$LOG' | grep -qx '2026-11-22T21:04:00+00:00,me,gad7,9,mild,,,4:3;3:2;2:1;1:0;1:0;2:1;3:2'"
check "screens.csv is private" mode_is 600 "$LOG"
run attune-screen --who Sam --time 2026-11-20T08:15 --partner epds --answers 1,1,1,1,2,4,4,4,4,4
check "epds partner logged" sh -c "tail -n 1 '$LOG' | grep -qx '2026-11-20T08:15:00+00:00,Sam,epds,5,none,epds3a=5,partner;high-epds3a,1:0;1:0;1:3;1:0;2:2;4:0;4:0;4:0;4:0;4:0'"
check "epds partner: cut-off marked" out_has "cut-off  4 (partner)  at or above"
check "epds partner: partner band words" out_has "below the partner screening threshold"
check "says where it logged" out_has "Logged to $LOG."
run attune-screen --partner --dry-run epds --scores 3,3,3,0,0,1,0,0,0,0
check "epds 10 for a mother: possible" sh -c "attune-screen -f csv --dry-run epds --scores 3,3,3,0,0,1,0,0,0,0 | tail -n 1 | grep -q ',10,possible,'"
check "epds 10 with --partner: possible, as for a mother" out_has "Result: possible depression (partner cut-off)"
run attune-screen --partner --dry-run epds --scores 3,3,3,1,0,1,0,0,0,0
check "epds 11 with --partner: already probable" out_has "Result: probable depression (partner cut-off): worth a proper talk soon"
run attune-screen --partner --dry-run -f csv epds --scores 3,3,3,3,3,3,3,3,3,0
check "epds 27 with --partner: the top of the range has its own band" \
    sh -c "tail -n 1 '$T/out' | grep -q ',epds,27,very-high,'"
run attune-screen --partner --dry-run epds --scores 3,3,3,3,3,3,3,3,3,0
check "epds 27 with --partner: its own words" out_has "Result: a very high score: plainly worth contacting a professional soon"
run attune-screen --partner --dry-run phq2 --scores 2,1
check "--partner on the PHQ-2: says the usual cut-offs apply" out_has "no separate cut-offs for partners"
check "two rows logged so far" lines_are 3 "$LOG"
run attune-screen -f csv phq2 --scores 1,2
check "--format csv: header and row" sh -c "head -n 1 '$T/out' | grep -qx '$HEADER' && tail -n 1 '$T/out' | grep -q ',phq2,3,positive,,,2:1;3:2\$'"
check "--format csv: the same row as logged" \
    sh -c '[ "$(tail -n 1 "$1")" = "$(tail -n 1 "$2")" ]' - "$T/out" "$LOG"

## bad input: exit 2, a message naming the item, the log unchanged
cp "$LOG" "$T/before"
bad() {
	_want=$1
	shift
	run attune-screen "$@"
	check "$* : exit 2" rc_is 2
	check "$* : says '$_want'" err_has "$_want"
	check "$* : log unchanged" same "$LOG" "$T/before"
}
bad "--answers: item 9 has no value: 8 given, and the PHQ-9 has 9 items" phq9 --answers 1,1,1,1,1,1,1,1
bad "--answers: more than 9 values; the PHQ-9 has 9 items, so there is no item 10" phq9 --answers 1,1,1,1,1,1,1,1,1,1
bad "--answers: item 3 is 5, out of range; use 1 to 4" phq9 --answers 1,1,5,1,1,1,1,1,1
bad "--answers: item 3 is 0, out of range; use 1 to 4" phq9 --answers 1,1,0,1,1,1,1,1,1
bad "--answers: item 2 is 'x', not a number" phq2 --answers 1,x
bad "--answers: item 2 is 99999999999999999999, out of range; use 1 to 4" phq2 --answers 1,99999999999999999999
bad "--answers: item 2 is '-1', not a number" phq2 --answers 1,-1
bad "--answers: item 2 is '2.5', not a number" phq2 --answers 1,2.5
bad "--answers: item 1 has no value" phq2 --answers ,1
bad "--answers: item 2 has no value" phq2 --answers 1,
bad "--answers: item 1 has no value" phq2 --answers ""
bad "--scores: item 4 (worry) is 4, out of range; use 0 to 3 points" epds --scores 0,0,0,4,0,0,0,0,0,0
bad "--scores: item 25 is 6, out of range; use 0 to 5" pbq --scores 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6
bad "--answers: item 7 is 7, out of range; use 1 to 6" pbq --answers 1,1,1,1,1,1,7,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1
bad "--scores: item 10 (harm) has no value" epds --scores 0,0,0,0,0,0,0,0,0
bad "give --answers or --scores, not both" phq2 --answers 1,1 --scores 0,0
bad "'phq8' is not a questionnaire attune knows" phq8 --answers 1,1
bad "which questionnaire?" --answers 1,1
bad "one questionnaire at a time" phq2 gad2 --answers 1,1
bad "--format: 'xml' is not one of the choices" -f xml phq2 --answers 1,1
bad "--region: 'xyz' is not a two-letter country code" -r xyz phq2 --answers 1,1
bad "unknown option '--bogus'" --bogus phq2 --answers 1,1
bad "option '--answers' needs a value" phq2 --answers
bad "--time: '2027-01-01' is in the future" --time 2027-01-01 phq2 --answers 1,1
bad "--time: 'soon'" --time soon phq2 --answers 1,1
bad "--list takes no questionnaire" --list phq2
bad "no answers: give --answers or --scores" phq2
bad "the EPDS can only be asked here with a wording file" epds
check "epds without wording: says why" err_has "requires written"
check "epds without wording: says how to enter a paper form" err_has "attune screen epds --answers 1,2,4,..."
ATTUNE_WHO="$(printf 'a\tb')" run attune-screen phq2 --answers 1,1
check "a bad ATTUNE_WHO: exit 2" rc_is 2
check "a bad ATTUNE_WHO: log unchanged" same "$LOG" "$T/before"

## a log that cannot be written: exit 1, the result still shown
mkdir -p "$T/d2/screens.csv"
run attune-screen -d "$T/d2" phq2 --answers 2,2
check "unwritable log: exit 1" rc_is 1
check "unwritable log: says so" err_has "not logged"
check "unwritable log: the result still shown" out_has "Total:  2 of 6"
check "unwritable log: does not claim it logged" out_has "Not logged: the log could not be written."
run attune-screen -d "$T/d2" phq9 --answers 1,1,1,1,1,1,1,1,4
check "unwritable log with safety: crisis lines still first" first_line_has "$T/out" "If you are in danger"
check "unwritable log with safety: exit 1" rc_is 1

## at a terminal
rm -f "$LOG"
run "$TOP/tests/ptyrun" "2
3
" attune-screen phq2
check "terminal phq2: exit 0" rc_is 0
check "terminal: the instruction" out_has "Over the last 2 weeks, how often"
check "terminal: a progress mark" out_has "item 2 of 2"
check "terminal: numbered options" out_has "4  Nearly every day"
check "terminal: the result" out_has "Total:  3 of 6"
check "terminal phq2: logged" sh -c "tail -n 1 '$LOG' | grep -q ',phq2,3,positive,,,2:1;3:2\$'"
cp "$LOG" "$T/before"
run "$TOP/tests/ptyrun" "4
b
1
x
9

2
" attune-screen phq2
check "terminal back: exit 0" rc_is 0
check "terminal back: shows the earlier answer" out_has "4  Nearly every day   (your answer before)"
check "terminal bad key: asks again" out_has "Please type a number from 1 to 4"
check "terminal back: the changed answer logged" sh -c "tail -n 1 '$LOG' | grep -q ',phq2,1,none,,,1:0;2:1\$'"
cp "$LOG" "$T/before"
run "$TOP/tests/ptyrun" "b
1
q
" attune-screen gad2
check "terminal b on item 1: nothing to go back to" out_has "This is the first item"
check "terminal q: exit 0" rc_is 0
check "terminal q: says nothing was written" out_has "Left without saving; nothing was written."
check "terminal q: log unchanged" same "$LOG" "$T/before"
run "$TOP/tests/ptyrun" "1
$(printf '\004')" attune-screen gad7
check "terminal Ctrl-D: leaves without saving" out_has "Left without saving"
check "terminal Ctrl-D: log unchanged" same "$LOG" "$T/before"
run "$TOP/tests/ptyrun" "1
1
1
1
1
1
1
1
2
" attune-screen -r ie phq9
check "terminal safety item: exit 3" rc_is 3
check "terminal safety item: crisis lines before the score" \
    sh -c "sed -n '/item 9 of 9/,\$p' '$T/out' | sed '/^Total:/q' | grep -q 'IE  Samaritans'"
check "terminal safety item last: the lines shown once, not twice in a row" \
    sh -c "grep -c 'IE  Samaritans' '$T/out' | grep -qx 1"
check "terminal safety item: logged with the flag" sh -c "tail -n 1 '$LOG' | grep -q ',phq9,1,none,,safety,'"
cp "$LOG" "$T/before"
# Items 1 to 17 at their lowest points, item 18 at Rarely (1 point), q.
run "$TOP/tests/ptyrun" "$(printf '1\n6\n6\n1\n6\n6\n6\n1\n1\n6\n1\n6\n6\n6\n6\n1\n6\n5')
q
" attune-screen -r nz pbq
check "terminal pbq item 18: crisis lines at once" \
    sh -c "sed -n '/item 18 of 25/,\$p' '$T/out' | sed '/item 19 of 25/q' | grep -q 'NZ  Need to Talk?'"
check "terminal pbq item 18: then the questions go on" out_has "item 19 of 25"
check "terminal pbq item 18, then q: exit 0" rc_is 0
check "terminal pbq item 18, then q: log unchanged" same "$LOG" "$T/before"
check "terminal pbq: progress item 7 of 25" out_has "item 7 of 25"
check "terminal pbq: the instruction" text_has "There are no 'right' or"
check "terminal pbq: item wording" out_has "My baby winds me up"
check "terminal pbq: left without saving" out_has "Left without saving"

## the EPDS from a wording file (placeholder text, not the real items)
{
	echo "item,text,option1,option2,option3,option4"
	echo "instruction,Test instruction for a made-up form.,,,,"
	for id in laugh enjoy blame worry panic cope sleep sad cry harm; do
		echo "$id,Test item $id,Test option A,Test option B,Test option C,Test option D"
	done
} >"$T/wording.csv"
cp "$LOG" "$T/before"
run "$TOP/tests/ptyrun" "1
1
1
1
1
1
1
1
1
4
" attune-screen --wording "$T/wording.csv" epds
check "terminal epds with wording: exit 0" rc_is 0
check "terminal epds: the file's instruction" out_has "Test instruction for a made-up form."
check "terminal epds: the file's item text" out_has "Test item panic"
check "terminal epds: the file's options" out_has "3  Test option C"
check "terminal epds: scored by the key" sh -c "tail -n 1 '$LOG' | grep -q ',epds,18,probable,epds3a=6,high-epds3a,1:0;1:0;1:3;1:0;1:3;1:3;1:3;1:3;1:3;4:0\$'"
cp "$LOG" "$T/before"
badword() {
	_want=$1
	printf '%s\n' "$2" >"$T/w.csv"
	run "$TOP/tests/ptyrun" "1
" attune-screen --wording "$T/w.csv" epds
	check "wording file $_want: exit 1" rc_is 1
	check "wording file: says '$_want'" out_has "$_want"
	check "wording file $_want: log unchanged" same "$LOG" "$T/before"
}
badword "has no row for item 'harm'" "$(head -n 11 "$T/wording.csv")"
badword "'smile' is not an item of the EPDS" "$(cat "$T/wording.csv"; echo 'smile,Test,a,b,c,d')"
badword "item 'cry' has 3 options; the EPDS needs 4" "$(sed 's/^cry,\(.*\),Test option D$/cry,\1,/' "$T/wording.csv")"
badword "item 'sad' is given twice" "$(cat "$T/wording.csv"; echo 'sad,Test again,a,b,c,d')"
badword "needs the columns 'item' and 'text'" "$(printf 'id,words\nlaugh,x\n')"
run "$TOP/tests/ptyrun" "1
" attune-screen --wording "$T/nonexistent.csv" epds
check "missing wording file: exit 1" rc_is 1
check "missing wording file: says so" out_has "nonexistent.csv"
# A translation for a shipped questionnaire uses item numbers as ids.
printf 'item,text\ninstruction,Test instrucciones.\n1,Test uno\n2,Test dos\n' >"$T/w2.csv"
run "$TOP/tests/ptyrun" "1
2
" attune-screen --dry-run -W "$T/w2.csv" gad2
check "wording for gad2: its text" out_has "Test dos"
check "wording for gad2: the shipped options" out_has "2  Several days"
check "wording for gad2: scored" out_has "Total:  1 of 6"
done_testing

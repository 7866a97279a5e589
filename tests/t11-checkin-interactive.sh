#!/bin/sh
# attune-checkin at a terminal (driven through tests/ptyrun): each
# question in turn with what 0 and 10 mean, Enter skips, a bad answer is
# asked again, q or Ctrl-D leaves with nothing written, and a harm flag
# shows the crisis lines before anything is written.
. "$TOP/tests/lib.sh"

LOG=$ATTUNE_DIR/checkins.csv
H='timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note'
NOW=2026-11-22T21:04:00+00:00
CTRL_D=$(printf '\004')

# type KEYS COMMAND...: run COMMAND on a terminal and type KEYS, a printf
# format (so \n is Enter and \004 is Ctrl-D).  What the terminal showed
# is in $T/screen, without carriage returns.
type_at() {
	_k=$(printf "$1."; :)
	_k=${_k%.}
	shift
	run "$TOP/tests/ptyrun" "$_k" "$@"
	tr -d '\r' <"$T/out" >"$T/screen"
}
ask() {
	_keys=$1
	shift
	type_at "$_keys" attune-checkin "$@"
}
screen_has() { grep -qF -e "$1" "$T/screen"; }
screen_lacks() { ! grep -qF -e "$1" "$T/screen"; }
# screen_count N TEXT: TEXT shows on exactly N lines.
screen_count() { [ "$(grep -cF -e "$2" "$T/screen")" = "$1" ]; }
# in_order A B: A first shows on the screen before B first does.
in_order() {
	_a=$(grep -nF -e "$1" "$T/screen" | head -n 1 | cut -d: -f1)
	_b=$(grep -nF -e "$2" "$T/screen" | head -n 1 | cut -d: -f1)
	[ -n "$_a" ] && [ -n "$_b" ] && [ "$_a" -lt "$_b" ]
}
last_line_is() { [ "$(grep -v '^$' "$T/screen" | tail -n 1)" = "$1" ]; }

if [ ! -x "$TOP/tests/ptyrun" ]; then
	skip "interactive check-ins" "tests/ptyrun is not built"
	done_testing
	exit 0
fi

### Every question answered.
ask '5\n3\n\n7\n6.5\nskin, talk\n\nslept in bits, "ok" overall\n\n'
check "answering every question: exit 0" rc_is 0
check "the row holds every answer" \
    log_is "$NOW,me,5,3,,7,6.5,skin;talk,,\"slept in bits, \"\"ok\"\" overall\""
check "it says whose check-in and for which day" screen_has \
    "A quick check-in for me, today."
check "it says how to skip, go back and leave" screen_has \
    "Answer what you like; Enter skips a question, b goes back one, q leaves"
check "before saving, it shows the check-in and asks" screen_has \
    "For me, today: mood 5, bond 3, numb 7, sleep 6.5 h, skin, talk; note: slept in bits"
check "the mood question says what 0 and 10 mean" screen_has "  0 = very low, 10 = very good"
check "the bond question says what 0 and 10 mean" \
    screen_has "  0 = not at all connected, 10 = deeply connected"
check "the anxiety question says what 0 and 10 mean" \
    screen_has "  0 = calm, 10 = extremely anxious"
check "the numb question says what 0 and 10 mean" \
    screen_has "  0 = fully present, 10 = completely numb"
check "the sleep question says what 0 and 24 mean" screen_has "  0 = none, 24 = 24 hours"
check "the questions come in turn" in_order "How is your mood today?" \
    "How connected do you feel to your baby today?"
check "sleep after numbness" in_order "How numb, or on autopilot" \
    "How many hours did you sleep"
check "the moments are listed" screen_has \
    "  skin, talk, sing, read, massage, carry, eye, feed, bath, play, walk, rest"
check "the concerns are listed" screen_has \
    "  intrusive, panic, rage, cant-cope, cant-care, harm"
check "each prompt says Enter skips, b goes back and q leaves" \
    screen_count 6 "Enter to skip, b back, q leave): "
check "one kind line at the end, for a bond of 3 a word on feeling far" last_line_is \
    "Logged. Feeling far from your baby is common and can change with time; 'attune tips' has small things to try."
check "no crisis lines without a harm flag" screen_lacks "If you are in danger"
cp "$LOG" "$T/log.1"

### Enter skips.
ask '\n\n4\n\n\n\n\nonly this\n\n'
check "skipping some: exit 0" rc_is 0
check "skipping some: only the answers given are written" \
    log_is "$(sed -n 2p "$T/log.1")" "$NOW,me,,,4,,,,,only this"
cp "$LOG" "$T/before"
ask '\n\n\n\n\n\n\n\n\n'
check "skipping everything: exit 0" rc_is 0
check "skipping everything: says nothing was written, kindly" \
    screen_has "Nothing was answered, so nothing was written. That is fine too."
check "skipping everything: the log is unchanged" same "$LOG" "$T/before"
ask '\n\n\n\n\n\n\n\n\n' -d "$T/fresh"
check "skipping everything: no log is created" absent "$T/fresh/checkins.csv"

### Leaving with Ctrl-D or q writes nothing, at any question.
leaves() {
	_what=$1
	shift
	cp "$LOG" "$T/before"
	ask "$@"
	check "$_what: exit 0" rc_is 0
	check "$_what: says nothing was written" \
	    screen_has "Left without saving; nothing was written."
	check "$_what: the log is byte for byte unchanged" same "$LOG" "$T/before"
	check "$_what: no acknowledgement" screen_lacks "Logged."
}
leaves "Ctrl-D at the first question" '\004'
leaves "Ctrl-D after three answers, then no" '5\n3\n2\n\004n\n'
leaves "Ctrl-D at the moments, then no" '5\n3\n2\n1\n7\n\004n\n'
leaves "Ctrl-D at the note, then Enter" '5\n3\n2\n1\n7\nskin\n\n\004\n'
leaves "n at the last word" '5\n3\n2\n1\n7\nskin\n\nnote\nn\n'
leaves "q at the last word" '5\n3\n2\n1\n7\nskin\n\nnote\nq\n'
leaves "q at the first question" 'q\n'
leaves "q at the bond question" '5\nq\n'
leaves "Q at the sleep question" '5\n3\n2\n1\nQ\n'
leaves "q at the concerns" '5\n3\n2\n1\n7\nskin\nq\n'
leaves "q at the note" '5\n3\n2\n1\n7\nskin\npanic\nq\n'
leaves "q after a bad answer" '11\nq\n'
ask '\004' -d "$T/fresh2"
check "Ctrl-D before any log exists: no log is created" absent "$T/fresh2/checkins.csv"

### A bad answer is asked again, with a word on what fits.
cp "$LOG" "$T/before"
ask '11\nabc\n-1\n5.5\n 5\n+5\n5\n\n\n\n25\n5.55\nabc\n-2\n5.5\nhug\nskin, hug\nskin,talk\nworry\n\nok\n\n'
check "bad answers: exit 0 in the end" rc_is 0
check "a bad measure is asked again, each time" screen_count 6 \
    "Please answer with a whole number from 0 to 10, or press Enter to skip."
check "a bad number of hours is asked again, each time" screen_count 4 \
    "Please give hours from 0 to 24, like 6 or 5.5, or press Enter to skip."
check "a word not in the list is asked again, each time" screen_count 3 \
    "Please use words from the list, or press Enter for none."
check "the mood prompt shows again after each bad answer" \
    screen_count 7 "mood (0-10, Enter to skip, b back, q leave): "
check "a word not in the list is named" \
    screen_has "'hug' is not in the list"
check "bad answers: only the good answers are written" \
    log_grew "$NOW,me,5,,,,5.5,skin;talk,,ok"

### A harm flag: the crisis lines at once, before anything is written.
cp "$LOG" "$T/before"
ATTUNE_REGION=GB ask '2\n1\n8\n9\n3\n\npanic, harm\n\004n\n'
check "harm, then Ctrl-D and no: exit 0" rc_is 0
check "harm: the crisis lines show as soon as it is flagged" screen_has \
    "  GB  Samaritans: 116 123 (24/7)"
check "harm: before the note is asked for" in_order \
    "If you are in danger" "A note, if you like"
check "harm: after the concerns question" in_order \
    "Has any of these been with you today?" "If you are in danger"
check "harm, then Ctrl-D: nothing was written" same "$LOG" "$T/before"
check "harm, then Ctrl-D: says so" screen_has "Left without saving; nothing was written."
ATTUNE_REGION=GB ask '2\n1\n8\n9\n3\n\nharm\nhard day\n\n'
check "harm, with a note: exit 0" rc_is 0
check "harm: the crisis lines come before the acknowledgement" \
    in_order "  GB  Emergency: 999 (24/7)" "Logged. Please do reach out"
check "harm: the row is written as usual" \
    log_grew "$NOW,me,2,1,8,9,3.0,,harm,hard day"
check "harm: only one region's lines" screen_lacks "  US  "
ask '\n\n\n\n\n\nharm\n\004n\n' --region us
check "harm: --region picks the lines at a terminal too" \
    screen_has "  US  988 Suicide & Crisis Lifeline: call or text 988 (24/7)"

### Options that go with the questions.
cp "$LOG" "$T/before"
ask '6\n\n\n\n\n\n\n\n\n' --who Sam --time yesterday -q
check "--who and --time with the questions: exit 0" rc_is 0
check "--who and --time with the questions: the row" \
    log_grew "2026-11-21T12:00:00+00:00,Sam,6,,,,,,,"
check "-q: no acknowledgement" screen_lacks "Logged."
cp "$LOG" "$T/before"
ask '7\n\n\n\n\n\n\n\n\n' --dry-run
check "--dry-run with the questions: exit 0" rc_is 0
check "--dry-run with the questions: the row is shown" screen_has "$NOW,me,7,,,,,,,"
check "--dry-run with the questions: nothing is written" same "$LOG" "$T/before"
cp "$LOG" "$T/before"
ask '\n\n\n\n\n\n\ncaf\303\251, \342\200\234quoted\342\200\235\n\n'
check "a typed note in UTF-8 is kept exactly" log_grew \
    "$NOW,me,,,,,,,,\"$(printf 'caf\303\251, \342\200\234quoted\342\200\235')\""
cp "$LOG" "$T/before"
ask '\n\n\n\n\n\n\nbad \377 byte\n\n'
check "a typed note that is not UTF-8: said kindly" \
    screen_has "The note has characters that are not UTF-8 text, so it was left out."
check "and with nothing else answered, nothing is written" same "$LOG" "$T/before"
type_at '4\n\n\n\n\n\n\n\n\n' attune checkin
check "attune checkin asks the same questions" screen_has "How is your mood today?"
check "attune checkin at a terminal writes the row" log_grew "$NOW,me,4,,,,,,,"

### b goes back a question; Ctrl-D offers to save what was answered.
cp "$LOG" "$T/before"
ask '5\nb\n4\n3\n\n\n\nskni\nskin\nb\n\nb\ntalk\n\n\ny\n'
check "b: exit 0" rc_is 0
check "b: goes back to the question before" screen_count 2 "How is your mood today?"
check "b: the answer given again is kept, and Enter keeps a revisited list" \
    log_grew "$NOW,me,4,3,,,,talk,,"
check "a word not in the list: did you mean" screen_has "'skni' is not in the list; did you mean skin?"
check "on a second visit Enter keeps a measure" screen_has "mood (0-10, Enter keeps 5, b back, q leave): "
cp "$LOG" "$T/before"
ask 'b\n5\n\004y\n'
check "b at the very first question: says so" \
    screen_has "This is the first question; there is nothing to go back to."
check "Ctrl-D: offers to save what was answered" screen_has "So far: mood 5"
check "Ctrl-D then y: saved" log_grew "$NOW,me,5,,,,,,,"
cp "$LOG" "$T/before"
ask '5\n\n\n\n\n\n\n\n\n' --time yesterday
check "--time yesterday: the check-in says which day it is for" \
    screen_has "A quick check-in for me, yesterday, 2026-11-21."

### The questions are for a terminal only.
cp "$LOG" "$T/before"
runin '5
' attune-checkin
check "answers piped in are not taken as a terminal: exit 2" rc_is 2
check "the message says what to give" err_has "nothing to log: give at least one of --mood"
check "nothing was written" same "$LOG" "$T/before"
check "no question was asked" out_empty
done_testing

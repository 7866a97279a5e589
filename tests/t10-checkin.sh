#!/bin/sh
# attune-checkin without a terminal: every option, every refusal with its
# exit status and message and the log byte for byte unchanged, the data
# directory and its modes, crisis lines, 50 writers at once, a write that
# fails under a file size limit, and a directory it may not write in.
. "$TOP/tests/lib.sh"

LOG=$ATTUNE_DIR/checkins.csv
H='timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note'
NOW=2026-11-22T21:04:00+00:00
CRISIS1='If you are in danger, or you are thinking about hurting yourself or your baby,'

# first_out LINE / last_out LINE: the first or last line of stdout.
first_out() { [ "$(head -n 1 "$T/out")" = "$1" ]; }
last_out() { [ "$(tail -n 1 "$T/out")" = "$1" ]; }
# notes_are LINE...: the notes of the log as read back by the library.
notes_are() {
	"$TOP/tests/unit-csv" --rows "$LOG" note >"$T/notes" 2>"$T/notes.err" &&
	    file_is "$T/notes" "$@"
}

# refused DESCRIPTION STATUS MESSAGE COMMAND...: the command exits with
# STATUS, says MESSAGE on stderr, prints nothing on stdout, and the log is
# byte for byte as it was.  A usage error points to --help, unless try=no
# (a bad word is answered with the list of choices instead).
refused() {
	_what=$1 _st=$2 _msg=$3
	shift 3
	if [ -e "$LOG" ]; then cp "$LOG" "$T/before"; else rm -f "$T/before"; fi
	run "$@"
	check "$_what: exits $_st" rc_is "$_st"
	check "$_what: says so" err_has "$_msg"
	check "$_what: nothing on stdout" out_empty
	if [ -e "$T/before" ]; then
		check "$_what: the log is unchanged" same "$LOG" "$T/before"
	else
		check "$_what: no log is created" absent "$LOG"
	fi
	if [ "$_st" = 2 ] && [ "$try" != no ]; then
		check "$_what: points to --help" \
		    err_has "Try 'attune-checkin --help' for the options."
	fi
}

### Nothing to log: a usage error before anything exists.
refused "no options and no terminal" 2 \
    "attune-checkin: nothing to log: give at least one of --mood" attune-checkin
check "not even the data directory is made" absent "$ATTUNE_DIR"
refused "an empty note alone" 2 "nothing to log" attune-checkin --note ""
refused "an empty --did alone" 2 "nothing to log" attune-checkin --did ""
refused "--did of commas alone" 2 "nothing to log" attune-checkin --did ",,"
refused "--who alone" 2 "nothing to log" attune-checkin --who Sam
check "still no data directory" absent "$ATTUNE_DIR"

### The first check-in makes a private directory and log.
run sh -c 'umask 0; exec attune-checkin --mood 5'
check "a check-in exits 0" rc_is 0
check "the log holds the header and the row" log_is "$NOW,me,5,,,,,,,"
check "the data directory is mode 0700 (even with umask 0)" mode_is 700 "$ATTUNE_DIR"
check "the log is mode 0600" mode_is 600 "$LOG"
check "one kind line of acknowledgement" \
    out_is "Logged. Thank you for checking in; noticing how you are is a kind thing to do."
check "nothing on stderr" err_empty

### Every option, long and short.
run attune-checkin --mood 0 --bond 10 --anxiety 3 --numb 4 --sleep 7.5 \
    --did skin --did talk,feed --flag panic --note "a note" \
    --time 2026-11-20 --who Sam --quiet
check "every long option: exit 0" rc_is 0
check "every long option: --quiet prints nothing" out_empty
check "every long option: nothing on stderr" err_empty
check "every long option: the row, moments in the list's order" log_is \
    "$NOW,me,5,,,,,,," \
    "2026-11-20T12:00:00+00:00,Sam,0,10,3,4,7.5,skin;talk;feed,panic,a note"
run attune-checkin -m 10 -b 0 -a 10 -n 0 -s 24 -D rest,walk -D skin \
    -f cant-care,intrusive -N x -t yesterday -w "Alex, partner" -q
check "every short option: exit 0" rc_is 0
check "every short option: the row" log_is \
    "$NOW,me,5,,,,,,," \
    "2026-11-20T12:00:00+00:00,Sam,0,10,3,4,7.5,skin;talk;feed,panic,a note" \
    "2026-11-21T12:00:00+00:00,\"Alex, partner\",10,0,10,0,24.0,skin;walk;rest,intrusive;cant-care,x"
run attune-checkin --did=talk,talk,skin --flag "rage, panic" --dry-run
check "--opt=value, repeated words once, spaces after commas" \
    out_is "$NOW,me,,,,,,skin;talk,panic;rage,"
run attune-checkin --did " skin , bath ,talk " --dry-run
check "spaces around words are not part of them" out_is "$NOW,me,,,,,,skin;talk;bath,,"
run attune-checkin --did "skin;bath" --dry-run
check "a semicolon separates words too" out_is "$NOW,me,,,,,,skin;bath,,"
for s in 0:0.0 24:24.0 5.5:5.5 5.:5.0 .5:0.5 07:7.0 23.9:23.9; do
	run attune-checkin --sleep "${s%%:*}" --dry-run
	check "--sleep ${s%%:*} is written ${s#*:}" out_is "$NOW,me,,,,,${s#*:},,,"
done
for m in mood bond anxiety numb; do
	run attune-checkin "--$m" 0 --dry-run
	check "--$m 0 is allowed" rc_is 0
	run attune-checkin "--$m" 10 --dry-run
	check "--$m 10 is allowed" rc_is 0
done
run attune-checkin --mood 7 --dry-run
check "--dry-run prints the row, not the header" out_is "$NOW,me,7,,,,,,,"
check "--dry-run: no 'Logged', since nothing was" err_empty

### The note, exactly as typed.
cp "$LOG" "$T/before"
nl='
'
cr=$(printf '\r')
eacute=$(printf '\303\251')
utf=$(printf 'caf\303\251 \360\237\221\266 \302\253quoted\302\273')
for note in 'commas, "quotes", and more' "two${nl}lines" "windows${cr}${nl}line" \
    ' leading and trailing ' '	tab first' '"' '' "$utf" '=1+2' \
    "ends with a newline${nl}"; do
	[ -n "$note" ] || continue
	run attune-checkin -q --note "$note"
	check "a note is accepted: $(printf '%s' "$note" | od -An -c | tr -s ' ' | head -c 60)" rc_is 0
done
check "every note reads back exactly as typed" notes_are \
    '' 'a note' 'x' \
    'commas, "quotes", and more' 'two\nlines' 'windows\x0d\nline' \
    ' leading and trailing ' '\ttab first' '"' "$utf" '=1+2' \
    'ends with a newline\n'
tail -c +$(($(wc -c <"$T/before") + 1)) "$LOG" >"$T/new"
check "and the log holds them quoted as CSV, byte for byte" same "$T/new" /dev/stdin <<EOF
$NOW,me,,,,,,,,"commas, ""quotes"", and more"
$NOW,me,,,,,,,,"two
lines"
$NOW,me,,,,,,,,"windows$cr
line"
$NOW,me,,,,,,,," leading and trailing "
$NOW,me,,,,,,,,"	tab first"
$NOW,me,,,,,,,,""""
$NOW,me,,,,,,,,$utf
$NOW,me,,,,,,,,=1+2
$NOW,me,,,,,,,,"ends with a newline
"
EOF

### --time.
tcheck() {
	run attune-checkin --mood 1 --dry-run --time "$1"
	check "--time '$1' is $2" out_is "$2,me,1,,,,,,,"
}
tcheck yesterday 2026-11-21T12:00:00+00:00
tcheck today "$NOW"
tcheck "3 days ago" 2026-11-19T21:04:00+00:00
tcheck "1 day ago" 2026-11-21T21:04:00+00:00
tcheck 2026-11-22 "$NOW"
tcheck 2026-11-20 2026-11-20T12:00:00+00:00
tcheck 2026-07-01 2026-07-01T12:00:00+01:00
tcheck 2026-07-01T08:30 2026-07-01T08:30:00+01:00
tcheck 2026-11-20T23:59:59-05:00 2026-11-20T23:59:59-05:00
tcheck 2026-11-22T21:14 2026-11-22T21:14:00+00:00
tcheck 2024-02-29T10:00Z 2024-02-29T10:00:00+00:00
tcheck 2026-03-29T01:30 2026-03-29T02:30:00+01:00
ATTUNE_NOW=2026-10-27T12:00:00+00:00 tcheck "3 days ago" 2026-10-24T12:00:00+01:00
refused "--time 11 minutes ahead" 2 \
    "attune-checkin: --time: '2026-11-22T21:15' is in the future; check-ins are for now or earlier" \
    attune-checkin --mood 1 --time 2026-11-22T21:15
refused "--time tomorrow's date" 2 "is in the future" \
    attune-checkin --mood 1 --time 2026-11-23
refused "--time in words it does not know" 2 \
    "attune-checkin: --time: 'tomorrow' is not a date or time; use a date like 2026-11-22" \
    attune-checkin --mood 1 --time tomorrow
refused "--time 30 February" 2 "--time: '2026-02-30' is not a date or time" \
    attune-checkin --mood 1 --time 2026-02-30
refused "--time with an hour 24" 2 "--time: '2026-11-20T24:00' is not a date" \
    attune-checkin --mood 1 --time 2026-11-20T24:00
try=no
refused "a bad ATTUNE_NOW" 2 "ATTUNE_NOW: 'soon' is not an ISO 8601 time" \
    env ATTUNE_NOW=soon attune-checkin --mood 1
try=

### --who.
ATTUNE_WHO=Robin run attune-checkin --mood 1 --dry-run
check "ATTUNE_WHO names the entry" out_is "$NOW,Robin,1,,,,,,,"
ATTUNE_WHO=Robin run attune-checkin --mood 1 --dry-run --who Sam
check "--who wins over ATTUNE_WHO" out_is "$NOW,Sam,1,,,,,,,"
run attune-checkin --mood 1 --dry-run --who "Ren${eacute}e"
check "a name in UTF-8" out_is "$NOW,Ren${eacute}e,1,,,,,,,"
long=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
run attune-checkin --mood 1 --dry-run --who "$long"
check "a name of 64 characters" out_is "$NOW,$long,1,,,,,,,"
refused "--who of 65 characters" 2 "--who: '${long}x' is not a usable name" \
    attune-checkin --mood 1 --who "${long}x"
refused "--who with a newline" 2 "--who: 'a${nl}b' is not a usable name; use 1 to 64" \
    attune-checkin --mood 1 --who "a${nl}b"
refused "an ATTUNE_WHO with a tab" 2 "ATTUNE_WHO: 'a\\tb' is not a usable name" \
    env "ATTUNE_WHO=a	b" attune-checkin --mood 1

### Values out of range or not in the list.
for m in mood bond anxiety numb; do
	refused "--$m 11" 2 "attune-checkin: --$m: 11 is out of range; use 0 to 10" \
	    attune-checkin "--$m" 11
	refused "--$m -1" 2 "attune-checkin: --$m: -1 is out of range; use 0 to 10" \
	    attune-checkin "--$m" -1
	refused "--$m 5.5" 2 "attune-checkin: --$m: '5.5' is not a whole number; use 0 to 10" \
	    attune-checkin "--$m" 5.5
	refused "--$m abc" 2 "--$m: 'abc' is not a whole number" attune-checkin "--$m" abc
	refused "--$m empty" 2 "--$m: '' is not a whole number" attune-checkin "--$m" ""
done
refused "-m with a space before" 2 "--mood: ' 5' is not a whole number" attune-checkin -m " 5"
refused "-m with a tab before" 2 "--mood: '\\t5' is not a whole number" attune-checkin -m "	5"
refused "-m with a newline before" 2 "is not a whole number" attune-checkin -m "${nl}5"
refused "-m with a space after" 2 "--mood: '5 ' is not a whole number" attune-checkin -m "5 "
refused "-m 99999999999999999999" 2 "--mood:" attune-checkin -m 99999999999999999999
refused "--sleep 24.1" 2 "attune-checkin: --sleep: 24.1 is out of range; use 0 to 24" \
    attune-checkin --sleep 24.1
refused "--sleep 25" 2 "--sleep: 25 is out of range; use 0 to 24" attune-checkin --sleep 25
refused "--sleep 5.55" 2 \
    "--sleep: '5.55' is not a number of hours; use 0 to 24, with at most one decimal" \
    attune-checkin --sleep 5.55
refused "--sleep -1" 2 "--sleep: '-1' is not a number of hours" attune-checkin --sleep -1
refused "--sleep abc" 2 "--sleep: 'abc' is not a number of hours" attune-checkin --sleep abc
refused "--sleep ." 2 "--sleep: '.' is not a number of hours" attune-checkin --sleep .
refused "--sleep 1e1" 2 "--sleep: '1e1' is not a number of hours" attune-checkin --sleep 1e1
refused "--sleep 1234567" 2 "--sleep: " attune-checkin --sleep 1234567
try=no
refused "--did hug" 2 "attune-checkin: --did: 'hug' is not one of the choices" \
    attune-checkin --mood 5 --did skin,hug
check "--did hug: the choices are listed" err_has \
    "Choose from: skin, talk, sing, read, massage, carry, eye, feed, bath, play, walk, rest"
# Words typed by hand are taken in any case; the log holds them as listed.
cp "$LOG" "$T/before"
run attune-checkin --did Skin,TALK --flag Panic
check "--did and --flag in capitals: logged" rc_is 0
check "--did and --flag in capitals: written in lower case" sh -c \
    "tail -n 1 '$LOG' | grep -q ',skin;talk,panic,\$'"
cp "$T/before" "$LOG"
refused "--flag worry" 2 "attune-checkin: --flag: 'worry' is not one of the choices" \
    attune-checkin --mood 5 --flag worry
check "--flag worry: the choices are listed" err_has \
    "Choose from: intrusive, panic, rage, cant-cope, cant-care, harm"
try=
# A harm flag shows the crisis lines even when another option is wrong,
# and before the mistake is reported; still nothing is written.
cp "$LOG" "$T/before"
run attune-checkin --mood 12 --flag harm --region nz
check "harm with a bad --mood: exits 2" rc_is 2
check "harm with a bad --mood: the crisis lines come first" \
    first_line_has "$T/out" "If you are in danger"
check "harm with a bad --mood: the region's lines" out_has "NZ  Need to Talk?"
check "harm with a bad --mood: the mistake is named" err_has "--mood: 12 is out of range"
check "harm with a bad --mood: the log is unchanged" same "$LOG" "$T/before"
run attune-checkin --flag panic,harm,worry --region xx9
check "harm beside an unknown flag: every region's lines" out_has "NZ  Emergency"
check "harm beside an unknown flag: exits 2" rc_is 2
check "harm beside an unknown flag: the log is unchanged" same "$LOG" "$T/before"
badnote=$(printf 'bad \377 byte')
refused "a note that is not UTF-8" 2 "attune-checkin: --note: the note is not valid UTF-8 text" \
    attune-checkin --note "$badnote"
refused "--region England" 2 "--region: 'England' is not a two-letter country code" \
    attune-checkin --mood 5 --region England
refused "an unknown long option" 2 "attune-checkin: unknown option '--mod'" \
    attune-checkin --mod 5
refused "an unknown short option" 2 "attune-checkin: unknown option '-z'" \
    attune-checkin -z --mood 5
refused "a value-less --mood" 2 "attune-checkin: option '--mood' needs a value" \
    attune-checkin --mood
refused "a value-less -m" 2 "attune-checkin: option '-m' needs a value" \
    attune-checkin -m
refused "a value given to --print" 2 "attune-checkin: option '--print' takes no value" \
    attune-checkin --mood 5 --print=yes
refused "an unknown long option with a value" 2 "attune-checkin: unknown option '--bogus'" \
    attune-checkin --mood 5 --bogus=3
refused "an unknown short option after a long one" 2 \
    "attune-checkin: unknown option '-z'" attune-checkin --mood 5 --print -zq
refused "an unknown short option after --opt=value" 2 \
    "attune-checkin: unknown option '-z'" attune-checkin --note=x -zq
refused "an unknown short option in a cluster" 2 "attune-checkin: unknown option '-z'" \
    attune-checkin --mood 5 -pzq
refused "a value-less -m at the end of a cluster" 2 \
    "attune-checkin: option '-m' needs a value" attune-checkin --mood 5 -pm
refused "a value-less --dir" 2 "attune-checkin: option '--dir' needs a value" \
    attune-checkin --mood 5 --dir
# The first, lenient pass (for a harm flag) must not move the arguments:
# a word before a value-less last option is not taken as its value.
refused "a word, then a value-less --who" 2 \
    "attune-checkin: option '--who' needs a value" attune-checkin --mood 3 foo --who
refused "a word, then a value-less --note" 2 \
    "attune-checkin: option '--note' needs a value" attune-checkin --dry-run foo --note
cp "$LOG" "$T/before"
run attune-checkin --flag harm foo --who
check "harm, a word, then a value-less --who: exits 2" rc_is 2
check "harm, a word, then a value-less --who: crisis lines first" \
    first_line_has "$T/out" "If you are in danger"
check "harm, a word, then a value-less --who: the mistake is named" \
    err_has "attune-checkin: option '--who' needs a value"
check "harm, a word, then a value-less --who: the log is unchanged" \
    same "$LOG" "$T/before"
refused "a word that is not an option" 2 \
    "attune-checkin: unexpected argument 'tired'; a note goes after --note" \
    attune-checkin --mood 5 tired

### Help and version.
run attune-checkin --help
check "--help exits 0" rc_is 0
check "--help starts with the usage" first_out \
    "usage: attune-checkin [-pq] [-m 0-10] [-b 0-10] [-a 0-10] [-n 0-10] [-s HOURS]"
for o in --mood --bond --anxiety --numb --sleep --did --flag --note --time --who \
    --dir --region --print --dry-run --quiet; do
	check "--help mentions $o" out_has "$o"
done
check "--help is quiet on stderr" err_empty
run attune-checkin -h --mood 99
check "-h wins, even before a bad value" rc_is 0
run attune-checkin -V
check "-V prints the version" out_is "attune-checkin $(sed -n 's/^VERSION[	 ]*=[	 ]*//p' "$TOP/config.mk")"

### --print and --dry-run, -q.
cp "$LOG" "$T/before"
run attune-checkin --bond 2 --print
check "--print exits 0" rc_is 0
check "--print: stdout is the row alone" out_is "$NOW,me,,2,,,,,,"
check "--print: the acknowledgement goes to stderr, one line" \
    file_is "$T/err" "Logged. Feeling far from your baby is common and can change with time; 'attune tips' has small things to try."
tail -n 1 "$LOG" >"$T/last"
check "--print: the row printed is the row written" same "$T/out" "$T/last"
run attune-checkin --bond 2 --print -q
check "--print -q: stdout is the row" out_is "$NOW,me,,2,,,,,,"
check "--print -q: nothing on stderr" err_empty
cp "$LOG" "$T/before"
run attune-checkin --numb 8 --dry-run -d "$T/dry"
check "--dry-run: exit 0" rc_is 0
check "--dry-run: the row" out_is "$NOW,me,,,,8,,,,"
check "--dry-run: the log is untouched" same "$LOG" "$T/before"
check "--dry-run: the data directory is not even made" absent "$T/dry"
run attune-checkin --numb 6 -q
check "-q: nothing on stdout" out_empty
check "-q: nothing on stderr" err_empty
run attune-checkin --numb 6
check "numb 6: the acknowledgement speaks of feeling far" \
    out_is "Logged. Feeling far from your baby is common and can change with time; 'attune tips' has small things to try."
run attune-checkin --bond 4 --numb 5
check "bond 4, numb 5: the plain acknowledgement" \
    out_is "Logged. Thank you for checking in; noticing how you are is a kind thing to do."

### A harm flag: crisis lines first, then the log.
cp "$LOG" "$T/before"
run attune-checkin --flag harm --region GB --mood 2
check "harm: exit 0" rc_is 0
check "harm: the crisis words come first" first_out \
    "$CRISIS1"
check "harm: the region's lines" out_has "  GB  Samaritans: 116 123 (24/7)"
check "harm: the emergency number" out_has "  GB  Emergency: 999 (24/7)"
check "harm: only that region" out_lacks "988"
check "harm: when the numbers were checked" out_has "(These numbers were last checked 2026-11."
check "harm: the acknowledgement comes last" last_out \
    "Logged. Please do reach out to someone today; you deserve support."
check "harm: then it is logged as usual" same /dev/stdin "$LOG" <<EOF
$(cat "$T/before")
$NOW,me,2,,,,,,harm,
EOF
ATTUNE_REGION=us run attune-checkin --flag harm
check "harm: ATTUNE_REGION picks the region" out_has "  US  988 Suicide & Crisis Lifeline: call or text 988 (24/7)"
check "harm: and not another" out_lacks "Samaritans"
ATTUNE_REGION=us run attune-checkin --flag harm -q
check "harm -q: the crisis lines are not quietened, but go to stderr" \
    first_line_has "$T/err" "$CRISIS1"
check "harm -q: the region's lines there" err_has "  US  988 Suicide & Crisis Lifeline"
check "harm -q: nothing on stdout" out_empty
check "harm -q: the lines shown once" [ "$(grep -c "If you are in danger" "$T/err")" = 1 ]
ATTUNE_REGION=us run attune-checkin --flag harm --region nz
check "harm: --region wins over ATTUNE_REGION" out_has "  NZ  Need to Talk?: call or text 1737 (24/7)"
check "harm: --region alone" out_lacks "  US  "
for f in "" "--flag harm"; do
	ATTUNE_REGION=zzz run attune-checkin -q -m 5 $f
	check "a bad ATTUNE_REGION${f:+, $f}: warned about once" \
	    [ "$(grep -c "ATTUNE_REGION: 'zzz' is not a two-letter" "$T/err")" = 1 ]
	check "a bad ATTUNE_REGION${f:+, $f}: still logged" rc_is 0
done
run attune-checkin -m 5 --flag harm --region 123
check "harm with a bad --region: the crisis lines first" first_out "$CRISIS1"
check "harm with a bad --region: then the usage error" rc_is 2
check "harm with a bad --region: which names it" err_has "--region: '123'"
run env -u LC_ALL LANG=en_AU.UTF-8 attune-checkin --flag harm
check "harm: the locale's country" out_has "  AU  Lifeline: 13 11 14"
check "harm: the locale's country alone" out_lacks "  GB  "
run env -u LC_ALL LANG=en_AU.UTF-8 LC_MESSAGES=en_IE.UTF-8 attune-checkin --flag harm
check "harm: LC_MESSAGES before LANG" out_has "  IE  Samaritans"
run attune-checkin --flag harm
check "harm, no region known: every region" out_has "  CA  9-8-8 Suicide Crisis Helpline"
check "harm, no region known: GB too" out_has "  GB  Samaritans"
check "harm, no region known: and a word for everywhere else" \
    out_has "Somewhere else? Call your local emergency number."
run attune-checkin --flag harm --region fr
check "harm, a European country with no lines listed: exit 0" rc_is 0
check "harm, a European country with no lines listed: 112 reaches emergency services" \
    out_has "attune has no crisis lines of its own for FR, but 112 reaches the emergency"
run attune-checkin --flag harm --region jp
check "harm, a country with no lines listed: says to call the local emergency number" \
    out_has "attune has no crisis lines listed for JP. Please call your local emergency"
run attune-checkin --flag panic,harm --region GB --dry-run
check "harm --dry-run: stdout is the row alone" out_is "$NOW,me,,,,,,,panic;harm,"
check "harm --dry-run: the crisis words come first on stderr" first_line_has "$T/err" \
    "$CRISIS1"
check "harm --dry-run: no 'Logged', since nothing was" \
    [ "$(grep -c Logged "$T/err")" = 0 ]
chmod 755 "$ATTUNE_DIR"
run sh -c 'attune-checkin --flag harm --region GB 2>&1'
check "harm before any warning: crisis words first" first_out \
    "$CRISIS1"
check "harm: the warning about the open directory still comes" \
    out_has "others can read this directory"
chmod 700 "$ATTUNE_DIR"
mkdir -p "$T/dangle"
ln -s "$T/dangle/nothing-here.csv" "$T/dangle/checkins.csv"
run attune-checkin --flag harm --region GB -d "$T/dangle"
check "harm, and the log cannot be written: exit 1" rc_is 1
check "harm, and the log cannot be written: the crisis lines still show" \
    out_has "  GB  Samaritans: 116 123 (24/7)"
check "harm, and the log cannot be written: no acknowledgement" out_lacks "Logged."

### The data directory.
run attune-checkin --mood 3 -q -d "$T/opt/a/b"
check "--dir: a new nested directory" rc_is 0
check "--dir: the log is there" file_is "$T/opt/a/b/checkins.csv" "$H" "$NOW,me,3,,,,,,,"
check "--dir: made 0700" mode_is 700 "$T/opt/a/b"
check "--dir: its parents 0700" mode_is 700 "$T/opt/a"
run attune-checkin --mood 3 -q --dir="$T/opt2"
check "--dir=DIR" file_is "$T/opt2/checkins.csv" "$H" "$NOW,me,3,,,,,,,"
run env -u ATTUNE_DIR XDG_DATA_HOME="$T/xdg" attune-checkin --mood 4 -q
check "XDG_DATA_HOME/attune without ATTUNE_DIR" \
    file_is "$T/xdg/attune/checkins.csv" "$H" "$NOW,me,4,,,,,,,"
run env -u ATTUNE_DIR attune-checkin --mood 5 -q
check "~/.local/share/attune by default" \
    file_is "$HOME/.local/share/attune/checkins.csv" "$H" "$NOW,me,5,,,,,,,"
check "~/.local/share/attune is 0700" mode_is 700 "$HOME/.local/share/attune"
run env XDG_DATA_HOME="$T/xdg2" attune-checkin --mood 6 -q -d "$T/opt3"
check "--dir wins over everything" file_is "$T/opt3/checkins.csv" "$H" "$NOW,me,6,,,,,,,"
check "and nothing goes to the others" absent "$T/xdg2"
: >"$T/afile"
refused "--dir that is a file" 1 "attune-checkin: $T/afile: not a directory" \
    attune-checkin --mood 1 -d "$T/afile"

# Modes and odd logs.
mkdir -p "$T/open"
chmod 755 "$T/open"
run attune-checkin --mood 1 -q -d "$T/open"
check "an open data directory: written" rc_is 0
check "an open data directory: a warning" \
    err_has "attune-checkin: $T/open: others can read this directory; 'chmod 700 $T/open' keeps it private"
check "an open data directory: left as it is" mode_is 755 "$T/open"
chmod 700 "$T/open"
chmod 644 "$T/open/checkins.csv"
run attune-checkin --mood 2 -q -d "$T/open"
check "an open log: written" rc_is 0
check "an open log: a warning" \
    err_has "attune-checkin: $T/open/checkins.csv: others can read this log; 'chmod 600 $T/open/checkins.csv' keeps it private"
check "an open log: both rows there" \
    file_is "$T/open/checkins.csv" "$H" "$NOW,me,1,,,,,,," "$NOW,me,2,,,,,,,"
mkdir -p "$T/linked" "$T/real"
printf '%s\n' "$H" >"$T/real/mine.csv"
chmod 600 "$T/real/mine.csv"
ln -s "$T/real/mine.csv" "$T/linked/checkins.csv"
run attune-checkin --mood 3 -q -d "$T/linked"
check "a log that is a symlink: written through" rc_is 0
check "a log that is a symlink: a warning" \
    err_has "attune-checkin: $T/linked/checkins.csv: is a symbolic link; writing to the file it points to"
check "a log that is a symlink: the row is in the file" \
    file_is "$T/real/mine.csv" "$H" "$NOW,me,3,,,,,,,"
refused "a log that is a dangling symlink" 1 \
    "attune-checkin: $T/dangle/checkins.csv: is a symbolic link to a missing file; not writing through it" \
    attune-checkin --mood 3 -q -d "$T/dangle"
check "a dangling symlink: its target is not created" absent "$T/dangle/nothing-here.csv"
mkdir -p "$T/dirlog/checkins.csv"
run attune-checkin --mood 3 -q -d "$T/dirlog"
check "a log that is a directory: exit 1" rc_is 1
check "a log that is a directory: says so" \
    err_has "attune-checkin: $T/dirlog/checkins.csv: is a directory, not a log"
mkdir -p "$T/nonl"
printf '%s\n%s' "$H" "$NOW,me,1,,,,,,,hand-edited" >"$T/nonl/checkins.csv"
chmod 600 "$T/nonl/checkins.csv"
run attune-checkin --mood 2 -q -d "$T/nonl"
check "a log without its last newline gets the row on a line of its own" \
    file_is "$T/nonl/checkins.csv" "$H" "$NOW,me,1,,,,,,,hand-edited" "$NOW,me,2,,,,,,,"

# Standard output that cannot be written.
if [ -w /dev/full ]; then
	run sh -c 'exec attune-checkin --mood 1 --dry-run >/dev/full'
	check "--dry-run to a full disk: exit 1" rc_is 1
	check "--dry-run to a full disk: says so" \
	    err_has "attune-checkin: cannot write to standard output: No space left on device"
else
	skip "--dry-run to a full disk" "no /dev/full here"
fi

### 50 writers at once.
P=$T/par
mkdir -p "$P/rc"
i=1
while [ "$i" -le 50 ]; do
	(attune-checkin -q -d "$P/data" --mood $((i % 11)) \
	    --note "writer $i, \"quoted\"
second line"; echo $? >"$P/rc/$i") &
	i=$((i + 1))
done
wait
cat "$P"/rc/* | sort | uniq -c | tr -s ' ' >"$P/statuses"
check "50 writers at once: every one exits 0" file_is "$P/statuses" " 50 0"
"$TOP/tests/unit-csv" --rows "$P/data/checkins.csv" note >"$P/notes" 2>"$P/notes.err"
rc=$?
check "50 writers: the log reads back cleanly" rc_is 0
check "50 writers: with no malformed row" same "$P/notes.err" /dev/null
i=1
while [ "$i" -le 50 ]; do
	printf 'writer %d, "quoted"\\nsecond line\n' "$i"
	i=$((i + 1))
done | sort >"$P/want"
sort "$P/notes" >"$P/got"
check "50 writers: 50 rows, each note exactly once" same "$P/got" "$P/want"
check "50 writers: one header" [ "$(grep -c '^timestamp,' "$P/data/checkins.csv")" = 1 ]
check "50 writers: 50 rows of two lines and the header" \
    lines_are 101 "$P/data/checkins.csv"

### A write that fails under a file size limit leaves the log as it was.
F=$T/fsize
mkdir -p "$F"
i=0
while [ "$i" -lt 12 ]; do
	attune-checkin -q -d "$F" --mood 5 \
	    --note "filling the log up to a little over a kilobyte, row $i" || break
	i=$((i + 1))
done
size=$(wc -c <"$F/checkins.csv")
cp "$F/checkins.csv" "$T/fsize.before"
blocks=$((size / 512))
run sh -c 'ulimit -f "$1" && shift && exec "$@"' sh "$blocks" \
    attune-checkin -d "$F" --mood 4 --note "does not fit"
check "ulimit -f below the log's size: exit 1" rc_is 1
check "ulimit -f below the log's size: a message" \
    err_has "attune-checkin: cannot write to $F/checkins.csv; the log is as it was: File too large"
check "ulimit -f below the log's size: the log is byte-identical" \
    same "$F/checkins.csv" "$T/fsize.before"
check "ulimit -f below the log's size: no acknowledgement" out_empty
run sh -c 'ulimit -f "$1" && shift && exec "$@"' sh "$((blocks + 1))" \
    attune-checkin -d "$F" --mood 4 --note \
    "$(printf '%0600d' 0) this row is longer than the room left, so part of it is written first"
check "ulimit -f with some room: exit 1" rc_is 1
check "ulimit -f with some room: a message" err_has "the log is as it was: File too large"
check "ulimit -f with some room: the partial row is taken back" \
    same "$F/checkins.csv" "$T/fsize.before"
run sh -c 'ulimit -f 0 && exec "$@"' sh attune-checkin -d "$T/fsize-new" --mood 4
check "ulimit -f 0 and a new log: exit 1" rc_is 1
check "ulimit -f 0 and a new log: no log is left behind" absent "$T/fsize-new/checkins.csv"
run attune-checkin -q -d "$F" --mood 4 --note "fits now"
check "with room again, the next check-in is written" rc_is 0
check "right after the old rows" [ "$(head -c "$size" "$F/checkins.csv" | cmp - "$T/fsize.before" && echo same)" = same ]

### A directory it may not write in.
as_other=
if [ "$(id -u)" != 0 ]; then
	as_other=env
elif setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	as_other="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
R=$T/readonly
mkdir -p "$R/empty" "$R/withlog"
printf '%s\n%s\n' "$H" "$NOW,me,1,,,,,,," >"$R/withlog/checkins.csv"
if [ "$(id -u)" != 0 ]; then
	chmod 555 "$R/empty" "$R/withlog"
	chmod 444 "$R/withlog/checkins.csv"
else
	# The other user's own folders (attune writes in no one else's),
	# with no write permission for them.
	chown 65534:65534 "$R/empty" "$R/withlog"
	chmod 555 "$R/empty" "$R/withlog"
	chmod 644 "$R/withlog/checkins.csv"
fi
if [ -z "$as_other" ]; then
	skip "a read-only directory" "cannot run as another user here (no setpriv)"
elif ! $as_other "$TOP/bin/attune-checkin" --version >/dev/null 2>&1 ||
    ! $as_other test -r "$R/withlog/checkins.csv"; then
	# The tree may sit where the other user cannot reach (under /root).
	skip "a read-only directory" "the other user cannot reach the build tree"
elif $as_other sh -c ': >"$1/probe"' sh "$R/empty" 2>/dev/null; then
	skip "a read-only directory" "the directory is writable even so"
else
	cp "$R/withlog/checkins.csv" "$T/ro.before"
	run $as_other "$TOP/bin/attune-checkin" -d "$R/empty" --mood 5
	check "a directory it may not write in: exit 1" rc_is 1
	check "a directory it may not write in: says why" \
	    err_has "attune-checkin: cannot open $R/empty/checkins.csv: Permission denied"
	check "a directory it may not write in: no log" absent "$R/empty/checkins.csv"
	check "a directory it may not write in: no acknowledgement" out_empty
	run $as_other "$TOP/bin/attune-checkin" -d "$R/withlog" --mood 5
	check "a log it may not write to: exit 1" rc_is 1
	check "a log it may not write to: says why" \
	    err_has "attune-checkin: cannot open $R/withlog/checkins.csv: Permission denied"
	check "a log it may not write to: byte-identical" \
	    same "$R/withlog/checkins.csv" "$T/ro.before"
	run $as_other "$TOP/bin/attune-checkin" -d "$R/empty/sub" --mood 5
	check "a data directory it may not make: exit 1" rc_is 1
	check "a data directory it may not make: says why" \
	    err_has "attune-checkin: cannot create $R/empty/sub: Permission denied"
fi
# Under POSIXLY_CORRECT the options end at the first operand; a harm flag
# typed after one is still seen, and the lines come before the mistake.
POSIXLY_CORRECT=1 run attune-checkin oops --flag harm -r gb
check "POSIXLY_CORRECT, attune-checkin oops --flag harm -r gb: exit 2" rc_is 2
check "POSIXLY_CORRECT, attune-checkin oops --flag harm -r gb: the lines first" \
    first_line_has "$T/out" "If you are in danger"
POSIXLY_CORRECT=1 run attune-checkin oops -fharm -r gb
check "POSIXLY_CORRECT, attune-checkin oops -fharm -r gb: exit 2" rc_is 2
check "POSIXLY_CORRECT, attune-checkin oops -fharm -r gb: the lines first" \
    first_line_has "$T/out" "If you are in danger"
POSIXLY_CORRECT=1 run attune-checkin oops --flag=panic,harm -r gb
check "POSIXLY_CORRECT, attune-checkin oops --flag=panic,harm -r gb: exit 2" rc_is 2
check "POSIXLY_CORRECT, attune-checkin oops --flag=panic,harm -r gb: the lines first" \
    first_line_has "$T/out" "If you are in danger"
POSIXLY_CORRECT=1 run attune-checkin oops --flag panic -r gb
check "POSIXLY_CORRECT, attune-checkin oops --flag panic -r gb: no lines" out_lacks "If you are in danger"
done_testing

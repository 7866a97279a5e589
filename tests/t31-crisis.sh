#!/bin/sh
# Crisis lines that cannot be missed (issue 11): attune-screen judges
# safety before any usage check; the lines also go to stderr, once, when
# stdout is not a terminal; -q sends them to stderr and never silences
# them; a harm flag is found in any case; no line is over 80 columns.
. "$TOP/tests/lib.sh"
LOG=$ATTUNE_DIR/screens.csv
CLOG=$ATTUNE_DIR/checkins.csv
DANGER="If you are in danger, or you are thinking about hurting yourself or your baby,"
# every_region FILE: the lines of every region are in FILE.
every_region() {
	for _r in US GB CA AU IE NZ EU; do
		grep -q "^  $_r  Emergency" "$1" || return 1
	done
}
# before FILE A B: the first line holding A comes before the first with B.
before() {
	_a=$(grep -nF -e "$2" "$1" | head -n 1 | cut -d: -f1)
	_b=$(grep -nF -e "$3" "$1" | head -n 1 | cut -d: -f1)
	[ -n "$_a" ] && [ -n "$_b" ] && [ "$_a" -lt "$_b" ]
}
# count FILE TEXT: how many lines of FILE hold TEXT.
count() { grep -cF -e "$2" "$1"; }
# narrow FILE: no line of FILE is over 80 characters (UTF-8 continuation
# bytes are dropped first, so that awk counts characters, not bytes).
narrow() { [ -z "$(tr -d '\200-\277' <"$1" | awk 'length($0) > 80')" ]; }
PHQ9_SAFE=1,1,1,1,1,1,1,1,2

## attune-screen: safety first, then the usage error
run attune-screen phq9 --answers $PHQ9_SAFE --region XX
check "screen, --region XX: exit 2" rc_is 2
check "screen, --region XX: the crisis lines first" first_line_has "$T/out" "$DANGER"
check "screen, --region XX: every region's lines" every_region "$T/out"
check "screen, --region XX: then the usage error" err_has "--region: 'XX' is not a two-letter country code"
check "screen, --region XX: stdout is a file, so the lines on stderr too" \
    before "$T/err" "If you are in danger" "--region: 'XX'"
check "screen, --region XX: nothing logged" absent "$LOG"
run attune-screen phq9 --answers $PHQ9_SAFE --time soon -r gb
check "screen, bad --time: exit 2" rc_is 2
check "screen, bad --time: the region's lines first" first_line_has "$T/out" "$DANGER"
check "screen, bad --time: GB lines" out_has "  GB  Samaritans: 116 123 (24/7)"
check "screen, bad --time: then the error" err_has "--time: 'soon'"
check "screen, bad --time: the lines come before it on stderr" \
    before "$T/err" "If you are in danger" "--time: 'soon'"
run attune-screen phq9 --answers $PHQ9_SAFE --time 2027-01-01 -r gb
check "screen, --time in the future: lines, then exit 2" \
    sh -c '[ "$1" = 2 ] && grep -q "GB  Samaritans" "$2"' - "$rc" "$T/out"
run attune-screen phq9 --answers $PHQ9_SAFE,1 -r ie
check "screen, one answer too many: exit 2" rc_is 2
check "screen, one answer too many: item 9 still judged, lines first" \
    first_line_has "$T/out" "$DANGER"
check "screen, one answer too many: IE lines" out_has "  IE  Samaritans"
check "screen, one answer too many: the error after" err_has "more than 9 values"
run attune-screen phq9 --answers 1,1,1,1,1,1,1,1 -r ie
check "screen, item 9 missing: exit 2" rc_is 2
check "screen, item 9 missing: no crisis lines" out_empty
run attune-screen phq9 --answers 1,x,1,1,1,1,1,1,3 -r nz
check "screen, a bad value elsewhere: lines first, exit 2" \
    sh -c '[ "$1" = 2 ] && head -n 1 "$2" | grep -qF "If you are in danger"' - "$rc" "$T/out"
check "screen, a bad value elsewhere: the error names it" err_has "item 2 is 'x', not a number"
run attune-screen phq9 --scores 0,0,0,0,0,0,0,0,1,0 -r nz
check "screen, --scores one too many, item 9 at 1 point: lines" \
    sh -c '[ "$1" = 2 ] && grep -q "NZ  Need to Talk?" "$2"' - "$rc" "$T/out"
# EPDS item 10 is reverse scored: position 1 is 3 points, 4 is none.
run attune-screen epds --answers 1,1,4,1,4,4,4,4,4,1,1 -r au
check "screen, epds one too many, item 10 at the top option: lines" \
    sh -c '[ "$1" = 2 ] && grep -q "AU  Lifeline" "$2"' - "$rc" "$T/out"
run attune-screen epds --answers 1,1,4,1,4,4,4,4,4,4,1 -r au
check "screen, epds one too many, item 10 at its lowest: no lines" \
    sh -c '[ "$1" = 2 ] && [ ! -s "$2" ]' - "$rc" "$T/out"
run attune-screen pbq --answers 1,6,6,1,6,6,6,1,1,6,1,6,6,6,6,1,6,5 -r gb
check "screen, pbq cut short after item 18 at Rarely: lines, exit 2" \
    sh -c '[ "$1" = 2 ] && grep -q "GB  Samaritans" "$2"' - "$rc" "$T/out"
run attune-screen -f xml phq9 --answers $PHQ9_SAFE -r gb
check "screen, bad --format: lines, then exit 2" \
    sh -c '[ "$1" = 2 ] && grep -q "GB  Samaritans" "$2"' - "$rc" "$T/out"
run attune-screen --bogus phq9 --answers $PHQ9_SAFE -r gb
check "screen, unknown option: lines, then exit 2" \
    sh -c '[ "$1" = 2 ] && grep -q "GB  Samaritans" "$2"' - "$rc" "$T/out"
run attune-screen phq9 --answers $PHQ9_SAFE --scores 0,0,0,0,0,0,0,0,0 -r gb
check "screen, --answers and --scores both: lines, then exit 2" \
    sh -c '[ "$1" = 2 ] && grep -q "GB  Samaritans" "$2"' - "$rc" "$T/out"
check "no usage error logged anything" absent "$LOG"
ATTUNE_REGION=zz run attune-screen --dry-run phq9 --answers $PHQ9_SAFE
check "screen, a bad ATTUNE_REGION: every region's lines" every_region "$T/out"
check "screen, a bad ATTUNE_REGION: the lines before the warning" \
    before "$T/err" "If you are in danger" "ATTUNE_REGION: 'zz'"
check "screen, a bad ATTUNE_REGION: warned about once" \
    [ "$(count "$T/err" "ATTUNE_REGION: 'zz'")" = 1 ]

# A safety item's answer out of range, or not a number, may be a yes
# mistyped ("9" for "3"): the lines first, once, then the usage error.
PBQ_SAFE18="1,6,6,1,6,6,6,1,1,6,1,6,6,6,6,1,6"	# items 1-17, no points
EPDS_SAFE9="1,1,4,1,4,4,4,4,4"	# items 1-9, no points
for a in "phq9 --answers 1,1,1,1,1,1,1,1,9|item 9 is 9, out of range" \
    "phq9 --answers 1,1,1,1,1,1,1,1,0|item 9 is 0, out of range" \
    "phq9 --answers 1,1,1,1,1,1,1,1,e|item 9 is 'e', not a number" \
    "phq9 --answers 1,1,1,1,1,1,1,1,33|item 9 is 33, out of range" \
    "phq9 --scores 0,0,0,0,0,0,0,0,x|item 9 is 'x', not a number" \
    "epds --answers $EPDS_SAFE9,5|item 10 (harm) is 5, out of range" \
    "epds --answers $EPDS_SAFE9,0|item 10 (harm) is 0, out of range" \
    "epds --scores 0,0,0,0,0,0,0,0,0,w|item 10 (harm) is 'w', not a number" \
    "pbq --answers $PBQ_SAFE18,7,6,6,6,6,6,6,1|item 18 is 7, out of range" \
    "pbq --answers $PBQ_SAFE18,6,6,6,6,1,6,0,1|item 24 is 0, out of range"; do
	args=${a%|*} why=${a#*|}
	run attune-screen -r gb $args
	check "screen $args: exit 2" rc_is 2
	check "screen $args: the lines first" first_line_has "$T/out" "$DANGER"
	check "screen $args: once" [ "$(count "$T/out" "If you are in danger")" = 1 ]
	check "screen $args: then the error" err_has "$why"
	check "screen $args: the lines before it on stderr" \
	    before "$T/err" "If you are in danger" "$why"
	check "screen $args: the error last" \
	    sh -c 'tail -n 2 "$1" | head -n 1 | grep -qF -e "$2"' - "$T/err" "$why"
	check "screen $args: nothing logged" absent "$LOG"
done
run attune-screen -q -r gb phq9 --answers 1,1,1,1,1,1,1,1,9
check "screen -q, item 9 at 9: nothing on stdout" out_empty
check "screen -q, item 9 at 9: the lines first on stderr" first_line_has "$T/err" "$DANGER"
check "screen -q, item 9 at 9: once" [ "$(count "$T/err" "If you are in danger")" = 1 ]
check "screen -q, item 9 at 9: exit 2" rc_is 2
run "$TOP/tests/ptyrun" "" attune-screen -r gb phq9 --answers 1,1,1,1,1,1,1,1,9
check "screen at a terminal, item 9 at 9: exit 2" rc_is 2
check "screen at a terminal, item 9 at 9: the lines once, first" \
    sh -c '[ "$(grep -c "If you are in danger" "$1")" = 1 ] && head -n 1 "$1" | grep -q "If you are in danger"' - "$T/out"
# The PBQ asked at a terminal, both safety items (18, 24) answered above
# their lowest option: the lines once amid the questions, at item 18, and
# once with the result; not again at item 24.
_in=$(for i in $(seq 25); do echo 1; done)
run "$TOP/tests/ptyrun" "$_in
" \
    attune-screen --dry-run -r gb pbq
check "pbq at a terminal, items 18 and 24 raised: exit 3" rc_is 3
check "pbq at a terminal, items 18 and 24 raised: the lines twice, amid and with the result" \
    [ "$(count "$T/out" "If you are in danger")" = 2 ]
check "pbq at a terminal: 'the questions go on' once" \
    [ "$(count "$T/out" "The questions go on below")" = 1 ]
# Out of range elsewhere, or on an instrument with no safety item, or no
# value at all on the safety item: a usage error, and no lines.
for args in "phq9 --answers 1,1,9,1,1,1,1,1,1" "gad7 --answers 1,1,1,1,1,1,9" \
    "phq9 --answers 1,1,1,1,1,1,1,1," "epds --answers $EPDS_SAFE9, " \
    "phq9 --scores 0,0,0,0,0,0,0,0,0,9"; do
	run attune-screen -r gb $args
	check "screen $args: exit 2" rc_is 2
	check "screen $args: no lines" out_empty
	check "screen $args: none on stderr" err_lacks "If you are in danger"
done

## where the lines go
run attune-screen --dry-run -r gb phq9 --answers $PHQ9_SAFE
check "stdout a file: exit 3" rc_is 3
check "stdout a file: the lines on stdout, once" [ "$(count "$T/out" "If you are in danger")" = 1 ]
check "stdout a file: and on stderr, once" [ "$(count "$T/err" "If you are in danger")" = 1 ]
check "stdout a file: the GB lines on stderr" err_has "  GB  Lifeline (Northern Ireland): 0808 808 8000 (24/7)"
run sh -c 'attune-screen --dry-run -r gb phq9 --answers 1,1,1,1,1,1,1,1,2 >"$1" 2>&1' - "$T/both"
check "stdout and stderr one file: the lines once" [ "$(count "$T/both" "If you are in danger")" = 1 ]
run "$TOP/tests/ptyrun" "" attune-screen --dry-run -r gb phq9 --answers $PHQ9_SAFE
check "at a terminal: exit 3" rc_is 3
check "at a terminal: the lines shown once, not twice" \
    [ "$(count "$T/out" "If you are in danger")" = 1 ]
run attune-screen --dry-run -q -r gb phq9 --answers $PHQ9_SAFE
check "-q: nothing on stdout" out_empty
check "-q: the lines on stderr, once" [ "$(count "$T/err" "If you are in danger")" = 1 ]
check "-q: exit 3" rc_is 3
run attune-screen -q -r gb phq9 --answers $PHQ9_SAFE --time soon
check "-q and a usage error: the lines still, on stderr, first" \
    first_line_has "$T/err" "$DANGER"
check "-q and a usage error: exit 2" rc_is 2
run attune-screen --dry-run -f json -r gb phq9 --answers $PHQ9_SAFE
check "json: the lines on stderr once" [ "$(count "$T/err" "If you are in danger")" = 1 ]
check "json: stdout is the data" first_line_has "$T/out" '{"timestamp"'
run attune-screen -f csv -r gb phq9 --answers $PHQ9_SAFE --time soon
check "csv and a usage error: the lines on stderr, stdout empty" \
    sh -c '[ "$1" = 2 ] && [ ! -s "$2" ] && grep -q "GB  Samaritans" "$3"' - "$rc" "$T/out" "$T/err"

## the meaning starts from the safety item
run attune-screen --dry-run -r gb phq9 --answers $PHQ9_SAFE
check "phq9 item 9 at 1, total 1: never 'few signs'" out_lacks "few signs"
check "phq9 item 9 at 1: the self-harm answer matters more than the total" \
    sh -c "tr '\n' ' ' <'$T/out' | tr -s ' ' | grep -q 'question about hurting yourself matters more than the total'"
check "phq9 item 9 at 1: the band is named as by the total alone" \
    out_has "Result: none to minimal depression symptoms, by the total alone;"
check "phq9 item 9 at 1: the safety words come before the rest" \
    before "$T/out" "What this may mean:" "The rest of your answers add up to a low"
run attune-screen --dry-run -r gb epds --scores 0,0,0,0,0,0,0,0,0,1
check "epds item 10 alone: not 'below the score'" out_lacks "below the score at which"
check "epds item 10 alone: the answer matters more" out_has "Your answer to the question about hurting yourself matters"
run attune-screen --dry-run -r gb pbq --answers 1,6,6,1,6,6,6,1,1,6,1,6,6,6,6,1,6,5,6,6,6,1,6,6,1
check "pbq item 18 alone: about harming the baby" out_has "Your answers about harming your baby matter more than"
check "pbq item 18 alone: not 'below the point'" out_lacks "below the point where the PBQ"
run attune-screen --dry-run -r gb phq9 --answers 4,4,4,4,4,1,1,1,2
check "phq9 16 with item 9: the safety words first" before "$T/out" \
    "question about hurting yourself matters" "many signs of depression"
run attune-screen --dry-run phq9 --answers 1,1,1,1,1,1,1,1,1
check "phq9 0, no safety item: the usual words" out_has "few signs of depression"

## every region's output, through the commands: no line over 80 columns
for r in US GB CA AU IE NZ EU FR DE CH JP BR all; do
	run attune-screen --dry-run -r $r phq9 --answers $PHQ9_SAFE
	check "screen -r $r: stdout within 80 columns" narrow "$T/out"
	check "screen -r $r: stderr within 80 columns" narrow "$T/err"
	run attune-checkin --dry-run --flag harm -r $r
	check "checkin -r $r: within 80 columns" narrow "$T/err"
	check "checkin -r $r: the lines" first_line_has "$T/err" "$DANGER"
done
run attune-screen --dry-run -r us phq9 --answers $PHQ9_SAFE
check "US: PSI says text HELP" out_has "text HELP to"
check "US: Español, in UTF-8" out_has "(Español)"
run attune-screen --dry-run -r de phq9 --answers $PHQ9_SAFE
check "DE: 112 reaches the emergency services there" \
    out_has "attune has no crisis lines of its own for DE, but 112 reaches the emergency"
check "DE: not another country's lines" out_lacks "  US  "
run attune-screen --dry-run -r jp phq9 --answers $PHQ9_SAFE
check "JP: the local emergency number" out_has "Please call your local emergency"
check "JP: no 112 there" out_lacks "112"

## the numbers in the man pages' help sections are the table's
run attune-screen --dry-run -r all phq9 --answers $PHQ9_SAFE
for m in attune-screen.1; do
	# Every run of digits (with the spaces inside a number) but the year
	# the lines were checked and a manual's section, as in attune-tips(1).
	for n in $(mandoc -Tascii "$TOP/man/$m" | col -b |
	    sed -n '/^GETTING HELP/,/^[A-Z][A-Z]*$/p' | sed 's/([1-8])//g' |
	    grep -oE '[0-9]+( [0-9]+)*' | grep -vx 2026 | tr ' ' _); do
		n=$(printf '%s' "$n" | tr _ ' ')
		check "$m: $n is a number of the crisis table" out_has "$n"
	done
done

## attune-checkin: the harm flag in any case
for f in HARM Harm "panic,hArM" "rage; HARM"; do
	run attune-checkin -r gb --flag "$f"
	check "checkin --flag '$f': exit 0" rc_is 0
	check "checkin --flag '$f': the crisis lines first" first_line_has "$T/out" "$DANGER"
	check "checkin --flag '$f': on stderr too, stdout being a file" \
	    [ "$(count "$T/err" "If you are in danger")" = 1 ]
	check "checkin --flag '$f': logged as harm" sh -c "tail -n 1 '$CLOG' | grep -q 'harm,\$'"
done
run attune-checkin -r gb -f HARM --mood 12
check "checkin -f HARM and a bad --mood: the lines first" first_line_has "$T/out" "$DANGER"
check "checkin -f HARM and a bad --mood: exit 2" rc_is 2
check "checkin -f HARM and a bad --mood: the mistake named" err_has "--mood: 12 is out of range"
check "checkin -f HARM and a bad --mood: lines before the error on stderr" \
    before "$T/err" "If you are in danger" "--mood: 12"
ATTUNE_REGION=zz run attune-checkin --dry-run -f harm -m 2
check "checkin harm, a bad ATTUNE_REGION: every region's lines" every_region "$T/err"
check "checkin harm, a bad ATTUNE_REGION: the lines before the warning" \
    before "$T/err" "If you are in danger" "ATTUNE_REGION: 'zz'"
check "checkin harm, a bad ATTUNE_REGION: warned about once" \
    [ "$(count "$T/err" "ATTUNE_REGION: 'zz'")" = 1 ]
run attune-checkin -r gb -f Harm,worry
check "checkin -f Harm,worry: the lines, then exit 2" \
    sh -c '[ "$1" = 2 ] && grep -q "GB  Samaritans" "$2"' - "$rc" "$T/out"
run attune-checkin -q -r gb --flag harm
check "checkin -q harm: nothing on stdout" out_empty
check "checkin -q harm: the lines on stderr, once" \
    [ "$(count "$T/err" "If you are in danger")" = 1 ]
run "$TOP/tests/ptyrun" "" attune-checkin -r gb --flag HARM
check "checkin harm at a terminal: the lines once" \
    [ "$(count "$T/out" "If you are in danger")" = 1 ]
run sh -c 'attune-checkin -r gb --flag harm >"$1" 2>&1' - "$T/both"
check "checkin harm, 2>&1 into one file: the lines once" \
    [ "$(count "$T/both" "If you are in danger")" = 1 ]
# At a terminal, typed in capitals to the concerns question.
cp "$CLOG" "$T/before"
run "$TOP/tests/ptyrun" "





HARM
ok

" attune-checkin -r gb
check "checkin at a terminal, HARM typed: the crisis lines" out_has "  GB  Samaritans: 116 123 (24/7)"
check "checkin at a terminal, HARM typed: logged as harm" \
    sh -c "tail -n 1 '$CLOG' | grep -q ',harm,ok\$'"
run attune-checkin --did SKIN,Talk -m 5
check "checkin --did in capitals: logged in the listed words" \
    sh -c "tail -n 1 '$CLOG' | grep -q ',skin;talk,,\$'"
## attune-report: the lines reach a person in every format, wherever
## the streams go.  Text, Markdown and HTML hold them on stdout (and a
## copy goes to stderr when stdout is not a terminal, unless both are one
## file); CSV, JSON and FHIR are data, so the lines go to stderr always.
RD=$T/rd
mkdir -p "$RD"
printf '%s\n%s\n' timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note \
    "2026-11-20T09:00:00+00:00,me,5,,,,,,harm," >"$RD/checkins.csv"
# report_where FORMAT ON_STDOUT: ON_STDOUT 1 when the format holds the
# words itself, 0 when it is data.
report_where() {
	_f=$1 _own=$2
	run attune-report -d "$RD" -f "$_f" -r gb
	check "report -f $_f, stdout a file: the words on stdout $_own time(s)" \
	    [ "$(count "$T/out" "If you are in danger")" = "$_own" ]
	check "report -f $_f, stdout a file: on stderr once" \
	    [ "$(count "$T/err" "If you are in danger")" = 1 ]
	check "report -f $_f, stdout a file: GB's lines on stderr" \
	    err_has "  GB  Samaritans: 116 123 (24/7)"
	run sh -c 'attune-report -d "$1" -f "$2" -r gb >"$3" 2>&1' - "$RD" "$_f" "$T/both"
	check "report -f $_f, 2>&1 into one file: the words once" \
	    [ "$(count "$T/both" "If you are in danger")" = 1 ]
	# (Markdown opens a code block for them, HTML its page.)
	case $_f in md|html) ;; *)
		check "report -f $_f, 2>&1 into one file: first" \
		    first_line_has "$T/both" "$DANGER" ;;
	esac
	run sh -c 'attune-report -d "$1" -f "$2" -r gb 2>/dev/null' - "$RD" "$_f"
	check "report -f $_f, 2>/dev/null: stdout as ever ($_own)" \
	    [ "$(count "$T/out" "If you are in danger")" = "$_own" ]
	if [ -x "$TOP/tests/ptyrun" ]; then
		run "$TOP/tests/ptyrun" "" attune-report -d "$RD" -f "$_f" -r gb
		check "report -f $_f at a terminal: the words once" \
		    [ "$(count "$T/out" "If you are in danger")" = 1 ]
		run "$TOP/tests/ptyrun" "" sh -c \
		    'attune-report -d "$1" -f "$2" -r gb 2>"$3"' - "$RD" "$_f" "$T/e2"
		check "report -f $_f, stdout a terminal, stderr a file: the words once in all" \
		    [ "$(($(count "$T/out" "If you are in danger") + $(count "$T/e2" "If you are in danger")))" = 1 ]
		check "report -f $_f, stdout a terminal, stderr a file: on stderr if data ($((1 - _own)))" \
		    [ "$(count "$T/e2" "If you are in danger")" = "$((1 - _own))" ]
	else
		skip "report -f $_f at a terminal" "tests/ptyrun is not built"
	fi
}
for f in text md html; do report_where $f 1; done
for f in csv json fhir; do report_where $f 0; done
run sh -c 'attune-report -d "$1" -f csv -r gb 2>/dev/null' - "$RD"
check "report -f csv, 2>/dev/null: the urgent id still in the data" out_has ",urgent"
run sh -c 'attune-report -d "$1" -f json -r gb 2>/dev/null' - "$RD"
check "report -f json, 2>/dev/null: the numbers still in its crisis array" \
    out_has '{"region":"GB","service":"Samaritans","number":"116 123","hours":"24/7"}'
run sh -c 'attune-report -d "$1" -f json -r gb 2>&1 >/dev/null' - "$RD"
check "report -f json, stdout thrown away: the words on stderr, once" \
    [ "$(count "$T/out" "If you are in danger")" = 1 ]
run attune-report -d "$RD" -f fhir -q -r gb
check "report -f fhir -q: the words on stderr once, stdout empty" \
    sh -c '[ ! -s "$1" ] && [ "$(grep -c "If you are in danger" "$2")" = 1 ]' - "$T/out" "$T/err"
# CSV is written a row at a time: where the rows and the lines meet, the
# lines come before the first row, not after the last.
if [ -x "$TOP/tests/ptyrun" ]; then
	for by in period week day; do
		run "$TOP/tests/ptyrun" "" attune-report -d "$RD" -f csv \
		    $(case $by in period) ;; *) echo --by $by ;; esac) -r gb
		check "report -f csv by $by at a terminal: the lines before the first row" \
		    first_line_has "$T/out" "$DANGER"
		check "report -f csv by $by at a terminal: the rows follow" \
		    out_has "period_start,"
	done
else
	skip "report -f csv at a terminal, the lines first" "tests/ptyrun is not built"
fi
run sh -c 'attune-report -d "$1" -f csv --by day -r gb 2>&1 | cat' - "$RD"
check "report -f csv 2>&1 into a pipe: the lines before the first row" \
    first_line_has "$T/out" "$DANGER"
done_testing

# t73-inject: text a log holds can do nothing on its way out.  Warnings
# quote logged values through the one safe path (issue 14, item 6); CSV
# meant for a spreadsheet never hands it a formula (item 7); a bidi
# override or zero-width character is shown, never obeyed, in text, HTML
# and Markdown (item 8).
. "$TOP/tests/lib.sh"
H='timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note'
D=$ATTUNE_DIR
L=$D/checkins.csv
ESC=$(printf '\033')
RLO=$(printf '\342\200\256')	# U+202E RIGHT-TO-LEFT OVERRIDE
ZWSP=$(printf '\342\200\213')	# U+200B ZERO WIDTH SPACE
LRI=$(printf '\342\201\246')	# U+2066 LEFT-TO-RIGHT ISOLATE

fresh() { rm -rf "$D"; mkdir -p "$D"; chmod 700 "$D"; }
# no_esc FILE: not one ESC byte, nor a C1 CSI, in FILE.
no_esc() { ! grep -q "$ESC" "$1" && ! grep -q "$(printf '\302\233')" "$1"; }
no_bidi() { ! grep -qF -e "$RLO" -e "$ZWSP" -e "$LRI" "$1"; }

# 6. A mood of ESC[8m (conceal) with a harm flag after it: the warning
# shows the escape, and the crisis lines stay visible.
fresh
{
	echo "$H"
	echo "2026-11-20T10:00:00+00:00,me,${ESC}[8m,5,,,,,,"
	echo "2026-11-21T10:00:00+00:00,me,2,5,,,,,harm,"
	echo "2026-11-21T11:00:00+00:00,me,3,,,,,talk${ESC}[8m,,"
	echo "2026-11-21T12:00:00+00:00,me,3,,,,,,panic${ESC}]0;x,"
	echo "${ESC}[8m2026-11-21,me,3,,,,,,,"
} >"$L"
chmod 600 "$L"
run attune report
check 'escape in a mood: crisis lines shown' out_has 'please reach out now'
check 'escape in a mood: no ESC on stderr' no_esc "$T/err"
check 'escape in a mood: no ESC on stdout' no_esc "$T/out"
check 'escape in a mood: the warning shows it' \
    err_has "mood '\\x1b[8m' is not a number"
check 'escape in did: shown' err_has "did 'talk\\x1b[8m' holds"
check 'escape in flags: shown' err_has "flags 'panic\\x1b]0;x' holds"
check 'escape in a timestamp: shown' err_has "timestamp '\\x1b[8m2026-11-21'"
run attune tips
check 'escape in a mood: tips warns safely' no_esc "$T/err"
check 'escape in a mood: tips still shows the crisis lines' \
    out_has 'please reach out now'

# A long value is cut at a whole character, and stays valid UTF-8.
fresh
e=$(printf '\303\251')
{
	echo "$H"
	echo "2026-11-21T10:00:00+00:00,me,5,,,,,$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e,,"
} >"$L"
chmod 600 "$L"
run attune report
check 'a long value: cut with ...' err_has "$e$e$e...' holds"
check 'a long value: no byte escaped, none split' sh -c "! grep -q 'xc3' '$T/err'"

# A screen's total, and a tips file of your own: the same.
fresh
{
	echo 'timestamp,who,instrument,total,band,subscales,flags,answers'
	echo "2026-11-21T10:00:00+00:00,me,phq9,1${ESC}[8m,,,,"
} >"$D/screens.csv"
chmod 600 "$D/screens.csv"
{
	echo 'id,topic,title,text,source,who,fits'
	echo "bad${ESC}[8mid,walks,A walk,Walk.,me,any,start"
	echo "ok-id,walks${ESC}[2J,A walk,Walk.,me,any,start"
	echo "ok-id2,walks,A walk,Walk.,me,some${ESC}[2J,start"
} >"$D/tips.csv"
chmod 600 "$D/tips.csv"
run attune report
check 'escape in a total: shown' err_has "total '1\\x1b[8m' is not"
check 'escape in a total: no ESC' no_esc "$T/err"
run attune tips -a walks
check 'escape in a tips file: warned about' err_has 'tips.csv:2:'
check 'escape in a tips file: no ESC' no_esc "$T/err"

# A bidi override in a timestamp is shown by name, not obeyed.
fresh
{
	echo "$H"
	echo "2026-11-21T10:00${RLO}:00+00:00,me,5,,,,,,,"
} >"$L"
chmod 600 "$L"
run attune report
check 'override in a timestamp: shown by name' err_has '10:00<U+202E>:00'
check 'override in a timestamp: not passed on' no_bidi "$T/err"

# A file name with an escape in it, named on the command line.
fresh
run attune report "$T/a${ESC}[8mb.csv"
check 'escape in a file name: exit 1' rc_is 1
check 'escape in a file name: shown' err_has 'a\x1b[8mb.csv'
check 'escape in a file name: no ESC' no_esc "$T/err"

# 7. CSV for a spreadsheet: formula cells become text.
fresh
run attune checkin -q -m 5 -w '=HYPERLINK("http://x.example","hi")' -N '@SUM(A1)'
run attune checkin -q -m 4 -w '-2+3' -N '+1+cmd|calc'
run attune checkin -q -m 6 -w sam -N "$(printf '\t=1+1')"
check 'formula names: logged as typed' \
    grep -qF '"=HYPERLINK(""http://x.example"",""hi"")"' "$L"
check 'formula notes: logged as typed' grep -qF ',@SUM(A1)' "$L"
check 'formula notes: a minus name logged as typed' grep -q '^[^,]*,-2+3,' "$L"
run attune report -f csv --all-people
check 'report csv: exit 0' rc_is 0
check 'report csv: =name gets a quote' \
    out_has ",\"'=HYPERLINK(\"\"http://x.example\"\",\"\"hi\"\")\",1,1,5.00,"
check 'report csv: -name gets a quote' out_has ",\"'-2+3\",1,1,4.00,"
check 'report csv: a plain name as it is' out_has ',sam,1,1,6.00,'
check 'report csv: no cell starts a formula' \
    sh -c "! grep -qE '(^|,)[-=+@]' '$T/out'"

run attune checkin -q --dry-run -m 5 -N '=1+1'
check 'checkin --dry-run: the note is text for a spreadsheet' \
    out_has ",\"'=1+1\""
run attune checkin -q --print -m 5 -w '@me' -N "-x, \"y\""
check 'checkin --print: cells made text' \
    out_has ",\"'@me\",5,,,,,,,\"'-x, \"\"y\"\"\""
check 'checkin --print: the log keeps them as typed' \
    grep -qF ',@me,5,,,,,,,"-x, ""y"""' "$L"
run attune checkin -q --print -m 5 -s 4.5 -N 'plain'
check 'checkin --print: a plain row is unchanged' \
    sh -c "tail -n 1 '$L' | cmp -s - '$T/out'"

run attune screen --dry-run -f csv -w '=cmd' -a 1,1 phq2
check 'screen csv: exit 0' rc_is 0
check 'screen csv: the name made text' out_has ",\"'=cmd\",phq2,"
run attune screen -f csv -w '+me' -a 1,1 phq2
check 'screen csv: the log keeps the name' grep -qF ',+me,phq2,' "$D/screens.csv"

{
	echo 'id,topic,title,text,source,who,fits'
	echo 'formula-tip,walks,"=HYPERLINK(""http://x"")",-Take a walk.,@me,any,start'
} >"$D/tips.csv"
chmod 600 "$D/tips.csv"
run attune tips -f csv -a walks
check 'tips csv: exit 0' rc_is 0
check 'tips csv: title, text and source made text' \
    out_has "formula-tip,walks,\"'=HYPERLINK(\"\"http://x\"\")\",\"'-Take a walk.\",\"'@me\","
check 'tips csv: no cell starts a formula' \
    sh -c "! grep -qE '(^|,)[-=+@]' '$T/out'"

# 8. Bidi overrides and zero-width characters in a name.
fresh
name="sam${RLO}gpj.exe${ZWSP}x${LRI}y"
{
	echo "$H"
	echo "2026-11-21T10:00:00+00:00,$name,5,4,,,,,,"
	echo "2026-11-21T11:00:00+00:00,me,5,4,,,,,,"
} >"$L"
chmod 600 "$L"
run attune report --all-people
check 'bidi in text: exit 0' rc_is 0
check 'bidi in text: shown by name' \
    out_has 'sam<U+202E>gpj.exe<U+200B>x<U+2066>y'
check 'bidi in text: not passed on' no_bidi "$T/out"
run attune report --all-people -f md
check 'bidi in Markdown: shown as text' \
    out_has 'sam\<U\+202E\>gpj\.exe\<U\+200B\>x\<U\+2066\>y'
check 'bidi in Markdown: not passed on' no_bidi "$T/out"
run attune report --all-people -f html
check 'bidi in HTML: shown as text' \
    out_has 'sam&lt;U+202E&gt;gpj.exe&lt;U+200B&gt;x&lt;U+2066&gt;y'
check 'bidi in HTML: not passed on' no_bidi "$T/out"
run attune report --all-people -f json
check 'bidi in JSON: the name kept exactly (data, not display)' \
    out_has "\"who\":\"$name\""

# Nothing in the period: the lines saying what there is name people from
# the logs, and a C1 CSI or a bidi override in a name is shown, not sent.
fresh
CSI=$(printf '\302\233')
name="ev${CSI}31m${RLO}il"
{
	echo "$H"
	echo "2026-11-21T10:00:00+00:00,$name,5,4,,,,,,"
} >"$L"
chmod 600 "$L"
run attune report --who nobody
check 'nothing for --who: the others named' \
    err_has "but there are entries for ev\\u009b31m<U+202E>il;"
check 'nothing for --who: no escape sent' no_esc "$T/err"
check 'nothing for --who: no override sent' no_bidi "$T/err"
run attune report --who "$name" --week 2026-W40
check 'nothing in the period: where their check-ins are' \
    err_has "Check-ins for ev\\u009b31m<U+202E>il run from 2026-11-21"
check 'nothing in the period: no escape sent' no_esc "$T/err"
check 'nothing in the period: no override sent' no_bidi "$T/err"

# A joiner inside an emoji sequence is part of it, and kept.
fresh
fam=$(printf '\360\237\221\250\342\200\215\360\237\221\251')
run attune checkin -q -m 5 -w "$fam"
run attune report -w "$fam"
check 'emoji with a joiner: shown as it is' out_has "$fam:"
done_testing

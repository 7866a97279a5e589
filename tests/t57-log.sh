#!/bin/sh
# attune-log: the latest entries with their ids in text, csv and json;
# --undo (asks at a terminal, --yes otherwise); edit ID with checkin's
# options, validated as checkin does, harm's crisis lines first; the log
# rewritten whole or not at all, the previous one kept as .bak (0600),
# stopped at each point of the rewrite, and with writers at the same time.
. "$TOP/tests/lib.sh"

LOG=$ATTUNE_DIR/checkins.csv
H='timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note'
mkdir -p "$ATTUNE_DIR"
chmod 700 "$ATTUNE_DIR"
ci() { attune-checkin -q "$@" || echo "setup failed: $*" >&2; }
ci -m 3 -b 4 -t 2026-11-19T09:00 -N 'a long day, "tired"'
ci -m 5 -b 5 -t 2026-11-20T09:00
ci -m 6 -t 2026-11-10T09:00
ci -m 7 -D skin,talk -w Sam
# the id of the Nth entry listed (1: the last written)
id_of() { attune-log -f csv | sed -n "$(($1 + 1))p" | cut -d, -f1; }

### Listing.
run attune-log
check "list: exit 0" rc_is 0
check "list: four entries" lines_are 4 "$T/out"
check "list: the last written first" first_line_has "$T/out" "2026-11-22 21:04  Sam  mood 7  did skin;talk"
check "list: a note shown" out_has 'note "a long day, "tired""'
run attune log --last 7d
check "--last 7d: the days ending today" lines_are 3 "$T/out"
check "--last 7d: not the 10th" out_lacks "2026-11-10"
run attune-log -w " sam "
check "--who, any case and spaces" lines_are 1 "$T/out"
run attune-log -c 2
check "--count 2" lines_are 2 "$T/out"
run attune-log -f csv
check "csv: id and the log's columns" first_line_has "$T/out" "id,$H"
check "csv: the note quoted as CSV" out_has '"a long day, ""tired"""'
ID1=$(id_of 1)
check "an id is 8 hex digits" sh -c "echo '$ID1' | grep -Eq '^[0-9a-f]{8}$'"
run attune-log -f json -w sam
check "json: one object with the id" out_has "{\"id\": \"$ID1\", \"timestamp\": \"2026-11-22T21:04:00+00:00\", \"who\": \"Sam\""
if command -v node >/dev/null 2>&1; then
	run attune-log -f json
	check "json parses, four entries" sh -c "node -e 'const a=JSON.parse(require(\"fs\").readFileSync(0));process.exit(a.length===4?0:1)' <'$T/out'"
else
	skip "json parses" "node is not installed"
fi
run attune-log -w nobody
check "nobody: says so" out_has "No entries for 'nobody' in $LOG."
run attune-log --screens
check "no screens log: says so kindly" out_has "There are no screens in"
run attune-log --mood 3
check "an edit option without edit: exit 2" rc_is 2
run attune-log eddit x
check "a typo of edit: did you mean" err_has "did you mean 'edit'?"
run attune-log --undoo
check "a typo of an option: did you mean" err_has "unknown option '--undoo'; did you mean '--undo'?"

run attune-log --help
check "--help: exit 0" rc_is 0
check "--help: names edit, --undo and .bak" sh -c "grep -q 'edit ID' '$T/out' && grep -q -- '--undo' '$T/out' && grep -q 'checkins.csv.bak' '$T/out'"
check "--help: fits 80 columns" sh -c "! awk 'length > 79' '$T/out' | grep -q ."
run attune-log -V
check "-V: the version" out_is "attune-log $(sed -n 's/^VERSION[	 ]*=[	 ]*//p' "$TOP/config.mk")"

### edit.
cp "$LOG" "$T/before"
ID3=$(id_of 4)	# 2026-11-19, the note, written first
run attune-log edit "$(echo "$ID3" | cut -c1-5)" --mood 6 --did talk,skin
check "edit: exit 0" rc_is 0
check "edit: says so and where the old log is" out_has "Changed. The previous log is kept as $LOG.bak."
check "edit: the row changed in place, the note kept" grep -qxF '2026-11-19T09:00:00+00:00,me,6,4,,,,skin;talk,,"a long day, ""tired"""' "$LOG"
grep -v '^2026-11-19' "$T/before" >"$T/before.rest"
grep -v '^2026-11-19' "$LOG" >"$T/after.rest"
check "edit: every other row as it was" same "$T/before.rest" "$T/after.rest"
check "edit: .bak is the log before" same "$T/before" "$LOG.bak"
check "edit: .bak is private" mode_is 600 "$LOG.bak"
check "edit: the log keeps its mode" mode_is 600 "$LOG"
check "edit: the log still reads strictly" sh -c "attune-report --strict -q"
run attune-log edit "$ID3" --mood 2
check "edit: the old id is gone once changed" rc_is 2
check "edit: says there is no such id" err_has "no check-in has the id '$ID3'"

refused() {	# DESCRIPTION MESSAGE ARGS...
	_d=$1 _m=$2
	shift 2
	cp "$LOG" "$T/b4"
	run attune-log "$@"
	check "$_d: exit 2" rc_is 2
	check "$_d: says what is wrong" err_has "$_m"
	check "$_d: the log unchanged" same "$T/b4" "$LOG"
}
ID=$(id_of 2)
refused "mood 11" "mood: '11' is not a number from 0 to 10" edit "$ID" --mood 11
refused "sleep 25" "sleep: '25' is not a number from 0 to 24" edit "$ID" --sleep 25
refused "a word not in the list" "holds 'skni', not one of the words (did you mean 'skin'?)" edit "$ID" --did skni
refused "a future time" "--time: 'tomorrow' is not a date" edit "$ID" --time tomorrow
refused "nothing left" "that would leave the entry with no answers" edit "$ID" --mood '' --bond '' --did ''
refused "a short id" "is not an id; give 4 to 8" edit abc --mood 3
refused "no change, no terminal" "edit: nothing to change" edit "$ID"
refused "a control character in who" "who: " edit "$ID" --who "$(printf 'a\001b')"
refused "--undo without --yes, no terminal" "add --yes" --undo
ID=$(id_of 1)
run attune-log edit "$ID" --sleep 6.5 --time "yesterday 21:30" --note "slept a bit"
check "edit: sleep, time and note together" rc_is 0
check "edit: the row" grep -qxF "2026-11-21T21:30:00+00:00,Sam,7,,,,6.5,skin;talk,,slept a bit" "$LOG"
run attune-log edit "$(id_of 1)" --sleep 6.5 --time "yesterday 21:30" --note "slept a bit"
check "edit: the same values again: nothing to change" out_has "Nothing to change"
run attune-log edit "$(id_of 3)" --flag harm -r gb
check "edit: a harm flag added: crisis lines first" first_line_has "$T/out" "If you are in danger"
check "edit: and the region's lines" out_has "  GB  Samaritans"
check "edit: stdout no terminal: the lines on stderr too, as every command shows them" \
    sh -c 'grep -q "If you are in danger" "$1" && grep -q "  GB  Samaritans" "$1"' - "$T/err"
check "edit: harm logged" grep -q ',harm,' "$LOG"
# --flag and --did given again add up, as attune checkin takes them: a
# harm flag typed first is kept, whatever follows it.
cp "$LOG" "$T/before"
run attune-log edit "$(id_of 1)" --flag harm --flag panic -r gb
check "edit: --flag harm --flag panic: both logged" \
    sh -c 'tail -n 1 "$1" | grep -q ",panic;harm,slept a bit\$"' - "$LOG"
check "edit: --flag harm --flag panic: the lines first" \
    first_line_has "$T/out" "If you are in danger"
run attune-log edit "$(id_of 1)" --flag '' -r gb
check "edit: --flag '' alone clears the flags" \
    sh -c 'tail -n 1 "$1" | grep -q ",skin;talk,,slept a bit\$"' - "$LOG"
run attune-log edit "$(id_of 1)" --flag harm --flag '' -r gb
check "edit: --flag harm --flag '': an empty value adds nothing, harm kept" \
    sh -c 'tail -n 1 "$1" | grep -q ",harm,slept a bit\$"' - "$LOG"
run attune-log edit "$(id_of 1)" --did feed --did bath --did feed --flag ''
check "edit: --did three times: all three lists, each word once" \
    sh -c 'tail -n 1 "$1" | grep -q ",feed;bath,,slept a bit\$"' - "$LOG"
run attune-log edit "$(id_of 1)" --flag '' --flag rage --flag panic --flag harm \
    -r gb
check "edit: --flag '' then three: all three, in the list's order" \
    sh -c 'tail -n 1 "$1" | grep -q ",panic;rage;harm,slept a bit\$"' - "$LOG"
cp "$T/before" "$LOG"
cp "$LOG" "$T/before"
run attune-log edit "$(id_of 2)" --flag harm -r nowhere
check "edit: harm and a bad --region: exit 2" rc_is 2
check "edit: harm and a bad --region: every region's lines first" \
    sh -c 'grep -q "^  NZ  Emergency" "$1" && grep -q "^  US  Emergency" "$1"' - "$T/out"
check "edit: harm and a bad --region: then the mistake named" \
    err_has "--region: 'nowhere' is not a two-letter country code"
check "edit: harm and a bad --region: nothing changed" same "$T/before" "$LOG"
ATTUNE_REGION=zz run sh -c 'attune-log edit "$1" --flag harm 2>&1' - "$(id_of 2)"
check "edit: harm, a bad ATTUNE_REGION: the lines before the warning" \
    first_line_has "$T/out" "If you are in danger"
check "edit: harm, a bad ATTUNE_REGION: warned, once" \
    [ "$(grep -c "ATTUNE_REGION: 'zz'" "$T/out")" = 1 ]
check "edit: harm, a bad ATTUNE_REGION: exit 0" rc_is 0
# --flag harm with any other mistake: the lines still come first, once,
# before the usage error (a first pass reads --flag before anything is
# checked); with --quiet on standard error only.
cp "$LOG" "$T/before"
ID2=$(id_of 2)
for args in "$ID2 -m 12" "$ID2 --bogus" "$ID2 --screens" "$ID2 -f pdf" \
    "$ID2 -t someday" "ffff0000" "$ID2 --mood 12 --region nowhere"; do
	for how in "attune-log edit" "attune log edit"; do
		run $how $args --flag harm
		check "$how $args --flag harm: exit 2" rc_is 2
		check "$how $args --flag harm: the lines first" \
		    first_line_has "$T/out" "If you are in danger"
		check "$how $args --flag harm: once" \
		    [ "$(grep -c 'If you are in danger' "$T/out")" = 1 ]
		check "$how $args --flag harm: on stderr too, before the error" \
		    first_line_has "$T/err" "If you are in danger"
		check "$how $args --flag harm: then the error" \
		    sh -c "tail -n 2 '$T/err' | grep -q '^attune-log: '"
		check "$how $args --flag harm: nothing changed" same "$T/before" "$LOG"
	done
	run attune-log edit --flag Harm -q $args
	check "edit -q $args --flag Harm: exit 2" rc_is 2
	check "edit -q $args --flag Harm: nothing on stdout" out_empty
	check "edit -q $args --flag Harm: the lines first on stderr, once" \
	    sh -c 'head -n 1 "$1" | grep -q "If you are in danger" &&
	    [ "$(grep -c "If you are in danger" "$1")" = 1 ]' - "$T/err"
done
run sh -c 'attune-log edit "$1" --flag harm --mood 4 2>&1' - "$ID2"
check "edit --flag harm, the entry changed: the lines once" \
    [ "$(grep -c 'If you are in danger' "$T/out")" = 1 ]
check "edit --flag harm, the entry changed: first" \
    first_line_has "$T/out" "If you are in danger"
# A clock that cannot be read (a bad $ATTUNE_NOW) is said after the lines.
for cmd in "attune-log edit last" "attune-checkin -m 3"; do
	ATTUNE_NOW=someday run $cmd --flag harm
	check "$cmd --flag harm, a bad ATTUNE_NOW: the lines first" \
	    first_line_has "$T/err" "If you are in danger"
	check "$cmd --flag harm, a bad ATTUNE_NOW: then the clock named" \
	    err_has "ATTUNE_NOW: 'someday'"
done
# No home directory to find the logs in (tests/lib.sh's $NOHOME): the
# lines still come first.
if has_nohome "edit --flag harm, no home"; then
	for args in "" "-m 12" "--bogus"; do
		run $NOHOME attune-log edit last --flag harm $args
		check "no home, edit --flag harm $args: the lines first" \
		    first_line_has "$T/out" "If you are in danger"
		check "no home, edit --flag harm $args: on stderr first too" \
		    first_line_has "$T/err" "If you are in danger"
		check "no home, edit --flag harm $args: then why it stops" \
		    sh -c "tail -n 2 '$T/err' | grep -q '^attune-log: '"
	done
	run $NOHOME attune-log edit last --flag harm -q
	check "no home, edit -q --flag harm: exit 1" rc_is 1
	check "no home, edit -q --flag harm: nothing on stdout" out_empty
	check "no home, edit -q --flag harm: the lines first on stderr" \
	    first_line_has "$T/err" "If you are in danger"
fi
run attune-log edit last --flag harm -q -m 6
check "edit -q --flag harm, changed: the lines on stderr only" \
    sh -c '! grep -q "If you are in danger" "$1" &&
    grep -q "If you are in danger" "$2"' - "$T/out" "$T/err"

# A --region that is not one is refused in every use of attune log, as
# every command refuses it, harm or not; nothing is changed.
run attune-checkin -m 5 --dry-run -r zz
cp "$T/err" "$T/checkin.err"
sed 's/attune-checkin/attune-log/g' "$T/checkin.err" >"$T/want.err"
cp "$LOG" "$T/before"
for args in "" "--screens" "--last 2w" "--undo --yes" "edit last --bond 2"; do
	run attune-log $args -r zz
	check "log $args -r zz: exit 2" rc_is 2
	check "log $args -r zz: told as attune checkin tells it" \
	    same "$T/err" "$T/want.err"
	check "log $args -r zz: nothing on stdout" out_empty
	check "log $args -r zz: nothing changed" same "$T/before" "$LOG"
done
# ... and before the entry is looked at: a bad --region is named first,
# whatever else is wrong with the edit (one check for every use).
for args in "edit last --mood 12" "edit ffff0000 --mood 3" "edit last"; do
	run attune-log $args -r zz
	check "log $args -r zz: the region named first" \
	    same "$T/err" "$T/want.err"
done
run attune-log -r gb -c 1
check "log -r gb: a region, so the list" rc_is 0
if [ -x "$TOP/tests/ptyrun" ]; then
	printf '#!/bin/sh\ntouch "%s"\n' "$T/edited" >"$T/ed.sh"
	chmod +x "$T/ed.sh"
	VISUAL=$T/ed.sh run "$TOP/tests/ptyrun" "" attune-log edit last -r zz
	check "log edit at a terminal, -r zz: refused" rc_is 2
	check "log edit at a terminal, -r zz: before the editor opens" \
	    absent "$T/edited"
fi

run attune-log edit last --bond 3
check "edit last: the last entry written" sh -c "tail -n 1 '$LOG' | grep -q ',3,'"
run attune-log edit last --bond ''
check "edit last: cleared again" rc_is 0

### --undo.
cp "$LOG" "$T/before"
LASTROW=$(tail -n 1 "$LOG")
run attune-log --undo --yes
check "--undo --yes: exit 0" rc_is 0
check "--undo: says which entry" out_has "Taking away: "
check "--undo: the last row is gone" sh -c "head -n -1 '$T/before' | cmp -s - '$LOG'"
check "--undo: .bak holds it" grep -qxF "$LASTROW" "$LOG.bak"
if [ -x "$TOP/tests/ptyrun" ]; then
	cp "$LOG" "$T/before"
	k=$(printf 'n\n.'); k=${k%.}
	run "$TOP/tests/ptyrun" "$k" attune-log --undo
	check "--undo at a terminal: asks" out_has "Take it away? [y/N]"
	check "--undo at a terminal, no: left as it was" same "$T/before" "$LOG"
	k=$(printf 'y\n.'); k=${k%.}
	run "$TOP/tests/ptyrun" "$k" attune-log --undo
	check "--undo at a terminal, yes: gone" sh -c "head -n -1 '$T/before' | cmp -s - '$LOG'"
else
	skip "--undo at a terminal" "tests/ptyrun is not built"
fi
# edit in an editor, at a terminal: the row as edited, checked.
if [ -x "$TOP/tests/ptyrun" ]; then
	printf '#!/bin/sh\necho "$1" >"%s/edited"\nsed -i "2s/,me,[0-9]*,/,me,8,/" "$1"\n' "$T" >"$T/ed-ok"
	printf '#!/bin/sh\nsed -i "2s/,me,[0-9]*,/,me,12,/" "$1"\n' >"$T/ed-bad"
	printf '#!/bin/sh\nsed -i "1s/mood/MOOD2/" "$1"\n' >"$T/ed-head"
	chmod +x "$T/ed-ok" "$T/ed-bad" "$T/ed-head"
	ID=$(attune-log -f csv -w me | sed -n 2p | cut -d, -f1)
	cp "$LOG" "$T/before"
	VISUAL=$T/ed-bad run "$TOP/tests/ptyrun" "" attune-log edit "$ID"
	check "editor: a bad value refused" grep -q "mood: '12' is not a number from 0 to 10" "$T/out"
	check "editor: a bad value leaves the log" same "$T/before" "$LOG"
	VISUAL=$T/ed-head run "$TOP/tests/ptyrun" "" attune-log edit "$ID"
	check "editor: a changed header refused" grep -q "the header line was changed" "$T/out"
	check "editor: a changed header leaves the log" same "$T/before" "$LOG"
	VISUAL= EDITOR=$T/ed-ok run "$TOP/tests/ptyrun" "" attune-log edit "$ID"
	check "editor (EDITOR): exit 0" rc_is 0
	check "editor: the row as edited" sh -c "[ \"\$(grep -c ',me,8,' '$LOG')\" = 1 ]"
	check "editor: the file edited is in the data directory" grep -q "^$ATTUNE_DIR/\.checkins\.csv\.editing-" "$T/edited"
	check "editor: and gone after" sh -c "[ ! -e \"\$(cat '$T/edited')\" ]"
else
	skip "edit in an editor" "tests/ptyrun is not built"
fi

# Screens: undo works on that log too.
attune-screen -q -a 1,1 phq2 && attune-screen -q -a 2,2 phq2
run attune-log --screens
check "screens: listed" out_has "instrument phq2  total 2"
run attune-log --screens --undo --yes
check "screens --undo" rc_is 0
check "screens --undo: one left" lines_are 2 "$ATTUNE_DIR/screens.csv"
run attune-log --screens edit x
check "screens: edit refused kindly" err_has "edit changes check-ins"

### Stopped at each point: the log whole, old or new, never half.
m=0
for point in edit-after-bak edit-before-commit edit-after-commit; do
	m=$((m + 1))
	cp "$LOG" "$T/before"
	ID=$(id_of 1)
	ATTUNE_TEST_CRASH=$point attune-log edit "$ID" --mood 1 >/dev/null 2>&1
	st=$?
	check "$point: stopped there (99)" [ "$st" = 99 ]
	if [ "$point" = edit-after-commit ]; then
		check "$point: the new log" sh -c "tail -n 1 '$LOG' | grep -q ',1,'"
		head -n -1 "$T/before" >"$T/h0"; head -n -1 "$LOG" >"$T/h1"
		check "$point: every other row kept" same "$T/h0" "$T/h1"
	else
		check "$point: the log exactly as it was" same "$T/before" "$LOG"
	fi
	check "$point: readers see whole rows" sh -c "attune-report --strict -q"
	run attune-log edit "$(id_of 1)" --mood "$((m + 4))"
	check "$point: the next change works" rc_is 0
	check "$point: and leaves no temporary file" sh -c "! ls -A '$ATTUNE_DIR' | grep -q edit-"
done

### An archive run stopped after its commit: an edit keeps its rows.
ci -m 2 -t 2024-03-01T09:00
ci -m 3 -t 2024-04-01T09:00
all_rows() { attune-report -a -f csv --since 2000-01-01 | awk -F, 'NR > 1 { n += $4 } END { print n }'; }
n0=$(all_rows)
ATTUNE_TEST_CRASH=after-commit attune-checkin --archive -q >/dev/null 2>&1
check "archive stopped after its commit: a pending archive is left" sh -c "ls -A '$ATTUNE_DIR' | grep -q '^\.checkins-2024\.csv\.gz\.pending-'"
check "archive stopped: readers still see every row" [ "$(all_rows)" = "$n0" ]
run attune-log edit last --mood 3
check "edit after a stopped archive: exit 0" rc_is 0
check "edit after a stopped archive: the archive put into place" [ -f "$ATTUNE_DIR/checkins-2024.csv.gz" ]
check "edit after a stopped archive: every row still there" [ "$(all_rows)" = "$n0" ]
run attune-checkin --archive
check "the next archive run: nothing lost either" [ "$(all_rows)" = "$n0" ]

### Writers at the same time: none of their rows lost.
cp "$LOG" "$T/before"
n0=$(wc -l <"$LOG")
# The edit pauses with the log locked until all five writers wait for it.
rm -f "$T/paused"
ATTUNE_TEST_PAUSED=$T/paused ATTUNE_TEST_CRASH=pause:edit-before-commit \
    attune-log edit "$(id_of 2)" --mood 9 >"$T/edit.out" 2>&1 &
epid=$!
paused "$T/paused"
# (The last row is one of these, mood 1 to 5: the refused edits below set
# mood 8, so they always have something to change.)
pids=
for i in 1 2 3 4 5; do
	attune-checkin -q -m "$i" -N "while editing $i" >"$T/par.$i" 2>&1 &
	pids="$pids $!"
done
waiting=0
for p in $pids; do
	lock_waits $p && waiting=$((waiting + 1))
done
rm -f "$T/paused"
wait
if [ -r /proc/locks ]; then
	check "while editing: the writers wait for the edit's lock" [ $waiting = 5 ]
else
	skip "while editing: the writers wait for the edit's lock" \
	    "/proc/locks cannot tell"
fi
check "while editing: every writer's row is there" [ "$(grep -c 'while editing' "$LOG")" = 5 ]
check "while editing: and the edit too" grep -q ',9,' "$LOG"
check "while editing: nothing else lost" [ "$(wc -l <"$LOG")" = $((n0 + 5)) ]

### A log attune cannot replace: refused, unchanged.
AS_NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
if [ "$(id -u)" != 0 ]; then
	chmod 500 "$ATTUNE_DIR"
	cp "$LOG" "$T/before"
	run attune-log edit last --mood 8
	check "read-only directory: exit 1" rc_is 1
	check "read-only directory: says the log is as it was" err_has "the log is as it was"
	check "read-only directory: log unchanged" same "$T/before" "$LOG"
	chmod 700 "$ATTUNE_DIR"
elif ! command -v setpriv >/dev/null 2>&1 ||
    ! $AS_NOBODY attune-log --help >/dev/null 2>&1; then
	skip "a directory attune may not write in" "needs setpriv, and a build nobody can run"
else
	P=$T/perm
	mkdir -p "$P"
	chmod 755 "$T" "$P"
	cp -p "$LOG" "$P/checkins.csv"
	chmod 644 "$P/checkins.csv"
	cp "$P/checkins.csv" "$T/before"
	run $AS_NOBODY attune-log -d "$P" edit last --mood 8
	check "a directory attune may not write in: exit 1" rc_is 1
	check "a directory attune may not write in: says the log is as it was" err_has "the log is as it was"
	check "a directory attune may not write in: log unchanged" same "$T/before" "$P/checkins.csv"
	check "a directory attune may not write in: no .bak made" absent "$P/checkins.csv.bak"
fi
# A full disk (file size limit): the new log cannot be written.
cp "$LOG" "$T/before"
ID=$(id_of 1)
(ulimit -f 0; attune-log edit "$ID" --mood 10 >"$T/out" 2>"$T/err"); rc=$?
check "file size limit: exit 1" rc_is 1
check "file size limit: log unchanged" same "$T/before" "$LOG"
check "file size limit: no temporary file left" sh -c "! ls -A '$ATTUNE_DIR' | grep -q edit-"

# No logs yet: nothing to list or take away is "nothing to do", exit 0
# (attune-log(1), EXIT STATUS); an edit has no entry to change, exit 1.
E=$T/nologs
mkdir -m 700 "$E"
for a in "" "-S" "-u -y" "-S -u -y"; do
	run attune-log -d "$E" $a
	check "no logs yet, attune log $a: exit 0" rc_is 0
	check "no logs yet, attune log $a: says so" out_has "yet."
done
run attune-log -d "$E" edit last -m 3
check "no logs yet, edit: exit 1" rc_is 1
check "no logs yet, edit: nothing written" sh -c "[ -z \"\$(ls -A '$E')\" ]"

# A log of fewer columns (another tool's, say) keeps them: a value for a
# column it lacks is refused, by name, and nothing is changed.
E=$T/fewer
mkdir -m 700 "$E"
printf 'timestamp,who,mood\n2026-11-20T09:00:00+00:00,me,3\n' >"$E/checkins.csv"
chmod 600 "$E/checkins.csv"
cp "$E/checkins.csv" "$T/b4"
run attune-log -d "$E" edit last --note "a new note"
check "edit, a log with no note column: exit 2" rc_is 2
check "edit, a log with no note column: says so, in one plain sentence" \
    err_has "attune-log: edit last: has no 'note' column to change"
check "edit, a log with no note column: the log unchanged" same "$T/b4" "$E/checkins.csv"

# Under POSIXLY_CORRECT the options end at the first operand; a harm flag
# typed after one is still seen, and the lines come before the mistake.
POSIXLY_CORRECT=1 run attune-log -r gb edit last --flag harm
check "POSIXLY_CORRECT, attune-log -r gb edit last --flag harm: exit 2" rc_is 2
check "POSIXLY_CORRECT, attune-log -r gb edit last --flag harm: the lines first" \
    first_line_has "$T/out" "If you are in danger"
POSIXLY_CORRECT=1 run attune-log -r gb edit last --flag=HARM
check "POSIXLY_CORRECT, attune-log -r gb edit last --flag=HARM: exit 2" rc_is 2
check "POSIXLY_CORRECT, attune-log -r gb edit last --flag=HARM: the lines first" \
    first_line_has "$T/out" "If you are in danger"
POSIXLY_CORRECT=1 run attune-log -r gb edit last --flag panic
check "POSIXLY_CORRECT, attune-log -r gb edit last --flag panic: no lines" out_lacks "If you are in danger"
done_testing

# t70-faults: when the disk, the directory or the log itself goes wrong,
# a write fails with a clear message and exit 1, and the log is left
# byte for byte as it was.  Damaged logs are read around, never made worse.
. "$TOP/tests/lib.sh"
LOGCHECK=$TOP/tests/logcheck

MOUNTS=
cleanup() {
	for m in $MOUNTS; do umount "$m" 2>/dev/null; done
}
trap cleanup EXIT INT TERM

# seed DIR: a data directory holding a log with two check-ins.
seed() {
	attune checkin -q --dir "$1" -m 5 -b 4 -N 'first, "quoted"' &&
	    attune checkin -q --dir "$1" -m 6 -D skin,talk -N 'second'
}

# xs N: N bytes of note text.
xs() { head -c "$1" /dev/zero | tr '\0' x; }

# --- disk full --------------------------------------------------------------
mnt=$T/full
mkdir -p "$mnt"
if mount -t tmpfs -o size=64k,mode=0700 attune-test "$mnt" 2>/dev/null; then
	MOUNTS="$MOUNTS $mnt"
	D=$mnt/data
	seed "$D"
	cp "$D/checkins.csv" "$T/before"
	# Fill the file system; the log's last page still has room for part
	# of a long row, so the write fails half way and must be undone.
	dd if=/dev/zero of="$mnt/filler" bs=1024 2>/dev/null
	run attune checkin --dir "$D" -m 4 -N "$(xs 9000)"
	check "disk full: exit 1" rc_is 1
	check "disk full: says the log is as it was" \
	    err_has "cannot write to $D/checkins.csv; the log is as it was"
	check "disk full: says why" err_has "No space left on device"
	check "disk full: the log is unchanged" same "$T/before" "$D/checkins.csv"
	check "disk full: nothing on stdout" out_empty
	run attune checkin --dir "$mnt/new" -m 4 -N "$(xs 9000)"
	check "disk full, no log yet: exit 1" rc_is 1
	check "disk full, no log yet: no empty log left behind" \
	    absent "$mnt/new/checkins.csv"
	rm -f "$mnt/filler"
	run attune checkin -q --dir "$D" -m 4 -N after
	check "disk full: once there is room, the next check-in is kept" rc_is 0
	run "$LOGCHECK" -s "$D/checkins.csv"
	check "disk full: the log reads cleanly afterwards" rows_skipped 3 0
else
	skip "disk full (tmpfs)" "cannot mount a tmpfs here; ulimit -f below"
fi

# --- file size limit (works for root too) -----------------------------------
D=$T/fsize
seed "$D"
cp "$D/checkins.csv" "$T/before"
size=$(wc -c <"$D/checkins.csv")
blocks=$((size / 512 + 1))
# (The program itself, not a valgrind wrapper: valgrind's own files would
# meet the limit first.)
run sh -c 'ulimit -f "$1"; shift; exec "$@"' sh "$blocks" \
    "$TOP/bin/attune-checkin" --dir "$D" -m 4 -N "$(xs 3000)"
check "file size limit: exit 1" rc_is 1
check "file size limit: says the log is as it was" err_has "the log is as it was"
check "file size limit: the log is unchanged" same "$T/before" "$D/checkins.csv"

# --- a read-only data directory ----------------------------------------------
D=$T/rw
seed "$D"
cp "$D/checkins.csv" "$T/before"
RO=$T/ro
mkdir -p "$RO" "$T/ro-empty-src" "$T/ro-empty"
if mount --bind "$D" "$RO" 2>/dev/null; then
	MOUNTS="$MOUNTS $RO"
	if mount -o remount,bind,ro "$RO" 2>/dev/null; then
		run attune checkin --dir "$RO" -m 3
		check "read-only mount: exit 1" rc_is 1
		check "read-only mount: clear message" \
		    err_has "cannot open $RO/checkins.csv: Read-only file system"
		check "read-only mount: the log is unchanged" \
		    same "$T/before" "$D/checkins.csv"
	else
		skip "read-only mount" "cannot remount a bind mount read-only"
	fi
	if mount --bind "$T/ro-empty-src" "$T/ro-empty" 2>/dev/null; then
		MOUNTS="$MOUNTS $T/ro-empty"
		mount -o remount,bind,ro "$T/ro-empty" 2>/dev/null
		run attune checkin --dir "$T/ro-empty" -m 3
		check "read-only mount, no log yet: exit 1" rc_is 1
		check "read-only mount, no log yet: nothing created" \
		    absent "$T/ro-empty-src/checkins.csv"
	fi
else
	skip "read-only mount" "cannot bind mount here"
fi
# Not root's directory: run as nobody, who may read but not write.
AS_NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
if ! command -v setpriv >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
	skip "no write permission" "needs root and setpriv to become nobody"
elif ! $AS_NOBODY attune checkin --dry-run -m 1 >/dev/null 2>&1; then
	# A build tree under a private directory (such as /root) is out of
	# nobody's reach.
	skip "no write permission" "nobody cannot run the programs from here"
else
	P=$T/perm
	mkdir -p "$P"
	chmod 755 "$T" "$P"
	seed "$P/data"
	chmod 755 "$P/data"
	# nobody's own folder (attune writes in no one else's), root's log.
	chown 65534:65534 "$P/data"
	chmod 644 "$P/data/checkins.csv"
	cp "$P/data/checkins.csv" "$T/before"
	run $AS_NOBODY attune checkin --dir "$P/data" -m 3
	check "no write permission: exit 1" rc_is 1
	check "no write permission: clear message" \
	    err_has "cannot open $P/data/checkins.csv: Permission denied"
	check "no write permission: the log is unchanged" \
	    same "$T/before" "$P/data/checkins.csv"
	chmod 700 "$P/data"
fi

# --- the log is not a file ---------------------------------------------------
D=$T/isdir
mkdir -p "$D/checkins.csv"
run attune checkin --dir "$D" -m 5
check "log is a directory: exit 1" rc_is 1
check "log is a directory: clear message" \
    err_has "$D/checkins.csv: is a directory, not a log"
check "log is a directory: left alone" \
    [ -d "$D/checkins.csv" -a -z "$(ls -A "$D/checkins.csv")" ]
run "$LOGCHECK" "$D/checkins.csv"
check "log is a directory: a reader says so, exit 1" \
    sh -c "[ $rc = 1 ] && grep -qF 'is a directory, not a log' '$T/err'"

D=$T/dangling
mkdir -p "$D"
ln -s "$T/nowhere/checkins.csv" "$D/checkins.csv"
run attune checkin --dir "$D" -m 5
check "dangling symlink: exit 1" rc_is 1
check "dangling symlink: clear message" \
    err_has "is a symbolic link to a missing file; not writing through it"
check "dangling symlink: nothing created where it points" absent "$T/nowhere"
check "dangling symlink: the link is left as it was" \
    [ -L "$D/checkins.csv" ]

D=$T/fifo
mkdir -p "$D"
mkfifo "$D/checkins.csv"
run timeout 10 attune checkin --dir "$D" -m 5
check "log is a FIFO: exit 1 at once, not a hang" rc_is 1
check "log is a FIFO: clear message" err_has "checkins.csv: is not a regular file"

# --- damaged logs: the next append still makes a valid file ----------------
H='timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note'
# damaged NAME LABEL ROWS: a log of the header and ROWS (no final newline)
# in $T/NAME; one more check-in is kept, and the old bytes stay as they were.
damaged() {
	D=$T/$1
	mkdir -p "$D"
	printf '%s\n%s' "$H" "$3" >"$D/checkins.csv"
	cp "$D/checkins.csv" "$T/before"
	run attune checkin -q --dir "$D" -m 7 -N 'after the cut'
	check "$2: the next check-in is kept" rc_is 0
	check "$2: the old bytes are untouched" \
	    cmp -s -n "$(wc -c <"$T/before")" "$T/before" "$D/checkins.csv"
}
KEPT='2026-11-20T08:00:00+00:00,me,5,,,,,,,kept'

damaged cutquote "cut inside a quoted note" \
    "$KEPT
2026-11-21T08:00:00+00:00,me,6,,,,,,,\"cut in the mid"
run "$LOGCHECK" -s "$D/checkins.csv"
check "cut inside a quoted note: the file reads strictly" rc_is 0
check "cut inside a quoted note: the cut row keeps what it had" \
    out_has "|6|-1|-1|-1|-1|0|0|cut in the mid"
check "cut inside a quoted note: the new row reads back" out_has "after the cut"

damaged cutrow "cut mid-row" "$KEPT
2026-11-21T08:00:00+00:00,me,6,"
run "$LOGCHECK" "$D/checkins.csv"
check "cut mid-row: the new row and the old one read" rows_skipped 2 1
check "cut mid-row: the broken row is named by line" \
    err_has "$D/checkins.csv:3: expected 10 fields as in the header, found 4 (row skipped)"
check "cut mid-row: the new row is on a line of its own" \
    sh -c "tail -n 1 '$D/checkins.csv' | grep -q '^2026-11-22T21:04:00+00:00,me,7,'"

damaged nofinal "no final newline" \
    '2026-11-20T08:00:00+00:00,me,5,,,,,,,no final newline'
run "$LOGCHECK" -s "$D/checkins.csv"
check "no final newline: both rows read strictly" rows_skipped 2 0
check "no final newline: the old note is whole" out_has "|no final newline"

# --- a gzip archive cut short -----------------------------------------------
D=$T/gz
seed "$D"
for i in 1 2 3 4 5 6 7 8; do
	attune checkin -q --dir "$D" -t "2026-11-0$i" -m "$i" -N "day $i"
done
gzip -c "$D/checkins.csv" | head -c 60 >"$D/checkins-2025.csv.gz"
rm "$D/checkins.csv"
cp "$D/checkins-2025.csv.gz" "$T/before"
run "$LOGCHECK" "$D/checkins-2025.csv.gz"
check "gzip cut short: a reader fails, exit 1" rc_is 1
check "gzip cut short: says it is damaged or cut short" \
    err_has "checkins-2025.csv.gz: compressed data is damaged or cut short"
check "gzip cut short: the archive is unchanged" \
    same "$T/before" "$D/checkins-2025.csv.gz"
check "gzip cut short: the message does not carry zlib's <fd:N>" \
    sh -c "! grep -qF '<fd:' '$T/err'"
if [ -x "$TOP/bin/attune-report" ]; then
	run attune report --dir "$D"
	check "gzip cut short: attune report exits 1" rc_is 1
	check "gzip cut short: attune report names the archive" \
	    err_has "checkins-2025.csv.gz: compressed data is damaged or cut short"
	check "gzip cut short: attune report leaves it unchanged" \
	    same "$T/before" "$D/checkins-2025.csv.gz"
else
	skip "gzip cut short: attune report" "attune report is not built yet"
fi
run attune checkin -q --dir "$D" -m 5
check "gzip cut short: a check-in still works beside it" rc_is 0
check "gzip cut short: and leaves the archive alone" \
    same "$T/before" "$D/checkins-2025.csv.gz"

# --- killed during an append: no partial row is ever visible -----------------
D=$T/kill
seed "$D"
NOTE1='killed, "mid" write'
NOTE2=$(xs 5000)	# rows that cross page boundaries
: >"$T/reader-bad"
(
	while [ ! -e "$T/stop" ]; do
		if ! "$LOGCHECK" -s "$D/checkins.csv" >"$T/r.out" 2>"$T/r.err"; then
			cat "$T/r.err" >>"$T/reader-bad"
		elif grep -v -e '^rows ' -e '|first, "quoted"$' -e '|second$' \
		    -e "|$NOTE1\$" -e "|$NOTE2\$" "$T/r.out" >>"$T/reader-bad"; then
			:
		fi
	done
) &
reader=$!
i=0
while [ $i -lt 150 ]; do
	if [ $((i % 2)) = 0 ]; then note=$NOTE1; else note=$NOTE2; fi
	attune checkin -q --dir "$D" -m 5 -N "$note" 2>/dev/null &
	victim=$!
	case $((i % 4)) in
	0) ;;
	1) sleep 0.001 ;;
	2) sleep 0.003 ;;
	3) sleep 0.006 ;;
	esac
	kill -9 "$victim" 2>/dev/null
	wait "$victim" 2>/dev/null
	i=$((i + 1))
done
touch "$T/stop"
wait "$reader"
cp "$T/reader-bad" "$T/err"	# shown if the check fails
: >"$T/out"
check "killed writers: every row a reader saw was whole" \
    [ ! -s "$T/reader-bad" ]
run "$LOGCHECK" -s "$D/checkins.csv"
check "killed writers: the log reads strictly afterwards" rc_is 0
check "killed writers: the first rows are still there" out_has '|first, "quoted"'
run attune checkin -q --dir "$D" -m 5 -N "$NOTE1"
check "killed writers: the next check-in is kept" rc_is 0

done_testing

# t76-data: what a hostile or unlucky machine does to the logs (issue 14):
# odd data directory names, tails the reader cannot close, folders others
# can write in, planted notes and links, root tending a user's folder, a
# full stdout after the row is on disk, FIFOs, gzip bombs, and the smaller
# things (a BOM, long names in other scripts, 1970 in London, --note -).
. "$TOP/tests/lib.sh"
LOGCHECK=$TOP/tests/logcheck
H='timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note'

# seed DIR: a private data directory with two rows from 2024, one from 2026.
seed() {
	mkdir -p "$1"
	chmod 700 "$1"
	printf '%s\n' "$H" \
	    '2024-03-01T09:00:00+00:00,me,4,5,,,,,,old one' \
	    '2024-04-01T09:00:00+00:00,me,5,5,,,,,,old two' \
	    '2026-11-20T09:00:00+00:00,me,6,6,,,,,,recent' >"$1/checkins.csv"
	chmod 600 "$1/checkins.csv"
}

# rows_in DIR: how many rows the readers see in DIR's check-in logs.
rows_in() {
	"$LOGCHECK" "$1"/checkins*.csv.gz "$1/checkins.csv" 2>/dev/null |
	    sed -n 's/^rows \([0-9]*\)$/\1/p'
}

### 1. ".pending-" in the data directory's own name
D="$T/logs.pending-7"
seed "$D"
run attune-archive -d "$D" -b 2026-01-01
check ".pending- in the folder name: archive exits 0" rc_is 0
check ".pending- in the folder name: the archive is in place" \
    [ -f "$D/checkins-2024.csv.gz" ]
check ".pending- in the folder name: every row still read" \
    [ "$(rows_in "$D")" = 3 ]
run attune-archive -d "$D" -b 2026-01-01
check ".pending- in the folder name: a second run exits 0" rc_is 0
check ".pending- in the folder name: the second run loses nothing" \
    [ "$(rows_in "$D")" = 3 ]
run attune checkin -d "$D" -m 5
check ".pending- in the folder name: a check-in after it" rc_is 0
check ".pending- in the folder name: and it is read" [ "$(rows_in "$D")" = 4 ]

### 2. glob characters in the data directory's name
G="$T/data[1]"
seed "$G"
# A decoy that the pattern data[1] would match: its rows must not be read.
mkdir -p "$T/data1"
chmod 700 "$T/data1"
printf '%s\n%s\n' "$H" '2025-01-01T09:00:00+00:00,me,1,1,,,,harm,decoy' |
    gzip >"$T/data1/checkins-2025.csv.gz"
run attune-archive -d "$G" -b 2026-01-01
check "glob characters: archive exits 0" rc_is 0
run attune report -d "$G" --since 2020-01-01 --until 2026-11-22 -f csv
check "glob characters: the report reads its own archive, not another's" \
    out_has ",2026-11-22,me,3,3,"
# archive cleans up only in its own folder
A="$T/a*"
seed "$A"
mkdir -p "$T/ab"
chmod 700 "$T/ab"
: >"$T/ab/.checkins.csv.new-KEEPME"
run attune-archive -d "$A" -b 2026-01-01
check "a '*' in the folder name: archive exits 0" rc_is 0
check "a '*' in the folder name: another folder's files are left alone" \
    [ -e "$T/ab/.checkins.csv.new-KEEPME" ]

### 3. a tail the reader cannot close
Q="$T/quote"
mkdir -m 700 "$Q"
{
	printf '%s\n%s\n' "$H" '2026-11-20T09:00:00+00:00,me,6,6,,,,,,fine'
	printf '2026-11-21T09:00:00+00:00,me,5,5,,,,,,"an unclosed note\n'
	awk 'BEGIN { for (i = 0; i < 5000; i++) printf "%s\n", \
	    "a line of the note that goes on and on and on and on and on" }'
} >"$Q/checkins.csv"
chmod 600 "$Q/checkins.csv"
cp "$Q/checkins.csv" "$T/quote.before"
run attune checkin -d "$Q" -m 5
check "an unclosed quote then 300 KiB: the check-in is refused, exit 1" rc_is 1
check "an unclosed quote then 300 KiB: says where and how to repair" \
    err_has "a quoted field that starts on line 3 runs on for more than 256 KiB"
check "an unclosed quote then 300 KiB: says how to repair" \
    err_has "close or remove that quote, then try again"
check "an unclosed quote then 300 KiB: no 'Logged'" out_lacks "Logged"
check "an unclosed quote then 300 KiB: the log is unchanged" \
    same "$T/quote.before" "$Q/checkins.csv"
# A short unclosed quote is closed, and the new row is read.
printf '%s\n%s' "$H" '2026-11-21T09:00:00+00:00,me,5,5,,,,,,"cut short' \
    >"$Q/checkins.csv"
run attune checkin -d "$Q" -m 7 -N after
check "a short unclosed quote: the check-in is logged" rc_is 0
run "$LOGCHECK" "$Q/checkins.csv"
check "a short unclosed quote: the reader sees the new row" out_has "|after"

### 4. folders others can write in, planted notes and links
W="$T/shared"
seed "$W"
chmod 770 "$W"
cp "$W/checkins.csv" "$T/shared.before"
run attune checkin -d "$W" -m 5
check "a folder the group can write in: refused, exit 1" rc_is 1
check "a folder the group can write in: says why and what to do" \
    err_has "others can write in this folder, so its logs cannot be trusted; 'chmod 700 $W'"
check "a folder the group can write in: the log is unchanged" \
    same "$T/shared.before" "$W/checkins.csv"
chmod 707 "$W"
run attune screen -d "$W" phq9 --answers 1,1,1,1,1,1,1,1,1 -q
check "a folder anyone can write in: screen refused, exit 1" rc_is 1
check "a folder anyone can write in: no screens.csv" absent "$W/screens.csv"
run attune-archive -d "$W" -b 2026-01-01
check "a folder anyone can write in: archive refused, exit 1" rc_is 1
check "a folder anyone can write in: nothing moved" absent "$W/checkins-2024.csv.gz"
run attune report -d "$W" --since 2024-01-01 --until 2026-11-22 -f csv
check "a folder anyone can write in: a report reads it" rc_is 0
check "a folder anyone can write in: and says once that it may not all be yours" \
    [ "$(grep -c 'others can write in this folder, so what it holds may not all be yours' "$T/err")" = 1 ]
chmod 700 "$W"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
    setpriv --reuid=65534 --regid=65534 --clear-groups \
    "$TOP/bin/attune-checkin" --version >/dev/null 2>&1; then
	O="$T/notmine"
	mkdir -p "$O"
	chmod 755 "$T" "$O"
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$TOP/bin/attune-checkin" -d "$O" -m 5
	check "a folder of another user: refused, exit 1" rc_is 1
	check "a folder of another user: says so" \
	    err_has "this folder belongs to another user"
	check "a folder of another user: nothing written" absent "$O/checkins.csv"
	chmod 700 "$T"
else
	skip "a folder of another user" "needs root and setpriv"
fi
# A planted note that would hide every row and cut the log back.
P="$T/planted"
seed "$P"
ino=$(stat -c %i "$P/checkins.csv")
printf '%s 999999999 %s\n' "$(printf '%s\n' "$H" | wc -c | tr -d ' ')" "$ino" \
    >"$P/checkins.csv.pending"
chmod 600 "$P/checkins.csv.pending"
check "a planted note: the readers still see every row" [ "$(rows_in "$P")" = 3 ]
run attune checkin -d "$P" -m 5
check "a planted note: the next check-in is logged" rc_is 0
check "a planted note: and the log is not cut back" [ "$(rows_in "$P")" = 4 ]
check "a planted note: it is gone" absent "$P/checkins.csv.pending"
# A .pending that is a hard link to another file: that file is untouched.
printf 'keep me\n' >"$T/other-file"
ln "$T/other-file" "$P/checkins.csv.pending"
run attune checkin -d "$P" -m 5
check "a hard-linked .pending: the check-in is logged" rc_is 0
check "a hard-linked .pending: the file it links to is untouched" \
    [ "$(cat "$T/other-file")" = "keep me" ]
# A log with a second name is not written.
ln "$P/checkins.csv" "$T/second-name.csv"
cp "$P/checkins.csv" "$T/linked.before"
run attune checkin -d "$P" -m 5
check "a hard-linked log: refused, exit 1" rc_is 1
check "a hard-linked log: says why" err_has "the log has other names (hard links)"
check "a hard-linked log: unchanged" same "$T/linked.before" "$P/checkins.csv"
rm -f "$T/second-name.csv"

# A forged pending archive, planted to stand in for the real one.
X="$T/forged"
seed "$X"
attune-archive -d "$X" -b 2026-01-01 2>/dev/null
ino=$(stat -c %i "$X/checkins.csv")
printf '%s\n%s\n' "$H" '2024-05-05T09:00:00+00:00,me,1,1,,,,,,forged' |
    gzip >"$X/.checkins-2024.csv.gz.pending-$ino"
chmod 664 "$X/.checkins-2024.csv.gz.pending-$ino"
run "$LOGCHECK" "$X/.checkins-2024.csv.gz.pending-$ino"
check "a forged pending archive: it would read (the test is sound)" out_has "|forged"
run attune report -d "$X" --since 2024-01-01 --until 2026-11-22 -f csv
check "a forged pending archive that others may write: not read in place of the archive" \
    out_has ",me,3,3,"
if [ "$(id -u)" = 0 ]; then
	chmod 600 "$X/.checkins-2024.csv.gz.pending-$ino"
	chown 65534 "$X/.checkins-2024.csv.gz.pending-$ino"
	run attune report -d "$X" --since 2024-01-01 --until 2026-11-22 -f csv
	check "a forged pending archive of another user: not read" out_has ",me,3,3,"
fi

### 5. root archiving a user's folder keeps the user's files theirs
if [ "$(id -u)" = 0 ]; then
	U="$T/user"
	seed "$U"
	printf '%s\n%s\n' "$H" '2024-01-01T09:00:00+00:00,me,3,3,,,,,,' |
	    gzip >"$U/checkins-2024.csv.gz"
	chmod 600 "$U/checkins-2024.csv.gz"
	chown -R 65534:65534 "$U"
	run attune-archive -d "$U" -b 2026-01-01
	check "root archives a user's folder: exit 0" rc_is 0
	check "root archives a user's folder: checkins.csv stays theirs" \
	    [ "$(stat -c %u:%g "$U/checkins.csv")" = 65534:65534 ]
	check "root archives a user's folder: the archive stays theirs" \
	    [ "$(stat -c %u:%g "$U/checkins-2024.csv.gz")" = 65534:65534 ]
	check "root archives a user's folder: every row kept" [ "$(rows_in "$U")" = 4 ]
	V="$T/user2"
	seed "$V"
	chown -R 65534:65534 "$V"
	run attune-archive -d "$V" -b 2026-01-01
	check "root makes a user's archive: it is theirs" \
	    [ "$(stat -c %u:%g "$V/checkins-2024.csv.gz")" = 65534:65534 ]
else
	skip "root archives a user's folder" "needs root"
fi

### 10. once the row is on disk, the exit status says "logged"
F="$T/full"
rm -rf "$F"
attune checkin -d "$F" -m 5 >/dev/full 2>"$T/err"
rc=$?
check "stdout is /dev/full: the check-in exits 0 (logged)" rc_is 0
check "stdout is /dev/full: a warning says it is logged" \
    err_has "the check-in is logged, but the message after it could not be shown"
check "stdout is /dev/full: one row" [ "$(rows_in "$F")" = 1 ]
attune screen -d "$F" phq9 --answers 1,1,1,1,1,1,1,1,1 >/dev/full 2>"$T/err"
rc=$?
check "stdout is /dev/full: the screen exits 0 (logged)" rc_is 0
check "stdout is /dev/full: the screen says it is logged" \
    err_has "the screen is logged, but its result could not be shown"
check "stdout is /dev/full: the screen row is there" \
    [ "$(grep -c phq9 "$F/screens.csv")" = 1 ]

### 12. a FIFO where a log should be
I="$T/fifo"
mkdir -m 700 "$I"
mkfifo "$I/checkins.csv"
run timeout 10 attune report -d "$I"
check "a FIFO in place of the log: the report does not wait (not killed)" \
    [ "$rc" != 124 ]
check "a FIFO in place of the log: says it is not a file" \
    err_has "checkins.csv: is not a regular file"
run timeout 10 "$LOGCHECK" "$I/checkins.csv"
check "a FIFO in place of the log: a reader exits 1" rc_is 1
rm -f "$I/checkins.csv"
mkfifo "$I/tips.csv"
run timeout 10 attune tips -d "$I"
check "a FIFO in place of the tips file: tips does not wait (not killed)" \
    [ "$rc" != 124 ]
check "a FIFO in place of the tips file: says it is not a file" \
    err_has "tips.csv: is not a regular file"

### 14. a gzip bomb in place of an archive
B="$T/bomb"
seed "$B"
{ printf '%s\n' "$H"; head -c 60000000 /dev/zero; } | gzip -9 >"$B/checkins-2024.csv.gz"
cp "$B/checkins.csv" "$T/bomb.before"
cp "$B/checkins-2024.csv.gz" "$T/bomb.gz.before"
run attune-archive -d "$B" -b 2026-01-01
check "a gzip bomb: archive refuses, exit 1" rc_is 1
check "a gzip bomb: says so clearly" err_has "would inflate to more than 200 times its size"
check "a gzip bomb: the live log is unchanged" same "$T/bomb.before" "$B/checkins.csv"
check "a gzip bomb: the archive is unchanged" same "$T/bomb.gz.before" "$B/checkins-2024.csv.gz"

### an archive that ends inside a quoted field takes more rows, every run
K="$T/cutarchive"
seed "$K"
printf '%s\n%s' "$H" '2024-01-01T09:00:00+00:00,me,3,3,,,,,,"cut short' |
    gzip >"$K/checkins-2024.csv.gz"
chmod 600 "$K/checkins-2024.csv.gz"
run attune-archive -d "$K" -b 2026-01-01
check "an archive cut inside a quote: the rows move (exit 0)" rc_is 0
printf '%s\n' '2024-06-01T09:00:00+00:00,me,2,2,,,,,,later' >>"$K/checkins.csv"
run attune-archive -d "$K" -b 2026-01-01
check "an archive cut inside a quote: and the next run too (exit 0)" rc_is 0
run "$LOGCHECK" "$K/checkins-2024.csv.gz"
check "an archive cut inside a quote: every moved row reads" out_has "|later"
check "an archive cut inside a quote: the cut row closed and kept" out_has "|cut short"

### smaller: a BOM on the live header, names, 1970 in London, --note -
M="$T/bom"
seed "$M"
printf '%s\n%s\n' "$H" '2024-01-01T09:00:00+00:00,me,3,3,,,,,,' |
    gzip >"$M/checkins-2024.csv.gz"
printf '\357\273\277' | cat - "$M/checkins.csv" >"$M/x" && mv "$M/x" "$M/checkins.csv"
chmod 600 "$M/checkins.csv"
run attune-archive -d "$M" -b 2026-01-01
check "a BOM on the live header: archive moves the rows (exit 0)" rc_is 0
check "a BOM on the live header: every row kept" [ "$(rows_in "$M")" = 4 ]
N="$T/names"
rm -rf "$N"
dev=$(awk 'BEGIN { for (i = 0; i < 40; i++) printf "\340\244\225" }')
run attune checkin -d "$N" -w "$dev" -m 5
check "a name of 40 Devanagari letters (120 bytes): accepted" rc_is 0
run "$LOGCHECK" -s "$N/checkins.csv"
check "a name of 40 Devanagari letters: read back" out_has "|$dev|5|"
long=$(awk 'BEGIN { for (i = 0; i < 65; i++) printf "\340\244\225" }')
run attune checkin -d "$N" -w "$long" -m 5
check "a name of 65 letters: refused, exit 2" rc_is 2
run attune checkin --dry-run -m 5 -t 1970-01-01T00:59:59
check "1970-01-01T00:59:59 in Europe/London is an hour ahead of UTC" \
    out_has "1970-01-01T00:59:59+01:00,"
runin 'kept out of the command line
and on two lines
' attune checkin -d "$N" -N - -m 4
check "--note -: logged" rc_is 0
printf 'kept out of the command line\nand on two lines\0' >"$T/want"
"$LOGCHECK" -n "$N/checkins.csv" | tail -c "$(wc -c <"$T/want")" >"$T/got"
check "--note -: the note is read from standard input, final newline dropped" \
    same "$T/want" "$T/got"
runin "$(printf 'bad \377')" attune checkin -d "$N" -N - -m 4
check "--note - with bytes that are not UTF-8: exit 2" rc_is 2
done_testing

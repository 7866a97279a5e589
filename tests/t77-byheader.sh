# t77-byheader: a check-in is never written out of line (issue 13).  The
# writers append by the log's own header: columns in any order, extra
# columns left empty; a needed column missing, or ';' between columns, is
# refused with exit 1, a message, and the log unchanged.
. "$TOP/tests/lib.sh"
LOGCHECK=$TOP/tests/logcheck
L=$ATTUNE_DIR/checkins.csv
S=$ATTUNE_DIR/screens.csv
mkdir -p "$ATTUNE_DIR"
chmod 700 "$ATTUNE_DIR"

# put FILE TEXT: a log as a spreadsheet might save it, mode 0600.
put() { printf '%s' "$2" >"$1"; chmod 600 "$1"; }

### checkins.csv with its columns reordered and one added
put "$L" 'note,mood,timestamp,who,bond,anxiety,numb,sleep,did,flags,colour
"from before",3,2026-11-20T09:00:00+00:00,Sam,4,,,,,,red
'
run attune checkin -m 5 -b 6 -w Sam -N 'a note, with a comma'
check "reordered columns: logged" rc_is 0
run "$LOGCHECK" -s "$L"
check "reordered columns: the reader takes the new row (strict)" rc_is 0
check "reordered columns: both rows read" rows_skipped 2 0
check "reordered columns: the new row's values in their columns" \
    out_has "2026-11-22T21:04:00+00:00|Sam|5|6|-1|-1|-1|0|0|a note, with a comma"
check "reordered columns: the extra column is left empty" \
    sh -c "tail -n 1 '$L' | grep -q ',Sam,6,,,,,,\$'"
check "reordered columns: the header is kept as it was" \
    first_line_has "$L" 'note,mood,timestamp,who,bond,anxiety,numb,sleep,did,flags,colour'
run attune report --since 2026-11-15 --until 2026-11-22 -w Sam -f csv
check "reordered columns: the report counts the new row" out_has ",Sam,2,"

### a byte order mark before the header, as spreadsheets write
printf '\357\273\277' >"$L"
printf '%s\n' 'who,timestamp,mood,bond,anxiety,numb,sleep,did,flags,note' >>"$L"
run attune checkin -m 4
check "a BOM and reordered columns: logged" rc_is 0
run "$LOGCHECK" -s "$L"
check "a BOM and reordered columns: read back" out_has "|me|4|-1|"

### a needed column missing
put "$L" 'timestamp,who,bond
2026-11-20T09:00:00+00:00,me,3
'
cp "$L" "$T/before"
run attune checkin -m 5
check "no 'mood' column: refused, exit 1" rc_is 1
check "no 'mood' column: says what it found and what is missing" \
    err_has "its first row names the columns 'timestamp,who,bond', without 'mood'"
check "no 'mood' column: says how to fix it" err_has "put that column back in the first row"
check "no 'mood' column: no 'Logged'" out_lacks "Logged"
check "no 'mood' column: the log is unchanged" same "$T/before" "$L"
run attune checkin -b 5
check "no 'mood' column, a value for bond only: logged" rc_is 0
check "no 'mood' column, a value for bond only: in line" \
    sh -c "tail -n 1 '$L' | grep -qx '2026-11-22T21:04:00+00:00,me,5'"

### ';' between the columns
put "$L" 'timestamp;who;mood;bond;anxiety;numb;sleep;did;flags;note
2026-11-20T09:00:00+00:00;me;3;;;;;;;
'
cp "$L" "$T/before"
run attune checkin -m 5
check "';' separators: refused, exit 1" rc_is 1
check "';' separators: says so and how to fix it" \
    err_has "its columns are separated by ';', not ','"
check "';' separators: the log is unchanged" same "$T/before" "$L"

### screens.csv reordered, with an extra column
put "$S" 'who,answers,timestamp,total,instrument,band,subscales,flags,comment
'
run attune screen phq9 --answers 2,2,1,1,1,1,1,1,1 -q
check "screens.csv reordered: logged" rc_is 0
check "screens.csv reordered: instrument and total in their columns" \
    sh -c "tail -n 1 '$S' | awk -F, '\$5 == \"phq9\" && \$4 == 2 && \$3 ~ /^2026-11-22T21:04/ && \$9 == \"\" { ok = 1 } END { exit !ok }'"
run attune report --since 2026-11-15 --until 2026-11-22 -f csv
check "screens.csv reordered: the report finds the screen" out_has ",1,"
put "$S" 'timestamp,who,total
'
cp "$S" "$T/before"
run attune screen phq9 --answers 1,1,1,1,1,1,1,1,1 -q
check "screens.csv without 'instrument': refused, exit 1" rc_is 1
check "screens.csv without 'instrument': says which column" err_has "without 'instrument'"
check "screens.csv without 'instrument': unchanged" same "$T/before" "$S"
put "$S" 'timestamp;who;instrument;total;band;subscales;flags;answers
'
cp "$S" "$T/before"
run attune screen phq9 --answers 1,1,1,1,1,1,1,1,1 -q
check "screens.csv with ';': refused, exit 1" rc_is 1
check "screens.csv with ';': unchanged" same "$T/before" "$S"

### the archiver keeps a reordered log's own order
put "$L" 'note,timestamp,who,mood,bond,anxiety,numb,sleep,did,flags
old,2024-03-01T09:00:00+00:00,me,4,,,,,,
new,2026-11-20T09:00:00+00:00,me,5,,,,,,
'
run attune-archive -b 2026-01-01
check "archiving a reordered log: exit 0" rc_is 0
run "$LOGCHECK" -s "$ATTUNE_DIR/checkins-2024.csv.gz" "$L"
check "archiving a reordered log: every row reads, in its columns" \
    out_has "2024-03-01T09:00:00+00:00|me|4|-1|-1|-1|-1|0|0|old"
check "archiving a reordered log: and the live one" rows_skipped 2 0
put "$L" 'timestamp;who;mood
2024-03-01T09:00:00+00:00;me;4
'
cp "$L" "$T/before"
run attune-archive -b 2026-01-01
check "archiving a ';' log: refused, exit 1" rc_is 1
check "archiving a ';' log: says so" err_has "its columns are separated by ';'"
check "archiving a ';' log: unchanged" same "$T/before" "$L"
done_testing

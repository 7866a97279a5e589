#!/bin/sh
# t52-notes: notes reach the reader: the notes of the days that matter (a
# flag, a low score) in text, md and json; every note with --notes, and in
# csv only then, as one more column; escaped on every path.
. "$TOP/tests/lib.sh"

H=timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note
{ echo "$H"
  echo "2026-11-20T09:00:00+00:00,me,6,6,3,2,7,,,a calm day *really*"
  printf '2026-11-21T09:00:00+00:00,me,5,2,3,2,7,,,felt far away\033[8m hidden\n'
  echo '2026-11-22T09:00:00+00:00,me,5,6,3,2,7,,panic,"the bath, though, was nice"'
  echo "2026-11-12T09:00:00+00:00,me,5,2,3,2,7,,,last week's note"; } >"$T/n.csv"

run attune-report --week "$T/n.csv"
check "text: a low day's note is shown" out_has "2026-11-21: felt far away"
check "text: a flagged day's note is shown" out_has "2026-11-22: the bath, though, was nice"
check "text: a calm day's note is not, without --notes" out_lacks "a calm day"
check "text: a note outside the period is not" out_lacks "last week's note"
check "text: a terminal escape in a note is shown, not obeyed" out_has 'far away\x1b[8m hidden'
check "text: no raw escape byte" sh -c "! grep -q \"\$(printf '\033')\" '$T/out'"
run attune-report --week --notes "$T/n.csv"
check "--notes: every note of the period" out_has "2026-11-20: a calm day *really*"
check "--notes: still not other periods" out_lacks "last week's note"
run attune-report --week --notes -f md "$T/n.csv"
check "md: notes as a list, Markdown escaped" out_has '2026-11-20: a calm day \*really\*'
run attune-report --week -f json "$T/n.csv"
check "json: the notes of the days that matter" \
    out_has '"notes":[{"date":"2026-11-21","time":"09:00","text":"felt far away\u001b[8m hidden"},{"date":"2026-11-22"'
check "json: not the calm day's" out_lacks "a calm day"
run attune-report --week -f csv "$T/n.csv"
check "csv: no notes column without --notes" sh -c "head -n 1 '$T/out' | grep -q ',reach_out\$'"
run attune-report --week -f csv --notes "$T/n.csv"
check "csv --notes: one more column, last" sh -c "head -n 1 '$T/out' | grep -q ',reach_out,notes\$'"
check "csv --notes: every note of the period, dated, in one cell" \
    out_has '"2026-11-20: a calm day *really* | 2026-11-21: felt far away'
check "csv --notes: the same number of columns in every row" \
    sh -c "sed 's/\"[^\"]*\"/X/g' '$T/out' | awk -F, '{ print NF }' | sort -u | wc -l | grep -qx 1"
run attune-report --week -f html "$T/n.csv"
check "html: a low day's note" out_has "felt far away"
check "html: not a calm day's" out_lacks "a calm day"
run attune-report --week -f html --notes "$T/n.csv"
check "html --notes: every note" out_has "a calm day *really*"
run attune-report --week -f csv --notes -q "$T/n.csv"
check "--notes with --quiet: nothing" out_empty
done_testing

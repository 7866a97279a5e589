#!/bin/sh
# t58-many-people: a log naming many people, each logging a little, over
# years: --all-people gives each person the periods from their first entry
# to their last (or where a rule fired), not every person in every period.
. "$TOP/tests/lib.sh"

# 3,000 people, each logging three days in a row somewhere in ten years.
awk "$AWK_YMD"'
BEGIN {
	print "timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note"
	srand(7)
	base = 17106	# 2016-11-02
	for (p = 0; p < 3000; p++) {
		start = base + int(rand() * 3600)
		for (d = 0; d < 3; d++)
			printf "%sT09:00:00+00:00,p%d,5,5,5,5,7.0,,,\n", ymd(start + d), p
	}
}' >"$T/many.csv"
check "the log has 9,000 check-ins" lines_are 9001 "$T/many.csv"

run attune-report --all-people --by week -f csv "$T/many.csv"
check "csv: exit 0" rc_is 0
rows=$(($(wc -l <"$T/out") - 1))
check "csv: at least a row for each person" [ "$rows" -ge 3000 ]
check "csv: at most two weeks for each (three days in a row)" [ "$rows" -le 6000 ]
check "csv: no row without a check-in" \
    sh -c "awk -F, 'NR > 1 && \$4 == 0' '$T/out' | (! grep .)"
run attune-report --all-people --by week -f json "$T/many.csv"
check "json: the same periods" \
    [ "$(grep -c '^{"start"' "$T/out")" = "$rows" ]

# A person who stopped logging after a harm flag: the week after, with no
# check-in, still shows what fired.
{ echo "timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note"
  echo "2026-11-13T09:00:00+00:00,ann,5,5,5,5,7.0,,harm,"
  echo "2026-11-20T09:00:00+00:00,bo,5,5,5,5,7.0,,,"; } >"$T/two.csv"
run attune-report --all-people --by week -f csv "$T/two.csv"
check "a week after the last entry is kept when a rule fired in it" \
    grep -q '^2026-11-16,2026-11-22,ann,0,0,.*urgent$' "$T/out"
check "and a week before a person's first entry is left out" \
    sh -c "! grep -q '^2026-11-09,2026-11-15,bo,' '$T/out'"
run attune-report --who bo --by week --since 2026-11-09 -f csv "$T/two.csv"
check "one person alone keeps every period asked for" \
    grep -q '^2026-11-09,2026-11-15,bo,0,0,' "$T/out"
done_testing

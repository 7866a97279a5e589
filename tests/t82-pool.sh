#!/bin/sh
# t82-pool: the clinic's pooled view (share/pool.sql through attune-pool)
# on generated logs of 20 parents at three sites, archives included: its
# weekly means are those of attune report --by week --format csv for each
# parent, its urgent list is the people attune itself finds urgent, and
# its screens are every screen logged.  DuckDB comes from the npm registry
# (@duckdb/node-api, pinned in tests/duckdb, installed by scripts/setup
# --all).
. "$TOP/tests/lib.sh"

# The failures that need no DuckDB come first.
run attune-pool
check "no folder: exit 2" rc_is 2
run attune-pool "$T" nosuch
check "an unknown view: exit 2, naming it" sh -c "[ $rc = 2 ] && grep -q \"no view 'nosuch'\" '$T/err'"
run attune-pool --today 22/11/2026 "$T"
check "a --today that is not a date: exit 2" rc_is 2
run attune-pool --engine spark "$T"
check "an unknown --engine: exit 2" rc_is 2
mkdir -p "$T/empty"
run attune-pool "$T/empty"
check "no logs in the layout: exit 1, saying what it reads" \
    sh -c "[ $rc = 1 ] && grep -q 'no check-ins under' '$T/err' && grep -q 'site=NAME/parent=ID' '$T/err'"
run attune-pool "$T/nosuch"
check "a folder that is not there: exit 1" rc_is 1

# Without node: a PATH holding only the tools the script itself uses.
mkdir -p "$T/nonode" "$T/pool0/site=a/parent=1"
for t in sh dirname sed mktemp rm mkdir cat date; do
	ln -s "$(command -v $t)" "$T/nonode/$t"
done
cp "$TOP/share/sample/checkins.csv" "$T/pool0/site=a/parent=1/"
PATH=$T/nonode run sh "$TOP/scripts/attune-pool" --engine node "$T/pool0"
check "without node: exit 1, saying what it needs" \
    sh -c "[ $rc = 1 ] && grep -q 'needs DuckDB, and node is not installed' '$T/err' &&
	grep -q '@duckdb/node-api' '$T/err'"
if ! command -v duckdb >/dev/null 2>&1; then
	run attune-pool --engine duckdb "$T/pool0"
	check "--engine duckdb without the duckdb command: exit 1, saying so" \
	    sh -c "[ $rc = 1 ] && grep -q 'there is no duckdb command' '$T/err'"
fi
run attune-pool --sql --today 2026-11-20 "$T/pool0" urgent
check "--sql prints the SQL it would run, hive partitions and all" \
    sh -c "[ $rc = 0 ] && grep -q \"pool_today = '2026-11-20'\" '$T/out' &&
	grep -q 'hive_partitioning = true' '$T/out' && tail -n 1 '$T/out' | grep -qx 'SELECT \* FROM urgent;'"

if ! command -v node >/dev/null 2>&1; then
	skip "the pooled view with DuckDB" "node is not installed (scripts/setup --all)"
	done_testing
	exit 0
fi
if [ ! -d "$TOP/tests/duckdb/node_modules/@duckdb/node-api" ]; then
	skip "the pooled view with DuckDB" \
	    "@duckdb/node-api is not in tests/duckdb (scripts/setup --all installs it)"
	done_testing
	exit 0
fi

# Node, but no @duckdb/node-api where it looks: a copy of the script away
# from the tree.
mkdir -p "$T/alone/bin" "$T/alone/share"
cp "$TOP/scripts/attune-pool" "$T/alone/bin/"
cp "$TOP/share/pool.sql" "$T/alone/share/"
NODE_PATH= ATTUNE_NODE_MODULES=$T/none run sh "$T/alone/bin/attune-pool" \
    --engine node "$T/pool0"
check "without @duckdb/node-api: exit 1, saying so" \
    sh -c "[ $rc = 1 ] && grep -q 'cannot find the @duckdb/node-api package' '$T/err'"

# The logs of 20 parents, at three sites, under a root whose name holds a
# space and a quote.  Each parent has days with two check-ins or none,
# answers left empty, notes with commas and quotes; every seventh has a
# partner logging too.  The same bytes every time.
R="$T/pool o'hara"
umask 077
LC_ALL=C awk -v root="$R" "$AWK_YMD"'
function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
function m(lvl,   v) {
	if (rnd(10) == 0) return ""
	v = lvl + rnd(5) - 2
	return v < 0 ? 0 : v > 10 ? 10 : v
}
function row(f, z, who, p,   s, did, flags, note, i) {
	s = rnd(10) == 0 ? "" : sprintf("%.1f", 2 + rnd(80) / 10)
	did = ""; for (i = 0; i < rnd(3); i++) did = did (did ? ";" : "") dw[1 + rnd(12)]
	if (did ~ /(^|;)([a-z]+);.*\2/) did = dw[1 + rnd(12)]
	flags = rnd(25) == 0 ? "panic" : ""
	if (harm[p] && z == harm[p]) flags = "harm"
	note = rnd(6) == 0 ? "\"tired, \"\"so\"\" tired\"" : rnd(9) == 0 ? "ok day" : ""
	printf "%sT%02d:%02d:00%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", ymd(z), \
	    7 + rnd(15), rnd(60), off, who, m(lv), m(lv - 1), m(9 - lv), m(8 - lv), \
	    s, did, flags, note >f
}
BEGIN {
	seed = 20261122
	split("skin talk sing read massage carry eye feed bath play walk rest", dw, " ")
	split("north south east", site, " ")
	today = 20779	# 2026-11-22 as days since 1970-01-01
	harm[3] = today - 2; harm[17] = today - 10; harm[13] = today - 40
	mk = "mkdir -p"	# all 20 folders in one mkdir
	for (p = 1; p <= 20; p++)
		mk = mk " \"" root "/site=" site[1 + p % 3] "/parent=" sprintf("p%02d", p) "\""
	system(mk)
	for (p = 1; p <= 20; p++) {
		s = site[1 + p % 3]
		off = s == "east" ? "+02:00" : "+00:00"
		dir = root "/site=" s "/parent=" sprintf("p%02d", p)
		f = dir "/checkins.csv"
		print "timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note" >f
		start = p % 5 == 0 ? today - 400 - rnd(30) : today - 60 - rnd(300)
		lv = 2 + rnd(6)
		for (z = start; z <= today; z++) {
			if (rnd(5) == 0 && !(harm[p] == z)) continue
			if (z % 7 == 0) lv = lv + rnd(3) - 1
			lv = lv < 1 ? 1 : lv > 8 ? 8 : lv
			row(f, z, "me", p)
			if (rnd(7) == 0) row(f, z, "me", p)
			if (p % 7 == 0 && rnd(2)) row(f, z, "sam", p)
		}
		if (p == 12) {	# rows attune leaves out, and so must the pool
			print "2026-11-03T10:00:00+00:00,me,11,5,5,5,5.0,,," >f
			print "yesterday at noon,me,5,5,5,5,5.0,,," >f
		}
		close(f)
		print dir
	}
}' >"$T/dirs"
check "20 parents' folders were made" lines_are 20 "$T/dirs"
# Archives, made by attune itself, for every fifth parent.
n=0
while read -r d; do
	n=$((n + 1))
	[ $((n % 5)) = 0 ] || continue
	attune-archive -d "$d" --before 2026-01-01 2>>"$T/arch.err"
done <"$T/dirs"
archives() { ls "$R"/site=*/parent=*/checkins-*.csv.gz 2>/dev/null | grep -c .; }
check "attune-archive made .csv.gz archives for 4 parents" \
    [ "$(archives)" = 4 ]
# Screens, taken with attune screen: two EPDS for every fourth parent, and
# a PHQ-9 with its safety question answered for two of them.
n=0
while read -r d; do
	n=$((n + 1))
	if [ $((n % 4)) = 0 ]; then
		attune screen -q -d "$d" -t 2026-10-01 -s 1,1,1,1,1,1,1,1,1,0 epds
		attune screen -q -d "$d" -t 2026-11-01 -s 2,1,2,1,2,1,0,1,1,0 epds
	fi
	case $n in
	9|19) attune screen -q -d "$d" -t 2026-11-20 -s 1,1,1,1,1,1,1,1,1 phq9 \
	    >/dev/null ;;
	esac
done <"$T/dirs"

# A copy someone left beside a log is not a log: neither reads it.
cp "$R/site=north/parent=p03/checkins.csv" "$R/site=north/parent=p03/checkins.csv.bak"

# reports CMD…: attune report CMD… for every parent, each report after a
# line "@ SITE,PARENT" (one awk then reads them all).
reports() {
	while read -r d; do
		p=${d##*/parent=} s=${d%/parent=*}; s=${s##*/site=}
		echo "@ $s,$p"
		attune report -d "$d" "$@" 2>/dev/null
	done <"$T/dirs"
}
# attune's weekly rows for each parent: site, parent and the columns the
# pool has (names here hold no comma).
reports --all-people --by week --format csv |
    awk -F, '/^@ / { sp = substr($0, 3); n = 0; next }
	++n > 1 && $4 > 0 {
		print $1 "," $2 "," sp "," $3 "," $4 "," $5 "," $6 "," $9 \
		    "," $12 "," $15 "," $18 }' | sort >"$T/attune.weekly"

run attune-pool --engine node --today 2026-11-22 "$R"
check "attune-pool weekly: exit 0, the header first" \
    sh -c "[ $rc = 0 ] && head -n 1 '$T/out' | grep -q '^period_start,period_end,site,parent,who,checkins,days,mood_mean'"
sed 1d "$T/out" | cut -d, -f1-12 | sort >"$T/pool.weekly"
check "the pool holds weeks of all 20 parents" \
    sh -c "[ \$(cut -d, -f4 '$T/pool.weekly' | sort -u | wc -l) = 20 ]"
check "the pool holds weeks read from the .csv.gz archives" \
    grep -q '^2025-' "$T/pool.weekly"
check "the pool holds the partners' weeks too" grep -q ',sam,' "$T/pool.weekly"
if cmp -s "$T/attune.weekly" "$T/pool.weekly" && [ -s "$T/pool.weekly" ]; then
	pass "its weekly means equal attune report --by week for every parent ($(wc -l <"$T/pool.weekly") weeks)"
else
	fail "its weekly means equal attune report --by week for every parent" \
	    "$(diff "$T/attune.weekly" "$T/pool.weekly" | head -n 8 | tr '\n' '|')"
fi

# Urgent: the people attune report finds urgent in the last 14 days.
reports --all-people --last 14d --format csv |
    awk -F, '/^@ / { sp = substr($0, 3); n = 0; next }
	++n > 1 && $NF ~ /(^|;)urgent(;|$)/ { print sp "," $3 }' |
    sort >"$T/attune.urgent"
run attune-pool --engine node --today 2026-11-22 "$R" urgent
sed 1d "$T/out" | cut -d, -f1-3 | sort >"$T/pool.urgent"
check "urgent: two harm flags and two safety screens in the 14 days" \
    lines_are 4 "$T/pool.urgent"
check "urgent: the people attune report finds urgent" \
    same "$T/attune.urgent" "$T/pool.urgent"
check "urgent: a harm flag 40 days ago is not listed" \
    sh -c "! grep -q ',p13,' '$T/pool.urgent'"
run attune-pool --engine node --today 2026-12-20 "$R" urgent
check "urgent: nobody, 14 days on" lines_are 1 "$T/out"

# Screens over time: every screen logged, with the change between them.
run attune-pool --engine node "$R" screens
cat "$R"/site=*/parent=*/screens.csv | grep -vc '^timestamp' >"$T/nscreens"
check "screens: one row for every screen logged" \
    sh -c "[ \$((\$(wc -l <'$T/out') - 1)) = \$(cat '$T/nscreens') ]"
check "screens: the second EPDS shows its change (+2)" \
    grep -q '^2026-11-01,[a-z]*,p04,me,epds,11,[^,]*,2,' "$T/out"
check "screens: the safety screen keeps its flag" \
    grep -q '^2026-11-20,[a-z]*,p09,me,phq9,9,.*safety' "$T/out"

# A pool with no screens yet.
run attune-pool --engine node "$T/pool0"
check "no screens anywhere: the weekly view still works" \
    sh -c "[ $rc = 0 ] && [ \$(wc -l <'$T/out') = 9 ]"
run attune-pool --engine node "$T/pool0" screens
check "no screens anywhere: the screens view is just its header" \
    sh -c "[ $rc = 0 ] && [ \$(wc -l <'$T/out') = 1 ]"

if command -v duckdb >/dev/null 2>&1; then
	attune-pool --engine node "$R" >"$T/n.csv" 2>/dev/null
	attune-pool --engine duckdb "$R" >"$T/d.csv" 2>/dev/null
	check "the duckdb command gives the same rows as node" same "$T/n.csv" "$T/d.csv"
else
	skip "the duckdb command gives the same rows" "there is no duckdb command"
fi
done_testing

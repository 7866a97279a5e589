# t74-bench: make bench on a small log, for its workings, not its times
# (issue 14, item 18): the runs are interleaved pairs and the table gives
# medians; the floor prints every row and column the report prints; DuckDB
# joins the table when node and its package are there.  Nothing here
# asserts how fast anything is.
. "$TOP/tests/lib.sh"
B=$T/bench
run env BENCH_DIR="$B" BENCH_ROWS=3000 BENCH_PAIRS=3 BENCH_MILLER_PAIRS=1 \
    BENCH_DUCKDB_PAIRS=1 \
    sh "$TOP/scripts/bench"
check 'bench: exit 0' rc_is 0
check 'bench: medians of interleaved runs' out_has 'medians of interleaved runs, 3 pairs'
check 'bench: verdicts on the median pair ratio' out_has 'median of the pair ratios'
check 'bench: the rows agree with the floor' grep -q "weekly rows equal the floor's *equal (" "$T/out"
check 'bench: three pairs of attune and the floor' lines_are 3 "$B/attune-big-floor-big.pairs"
check 'bench: each pair holds both runs' \
    awk 'NF != 4 { exit 1 }' "$B/attune-big-floor-big.pairs"
check 'bench: the floor ran three times, counted' lines_are 3 "$B/floor-big.runs"
check 'bench: the table counts the runs' grep -q 'floor (libcsv), 3000 rows .* 3$' "$T/out"

# The floor does the report's output work: the same header, the same rows.
head -n 1 "$B/attune-big.out" >"$T/h1"
head -n 1 "$B/floor-big.out" >"$T/h2"
check 'floor: the report'"'"'s header' same "$T/h1" "$T/h2"
cut -d, -f1-5,7,8,10,11,13,14,16,17,19-22 "$B/attune-big.out" >"$T/a"
cut -d, -f1-5,7,8,10,11,13,14,16,17,19-22 "$B/floor-big.out" >"$T/f"
check 'floor: every row and column but the means and reach_out (the floor judges nothing) as the report has them' \
    same "$T/a" "$T/f"
check 'floor: more than one row' test "$(wc -l <"$T/f")" -gt 4

if command -v mlr >/dev/null 2>&1; then
	check 'bench: Miller, one pair' grep -q 'Miller, 3000 rows .* 1$' "$T/out"
else
	skip 'bench: Miller, one pair' 'Miller (mlr) is not installed'
fi
if command -v node >/dev/null 2>&1 &&
    [ -d "$TOP/tests/duckdb/node_modules/@duckdb/node-api" ]; then
	check 'bench: DuckDB in the table, one pair' grep -q 'DuckDB (node), 3000 rows .* 1$' "$T/out"
	check 'bench: DuckDB agrees with the floor' \
	    grep -q "DuckDB's weekly means equal the floor's *equal (" "$T/out"
	check 'bench: DuckDB has its ratio line' out_has 'DuckDB / attune'
else
	skip 'bench: DuckDB in the table' 'node or @duckdb/node-api is absent (sh scripts/setup --all)'
	check 'bench: without DuckDB, says why' err_has "DuckDB's line is left out"
fi
done_testing

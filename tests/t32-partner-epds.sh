#!/bin/sh
# The partner EPDS key (issue 11): never less sensitive than the mothers'
# one (10 possible, 11 already probable: Edmondson et al. 2010), the top
# of the range its own band for both, EPDS-3A 4 for partners, in text,
# csv and json; old band words still read.
. "$TOP/tests/lib.sh"
LOG=$ATTUNE_DIR/screens.csv
err_lacks_skip() { ! grep -qi "skip\|malformed" "$T/err"; }
# band_of POINTS [--partner]: the total and band word logged, as "T,band".
band_of() {
	attune-screen -f csv --dry-run $2 epds --scores "$1" | tail -n 1 | cut -d, -f4,5
}
# Points, item by item, worked by hand: each list sums to its total.
while read -r points total mother partner; do
	check "epds $total, mother: $mother" [ "$(band_of "$points")" = "$total,$mother" ]
	check "epds $total, partner: $partner" [ "$(band_of "$points" --partner)" = "$total,$partner" ]
done <<'EOF'
0,0,0,0,0,0,0,0,0,0 0 none none
3,3,3,0,0,0,0,0,0,0 9 none none
3,3,3,1,0,0,0,0,0,0 10 possible possible
3,3,3,1,0,1,0,0,0,0 11 possible probable
3,3,3,1,0,2,0,0,0,0 12 possible probable
3,3,3,1,0,3,0,0,0,0 13 probable probable
3,3,3,1,0,3,3,3,0,0 19 probable probable
3,3,3,1,0,3,3,3,1,0 20 very-high very-high
3,3,3,3,3,3,3,3,3,0 27 very-high very-high
EOF

## the words
run attune-screen --dry-run --partner epds --scores 3,3,3,1,0,0,0,0,0,0
check "partner 10: possible, worth talking over" out_has "Result: possible depression (partner cut-off)"
check "partner 10: exit 0" rc_is 0
run attune-screen --dry-run --partner epds --scores 3,3,3,1,0,1,0,0,0,0
check "partner 11: probable, a proper talk soon" \
    out_has "Result: probable depression (partner cut-off): worth a proper talk soon"
cp "$T/out" "$T/eleven"
run attune-screen --dry-run --partner epds --scores 3,3,3,3,3,3,3,3,3,0
check "partner 27: plainly worth contacting a professional soon" \
    out_has "Result: a very high score: plainly worth contacting a professional soon"
check "partner 27: not the words of 11" \
    sh -c '! grep -F "Result:" "$1" | grep -qxF "$(grep -F "Result:" "$2")"' - "$T/out" "$T/eleven"
check "partner 27: no safety item, exit 0" rc_is 0
check "partner 27: a gentle next step" out_has "Next step: share this result"
run attune-screen --dry-run epds --scores 3,3,3,3,3,3,3,3,3,0
check "mother 27: the same top band" out_has "Result: a very high score: plainly worth contacting a professional soon"
run attune-screen --dry-run -f json --partner epds --scores 3,3,3,1,0,1,0,0,0,0
check "json partner 11: band and its words" \
    out_has '"band":"probable","band_text":"probable depression (partner cut-off): worth a proper talk soon","positive":true,"partner":true'
check "json partner 11: EPDS-3A cut-off 4 for partners" \
    out_has '{"name":"epds3a","title":"EPDS-3A anxiety","value":4,"max":9,"cutoff":4,"high":true}'
run attune-screen --dry-run -f json epds --scores 3,3,3,1,0,1,0,0,0,0
check "json mother 11: EPDS-3A cut-off 6" \
    out_has '{"name":"epds3a","title":"EPDS-3A anxiety","value":4,"max":9,"cutoff":6,"high":false}'

## logged, and read back by the report
run attune-screen --partner --time 2026-11-20T09:00 epds --scores 3,3,3,1,0,1,0,0,0,0
check "partner 11 logged: probable, flagged partner" \
    sh -c "tail -n 1 '$LOG' | grep -q ',epds,11,probable,epds3a=4,partner;high-epds3a,'"
# Old rows keep their words: a partner's 13 logged as "possible" before.
printf '%s\n' "2026-11-21T09:00:00+00:00,me,epds,13,possible,epds3a=2,partner,1:3;1:3;1:3;1:0;4:0;1:3;2:2;4:0;4:0;4:0" >>"$LOG"
run attune-report --since 2026-11-15 --until 2026-11-22 --check
check "report: old and new band words read, and ask for attention" rc_is 3
check "report: no row skipped" err_lacks_skip
check "man page: the partner key" sh -c "mandoc -Tascii '$TOP/man/attune-screen.1' | col -b | tr -s ' \n' ' ' | grep -q '10 possible.* 11 or more probable'"
done_testing

#!/bin/sh
# attune report --format html as a hand-off a midwife reads: what page 1
# says and in what order, the charts, the moments, and, printed to PDF by
# headless chromium, that eight weeks of daily check-ins fit two pages of
# A4 and of US Letter, with the text a reader needs on them.
. "$TOP/tests/lib.sh"
export ATTUNE_REGION=GB

# Eight weeks of two check-ins a day for NAME, 2026-09-28 to 2026-11-22,
# except a week with nothing (2026-10-18 to 2026-10-24); "feed" every day,
# "bath" on two days only; a panic flag every ninth day, with a note, and
# with HARM, a harm flag on 2026-11-17.  No sleep is ever logged.
i=0
while [ $i -lt 56 ]; do
	day $((55 - i))	# 2026-09-28 on
	i=$((i + 1))
done >"$T/days"
gen() {
	awk -v who="$1" -v harm="${2-}" -v days="$T/days" 'BEGIN {
		seed = 11
		for (i = 0; i < 56; i++) {
			getline day <days
			if (i >= 20 && i < 27)
				continue
			for (j = 0; j < 2; j++) {
				seed = (seed * 16807) % 2147483647
				did = "feed"
				if (i == 3 || i == 40) did = did ";bath"
				if (seed % 2) did = did ";skin"
				fl = ""; note = ""
				if (i % 9 == 4 && j == 0) {
					fl = "panic"
					note = "felt far away <b>today</b> & tired"
				}
				if (harm != "" && i == 50 && j == 0) fl = "harm"
				printf "%sT%02d:15:00+00:00,%s,%d,%d,%d,%d,,%s,%s,%s\n",
				    day, 9 + j * 11, who, 3 + seed % 5,
				    2 + int(i / 8) + seed % 2, 2 + seed % 4,
				    1 + seed % 5, did, fl, note
			}
		}
	}'
}
printf '%s\n' timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note \
    >"$T/checkins.csv"
gen Sam harm >>"$T/checkins.csv"
gen Alex >>"$T/checkins.csv"
mkdir -p "$ATTUNE_DIR"
chmod 700 "$ATTUNE_DIR"
cp "$T/checkins.csv" "$ATTUNE_DIR/checkins.csv"
sc() { attune-screen -q -w "$1" -t "$2" "$3" -a "$4" >/dev/null 2>&1; }
sc Sam 2026-10-05T12:00 epds 1,2,1,2,3,2,1,2,3,4
sc Sam 2026-10-05T12:10 pbq 2,2,3,2,5,5,4,2,2,4,2,3,4,5,5,2,5,6,4,5,4,2,5,6,2
sc Sam 2026-10-26T12:00 phq9 2,2,3,2,1,2,1,1,2
sc Sam 2026-11-16T12:00 gad7 2,2,2,2,1,1,2
attune-screen -q -w Alex -p -t 2026-11-01T12:00 epds -a 2,2,2,2,2,2,2,2,2,4 \
    >/dev/null 2>&1
[ "$(wc -l <"$ATTUNE_DIR/screens.csv")" = 6 ] ||
    fail "the screens were logged" "$(cat "$ATTUNE_DIR/screens.csv")"

## page 1, in the order the issue asks
run attune-report -w Sam --birth 2026-09-21 -f html
cp "$T/out" "$T/sam.html"
check "html: status 0" rc_is 0
line_of() { grep -nF -e "$1" "$T/sam.html" | head -n 1 | cut -d: -f1; }
check "who: the name in the title" out_has "<h1>attune report: Sam</h1>"
check "period and its length" out_has "2026-09-28 to 2026-11-22 (8 weeks)"
check "the baby's age from --birth" \
    out_has "8 weeks on 2026-11-22 (born 2026-09-21)"
check "urgent: crisis lines before the name" \
    [ "$(line_of 'If you are in danger')" -lt "$(line_of '<h1>attune report: Sam')" ]
check "then the reach-out section" \
    [ "$(line_of '<h1>attune report: Sam')" -lt "$(line_of 'Reach out</h2>')" ]
check "then the screens" \
    [ "$(line_of 'Reach out</h2>')" -lt "$(line_of 'Screens over time')" ]
check "then the charts" \
    [ "$(line_of 'Screens over time')" -lt "$(line_of '<svg')" ]
check "then the bonding moments" \
    [ "$(line_of '<svg')" -lt "$(line_of 'Bonding moments')" ]
check "then the days that matter" \
    [ "$(line_of 'Bonding moments')" -lt "$(line_of 'The days that matter')" ]
check "the why list as the summary gives it: the harm flag's day" \
    out_has "A flag for thoughts of harm was logged on 2026-11-17."
run attune-report -w Sam -f html
check "no --birth: no age, nothing guessed" out_lacks "Baby"

## the screens table
for row in "2026-10-05</td><td>EPDS" "2026-10-05</td><td>PBQ" \
    "2026-10-26</td><td>PHQ-9" "2026-11-16</td><td>GAD-7"; do
	check "screen row: $row" grep -qF "$row" "$T/sam.html"
done
check "the total out of its maximum" grep -qF '14 <span class="small">of 30' "$T/sam.html"
check "the band in words" grep -qF "probable depression: worth a proper assessment" "$T/sam.html"
check "subscales with their titles and cut-offs" \
    grep -qF "Impaired bonding <strong>20</strong>" "$T/sam.html"
check "PHQ-9 item 9 in words: Several days" \
    grep -qF "item 9: <strong>Several days, above 0</strong>" "$T/sam.html"
check "EPDS item 10 as points, no wording" \
    grep -qF "item 10: 0 of 3 points" "$T/sam.html"
check "PBQ items 18 and 24 in words" \
    grep -qF "item 18: Never<br>item 24: Never" "$T/sam.html"
check "GAD-7 has no safety item" grep -qF "none asked" "$T/sam.html"
run attune-report -w Alex -f html
check "partner mode marked" out_has 'EPDS<br><span class="small">partner cut-offs'
check "a partner's band by the partner cut-off (15: probable from 11)" out_has "probable depression (partner cut-off)"
check "no crisis lines for Alex, whose log has no harm flag" out_lacks "If you are in danger"

## the charts
svgs() { grep -c '<svg' "$1"; }
check "five charts" [ "$(svgs "$T/sam.html")" = 5 ]
check "sleep, never logged: no data" grep -qF "no data in this period" "$T/sam.html"
check "the 0-10 scale labelled" grep -qF "0 very low to 10 very good" "$T/sam.html"
check "weekly tick labels, dated" grep -qF '>5 Oct</text>' "$T/sam.html"
check "... every Monday" grep -qF '>16 Nov</text>' "$T/sam.html"
# The mood line: one M a stretch of days logged one after another.
mood=$(grep -A20 'aria-label="mood' "$T/sam.html" | grep -o 'd="M[^"]*"' | tail -n 1)
check "a gap where a week has nothing: the line breaks once" \
    [ "$(printf '%s' "$mood" | tr -cd M | wc -c)" = 2 ]
flagdays=$(awk -F, 'NR > 1 && $2 == "Sam" && $9 != "" { print substr($1, 1, 10) }' \
    "$T/checkins.csv" | sort -u | wc -l)
tri=$(grep -A40 'aria-label="mood' "$T/sam.html" | sed '/<\/svg>/q' | grep -o '<title>a flag</title>' | wc -l)
check "a triangle on each flag day ($flagdays)" [ "$tri" = "$flagdays" ]
sq=$(grep -A40 'aria-label="mood' "$T/sam.html" | sed '/<\/svg>/q' | grep -o '<title>a screen</title>' | wc -l)
check "a square on each screen day (3)" [ "$sq" = 3 ]
check "the legend says which shape is which" \
    grep -qF "&#9650; a flag was logged that day. &#9633; a questionnaire" "$T/sam.html"

## the moments, weak comparisons in words
check "every day: said in words, no numbers" \
    grep -qF "<td>feed</td><td class=\"n\">49</td><td colspan=\"2\" class=\"small\">done on nearly every day (49 of 49" "$T/sam.html"
check "two days: too few, in words" \
    grep -qF "<td>bath</td><td class=\"n\">2</td><td colspan=\"2\" class=\"small\">only 2 days with a bond rating: too few" "$T/sam.html"
check "enough on both sides: the two means" \
    grep -qE '<td>skin</td><td class="n">[0-9]+</td><td class="n">[0-9.]+</td><td class="n">[0-9.]+</td>' "$T/sam.html"

## the days that matter, with their notes
check "a flag day with its note, escaped" \
    grep -qF "2026-10-02</strong>: flag panic <q>felt far away &lt;b&gt;today&lt;/b&gt; &amp; tired</q>" "$T/sam.html"
check "a screen day" grep -qF "2026-10-05</strong>: EPDS 14; PBQ 35" "$T/sam.html"
check "no markup from a note" sh -c "! grep -qF '<b>today' '$T/sam.html'"

## print rules
check "A4 by default, 12 mm margins" grep -qF "@page{size:A4;margin:12mm}" "$T/sam.html"
check "tables and charts are not split" grep -qF "table,tr,figure,.crisis,.reach,.keep{break-inside:avoid}" "$T/sam.html"
check "each person starts a page" grep -qF "section.person+section.person{break-before:page}" "$T/sam.html"
check "one self-contained file" sh -c "! grep -Eiq '<script|<link|<img|src=|@import|url\(' '$T/sam.html'"
run attune-report -a --birth 2026-09-21 -f html
cp "$T/out" "$T/both.html"
check "two people: two sections" [ "$(grep -c '<section class="person">' "$T/both.html")" = 2 ]
check "two people: crisis lines first in the file, saying whose" \
    first_line_has "$T/both.html" "<!DOCTYPE html>"
check "... naming Sam" grep -qF "This is for Sam: what was logged suggests reaching out now" "$T/both.html"
check "... before Alex's page" \
    [ "$(grep -nF 'This is for Sam' "$T/both.html" | cut -d: -f1)" -lt "$(grep -nF 'attune report: Alex' "$T/both.html" | cut -d: -f1)" ]

## printed by headless chromium
find_chrome
if [ -z "$CHROME" ]; then
	skip "the HTML prints to PDF" "chromium is not installed (scripts/setup --all)"
	done_testing
	exit 0
fi
if ! command -v node >/dev/null 2>&1; then
	skip "the HTML prints to PDF" "node is not installed (scripts/setup --all)"
	done_testing
	exit 0
fi
for t in pdfinfo pdftoppm pdftotext; do
	if ! command -v "$t" >/dev/null 2>&1; then
		skip "the HTML prints to PDF" "$t is not installed (poppler-utils, scripts/setup --all)"
		done_testing
		exit 0
	fi
done
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
sed 's/@page{size:A4/@page{size:letter/' "$T/sam.html" >"$T/sam-letter.html"
sed 's/@page{size:A4/@page{size:letter/' "$T/both.html" >"$T/both-letter.html"
# All four with one start of the browser (a start is most of the cost):
# each HTML to its PDF as --print-to-pdf would, the browser's messages
# while that page printed in PDF.err; and the two people's page on an A4
# sized screen, as a screenshot and as the DOM after loading.
timeout 120 node "$TOP/tests/pdf/print.mjs" "$CHROME" --window-size=794,1123 \
    "$T/sam.html" "$T/sam.pdf" "$T/sam-letter.html" "$T/sam-letter.pdf" \
    "$T/both.html" "$T/both.pdf" "$T/both-letter.html" "$T/both-letter.pdf" \
    "$T/both.html" "$T/both.png" "$T/both.html" "$T/both-dom.html" \
    >/dev/null 2>"$T/print.err" ||
    fail "the browser printed the four PDFs" "$(cat "$T/print.err")"
check "on screen: the browser made a screenshot" \
    sh -c "[ -s '$T/both.png' ] && head -c 8 '$T/both.png' | grep -q PNG"
for f in both.png both-dom.html; do
	check "on screen ($f): no console errors" \
	    sh -c "[ -f '$T/$f.err' ] && ! grep -Eq 'Uncaught|ERROR:CONSOLE|CONSOLE\(' '$T/$f.err'"
done
check "on screen: the browser renders the report, the crisis lines and the charts" \
    sh -c "grep -q 'Please reach out now' '$T/both-dom.html' && [ \$(grep -c '<svg' '$T/both-dom.html') -ge 5 ]"
check "A4: the paper is A4" sh -c "pdfinfo '$T/sam.pdf' | grep -q 'Page size:.*(A4)'"
check "Letter: the paper is Letter" sh -c "pdfinfo '$T/sam-letter.pdf' | grep -q 'Page size:.*(letter)'"
check "A4: eight weeks on at most 2 pages" [ "$(pages "$T/sam.pdf")" -le 2 ]
check "Letter: eight weeks on at most 2 pages" [ "$(pages "$T/sam-letter.pdf")" -le 2 ]
check "A4, two people: at most 4 pages" [ "$(pages "$T/both.pdf")" -le 4 ]
check "Letter, two people: at most 4 pages" [ "$(pages "$T/both-letter.pdf")" -le 4 ]
for f in sam sam-letter both both-letter; do
	check "$f: no console errors" sh -c "! grep -Eq 'Uncaught|ERROR:CONSOLE|CONSOLE\(' '$T/$f.pdf.err'"
done
pdftotext -layout "$T/sam.pdf" "$T/sam.txt"
pdftotext -layout -f 1 -l 1 "$T/sam.pdf" "$T/p1.txt"
check "page 1 text: the name" grep -qF "attune report: Sam" "$T/p1.txt"
check "page 1 text: the period" grep -qF "2026-09-28 to 2026-11-22 (8 weeks)" "$T/p1.txt"
check "page 1 text: the baby's age" grep -qF "8 weeks on 2026-11-22" "$T/p1.txt"
check "page 1 text: crisis lines" grep -qF "Samaritans" "$T/p1.txt"
for row in "2026-10-05 +EPDS" "2026-10-05 +PBQ" "2026-10-26 +PHQ-9" "2026-11-16 +GAD-7"; do
	check "page 1 text: the screen $row" grep -qE "$row" "$T/p1.txt"
done
check "the text layer has the days that matter" grep -qF "The days that matter" "$T/sam.txt"
# No table split across pages: each table's rows are on one page.
for n in 1 2; do
	pdftotext -layout -f "$n" -l "$n" "$T/sam-letter.pdf" "$T/l$n.txt"
done
rows_on() { grep -cE '^ *(skin|feed|bath) ' "$1"; }
check "Letter: the moments table is on one page" \
    sh -c "[ $(rows_on "$T/l1.txt") = 3 ] || [ $(rows_on "$T/l2.txt") = 3 ]"
screens_on() { grep -cE '^ *2026-1[01]-[0-9]+ +(EPDS|PBQ|PHQ-9|GAD-7) ' "$1"; }
check "Letter: the screens table is on one page" \
    sh -c "[ $(screens_on "$T/l1.txt") = 4 ] || [ $(screens_on "$T/l2.txt") = 4 ]"
pdftotext -layout -f 3 -l 3 "$T/both.pdf" "$T/b3.txt"
check "two people: the second starts a page of their own" \
    grep -qF "attune report: Sam" "$T/b3.txt"
pdftoppm -r 60 -f 1 -l 1 -png "$T/sam.pdf" "$T/page"
check "page 1 as PNG" sh -c "head -c 8 '$T/page-1.png' | grep -q PNG"
check "... not blank" [ "$(wc -c <"$T/page-1.png")" -gt 20000 ]
# Stopped as timeout stops it, with the browser up, print.mjs stops the
# browser and all it started and leaves nothing in TMPDIR.  The page
# never ends loading, so the stop always comes first; it comes as soon
# as the first page's .err is written, just before that page is loaded.
mkdir -p "$T/tmp"
printf '<p>never loads<script>for (;;);</script>\n' >"$T/spin.html"
TMPDIR=$T/tmp node "$TOP/tests/pdf/print.mjs" "$CHROME" \
    "$T/spin.html" "$T/spin.pdf" >/dev/null 2>"$T/spin.out" &
i=0
while [ ! -e "$T/spin.pdf.err" ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
# The browser, up by now (its process group, below print.mjs), runs no
# less nice than this section: none of its threads has a lower nice value.
bpg=$(ps -o pid= --ppid $! | head -n 1 | tr -d ' ')
ps -eLo pgid=,ni=,comm= | awk -v g="$bpg" '$1 == g' >"$T/browser-ni"
check "the browser's threads are as nice as the test (nice $(nice)) or nicer" \
    awk -v n="$(nice)" '$2 < n { bad = 1 } END { exit bad || !NR }' \
    "$T/browser-ni"
kill -TERM $!
wait $!
rc=$?
check "TERM: print.mjs ends 143 (128 + TERM)" rc_is 143
check "and says why" grep -qx "print.mjs: stopped by SIGTERM" "$T/spin.out"
check "and leaves nothing in TMPDIR" [ -z "$(ls -A "$T/tmp")" ]
ps -eo args >"$T/ps"	# to a file first, or grep would find itself
check "nor a browser running" sh -c \
    "! grep -qF -- '--user-data-dir=$T/tmp/' '$T/ps'"
done_testing

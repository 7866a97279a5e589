#!/bin/sh
# The shipped tips as a midwife would read them: safe for a sleeping baby,
# carriers with their checks, every tip sourced and reachable from a
# signal, words that read right everywhere, no phone numbers, topics that
# share/topics.csv knows.  The checks live in one awk program (lint), run
# on the shipped files and then on broken copies, so each check is shown to
# catch what it is for.
. "$TOP/tests/lib.sh"

TIPS=$TOP/share/tips.csv
TOPICS=$TOP/share/topics.csv

cat >"$T/lint.awk" <<'AWK'
# lint.awk TOPICS TIPS: one line "CHECK<tab>ID<tab>what" for each problem.
# The CSV is read by the splitter below (RFC 4180: quotes, doubled quotes,
# line breaks inside quotes), so no other tool is needed.
function quotes(s,    t) { t = s; return gsub(/"/, "", t) }
# Read one record of FILE into REC; 0 at the end.
function readrec(file,    line, got) {
	got = 0
	REC = ""
	while ((getline line < file) > 0) {
		sub(/\r$/, "", line)
		REC = got ? REC "\n" line : line
		got = 1
		if (quotes(REC) % 2 == 0)
			return 1
	}
	if (got)
		bad("csv", file, "a quote is never closed")
	return got
}
# Split REC into F[1..n]; n.  Outside quotes a comma ends a field and a
# quote begins quoting; inside, a doubled quote is one quote and a single
# one ends the quoting.  It goes from quote or comma to the next (match
# and index), not a character at a time, as the file is read many times.
function csvsplit(s, F,    n, fld, p) {
	n = 0; fld = ""
	for (;;) {
		if (!(p = match(s, /[",]/))) {	# outside quotes
			fld = fld s
			break
		}
		fld = fld substr(s, 1, p - 1)
		if (substr(s, p, 1) == ",") {
			F[++n] = fld
			fld = ""
			s = substr(s, p + 1)
			continue
		}
		s = substr(s, p + 1)
		for (;;) {		# inside quotes
			if (!(p = index(s, "\""))) {
				fld = fld s
				s = ""
				break
			}
			fld = fld substr(s, 1, p - 1)
			if (substr(s, p + 1, 1) != "\"") {
				s = substr(s, p + 1)
				break
			}
			fld = fld "\""
			s = substr(s, p + 2)
		}
	}
	F[++n] = fld
	return n
}
function bad(check, id, what) { printf "%s\t%s\t%s\n", check, id, what }
# csvopen(FILE, HEADER, TAG): FILE's first record is HEADER, or it is
# reported under TAG; 0 when FILE cannot be read or is empty.
function csvopen(file, header, tag) {
	LN[file] = 1
	if (!readrec(file)) {
		bad(tag, file, "cannot be read or is empty")
		return 0
	}
	if (REC != header)
		bad(tag, "header", "is '" REC "'")
	return 1
}
# csvrow(FILE, N, TAG): the next record of FILE with N fields, split into
# F; 0 at the end.  Empty lines are passed over; a record with another
# number of fields is reported under TAG, by its line, and passed over.
function csvrow(file, n, tag,    got) {
	while (readrec(file)) {
		LN[file]++
		if (REC == "")
			continue
		if ((got = csvsplit(REC, F)) == n)
			return 1
		bad(tag, "line " LN[file], "has " got " fields, not " n)
	}
	return 0
}
function has(list, word,    a, n, i) {
	n = split(list, a, ";")
	for (i = 1; i <= n; i++)
		if (a[i] == word)
			return 1
	return 0
}
# Text as words between single spaces, for whole-word matching.
function words(s) {
	s = " " tolower(s) " "
	gsub(/[^a-z0-9&]+/, " ", s)
	return s
}
BEGIN {
	topicsfile = ARGV[1]
	tipsfile = ARGV[2]
	ARGV[1] = ARGV[2] = ""
	nsig = split("bond-low numb-high anxiety-high mood-low sleep-low " \
	    "intrusive panic rage cant-cope cant-care harm " \
	    "depression-screen anxiety-screen bonding-screen rejection-screen " \
	    "infant-anxiety-screen lasting hard-stretch worse concerns " \
	    "partner older-child start", sig, " ")
	for (i = 1; i <= nsig; i++)
		issig[sig[i]] = 1

	# --- topics.csv: topic,about,aliases,shown
	if (!csvopen(topicsfile, "topic,about,aliases,shown", "topics-file"))
		exit
	while (csvrow(topicsfile, 4, "topics-file")) {
		t = F[1]
		if (t !~ /^[a-z][a-z0-9-]*$/)
			bad("topics-file", t, "is not a topic name")
		if (t in topic)
			bad("topics-file", t, "is listed twice")
		if (F[2] == "")
			bad("topics-file", t, "has no about line")
		if (F[4] != "chosen" && F[4] != "asked")
			bad("topics-file", t, "shown '" F[4] "' is not chosen or asked")
		topic[t] = F[4]
		ntopic++
		na = split(F[3], a, ";")
		for (i = 1; i <= na; i++) {
			if (a[i] !~ /^[a-z][a-z0-9-]*$/)
				bad("topics-file", t, "alias '" a[i] "' is not a name")
			if (a[i] in alias)
				bad("topics-file", t, "alias '" a[i] "' is used twice")
			alias[a[i]] = t
		}
	}
	for (a1 in alias)
		if (a1 in topic)
			bad("topics-file", a1, "is both a topic and an alias")
	if (topic["faith"] != "asked")
		bad("topics-file", "faith", "must be shown only when asked for")

	# --- tips.csv
	if (!csvopen(tipsfile, "id,topic,title,text,source,who,fits", "header"))
		exit
	while (csvrow(tipsfile, 7, "fields")) {
		n++
		if (dump != "")
			print F[1] "\t" F[2] "\t" F[3] "\t" F[4] "\t" F[5] "\t" F[6] "\t" F[7] > dump
		id = F[1]; tp = F[2]; title = F[3]; text = F[4]
		src = F[5]; who = F[6]; fits = F[7]
		if (id !~ /^[a-z0-9]+(-[a-z0-9]+)*$/)
			bad("id-form", id, "is not lowercase words and hyphens")
		if (id in seen)
			bad("id-dup", id, "is used twice")
		seen[id] = 1
		if (!(tp in topic))
			bad("topic-unknown", id, "topic '" tp "' is not in topics.csv")
		used[tp]++
		if (who != "any" && who != "birthing" && who != "partner")
			bad("who", id, "who '" who "'")

		# Sources: seed:000..seed:004, or short plain names.
		if (src == "")
			bad("source", id, "has no source")
		ns = split(src, s, ";")
		for (i = 1; i <= ns; i++)
			if (s[i] !~ /^seed:00[0-4]$/ && s[i] !~ /^[A-Z][A-Za-z0-9 .&'-]*$/)
				bad("source", id, "source '" s[i] "'")

		# Signals.
		if (fits == "" && topic[tp] != "asked")
			bad("fits-empty", id, "no signal can choose it")
		nf = split(fits, f, ";")
		for (i = 1; i <= nf; i++) {
			if (!(f[i] in issig))
				bad("fits-word", id, "'" f[i] "' is not a signal")
			fit[f[i]]++
			pair[f[i], tp] = 1
			if (f[i] == "bond-low" && !((tp, "bond") in spread)) {
				spread[tp, "bond"] = 1
				bondtopics++
			}
		}
		if (who == "partner" && !has(fits, "partner"))
			bad("partner-fit", id, "is for partners but not tagged partner")
		if (tp == "older-child" && !has(fits, "older-child"))
			bad("older-child-fit", id, "is not tagged older-child")
		if (has(fits, "sleep-low") && tp !~ /^(self-care|support|hormones|baby-blues)$/)
			bad("sleep-topic", id, "sleep-low chooses it from " tp)

		# Safety: holding close, skin, chest, lying, carriers.
		lt = tolower(title " " text)
		w = words(title " " text)
		carrier = lt ~ /sling|carrier|babywear/
		hold = lt ~ /chest|skin-to-skin|skin to skin|skin contact|bare skin|against you|cuddl|snuggl|nestl|in(to)? your arms|on your lap|upright on you|rests? on you|resting on you|close to you|(hold|holding|keep|keeping) (them|your baby|the baby|him|her) close|lie back|lying back|reclin/
		if (lt ~ /(lie|lying|lay|laying) (down|back) (with|on|together)|lie down|lying down|lie back|lying back|on the (sofa|couch|bed)|(in|on) (the|your|a) bed with|settle together on/ ||
		    (hold && lt ~ /sofa|couch|armchair| bed[ .,;]/))
			bad("lying", id, "has the parent lying down or on a sofa or bed with the baby")
		if (hold && lt ~ /blanket|duvet|pillow over|cover(ed)? (you|them|their face)/)
			bad("blanket", id, "puts something over the baby")
		if (carrier) {
			if (lt !~ /t\.i\.c\.k\.s|ticks/ || lt !~ /tight/ || lt !~ /in view/ ||
			    lt !~ /close enough to kiss/ || lt !~ /chin off/ ||
			    lt !~ /back (is )?supported|supported back/)
				bad("ticks", id, "a sling or carrier without the T.I.C.K.S. checks")
		} else if (hold) {
			if (lt !~ /awake/)
				bad("hold-safety", id, "does not say the parent is awake")
			if (lt !~ /face/ || lt !~ /visible|clear|uncovered/)
				bad("hold-safety", id, "does not say the baby's face is visible")
			if (lt !~ /drows/ || lt !~ /on their back/ || lt !~ /own cot/)
				bad("hold-safety", id, "does not say: drowsy, then on their back in their own cot")
			if (lt ~ /reclin/ && lt !~ /someone else/)
				bad("hold-safety", id, "reclined without someone else awake")
		}
		if ((hold || carrier || lt ~ /lie |lying /) && has(fits, "sleep-low"))
			bad("hold-sleep", id, "holds the baby close yet low sleep chooses it")

		# Words for everyone: a UK word needs its pair beside it.
		if (w ~ / (nappy|nappies) / && w !~ / diapers? /) bad("uk-words", id, "nappy without diaper")
		if (w ~ / health visitors? / && w !~ / nurses? /) bad("uk-words", id, "health visitor without nurse")
		if (w ~ / gps? / && w !~ / family doctors? /) bad("uk-words", id, "GP without family doctor")
		if (w ~ / cots? / && w !~ / cribs? /) bad("uk-words", id, "cot without crib")
		if (w ~ / vests? / && w !~ / onesies? /) bad("uk-words", id, "vest without onesie")
		if (w ~ / sofas? / && w !~ / couch(es)? /) bad("uk-words", id, "sofa without couch")
		if (w ~ / prams? | pushchairs? / && w !~ / strollers? /) bad("uk-words", id, "pram without stroller")
		if (w ~ / mums? | mummy / && w !~ / moms? /) bad("uk-words", id, "mum without mom")
		if (w ~ / poppers / && w !~ / snaps /) bad("uk-words", id, "poppers without snaps")
		if (w ~ / bins? / && w !~ / trash /) bad("uk-words", id, "bins without trash")
		if (w ~ / washing / && w !~ / laundry /) bad("uk-words", id, "washing without laundry")
		if (w ~ / a&e / && w !~ / emergency /) bad("uk-words", id, "A&E without emergency")

		# Numbers come from lib/crisis.c only: no phone-like digits.
		if ((title " " text) ~ /[0-9][0-9][0-9]|[0-9][ -.][0-9]|\+[0-9]|[0-9]-[A-Za-z]/)
			bad("digits", id, "has phone-number-like digits")

		if (id == "reach-out-today") {
			rot = 1
			if (tp != "reaching-out")
				bad("reach-out-today", id, "is not in reaching-out")
			nr = split("harm lasting hard-stretch worse depression-screen anxiety-screen", r, " ")
			for (i = 1; i <= nr; i++)
				if (!has(fits, r[i]))
					bad("reach-out-today", id, "is not tagged " r[i])
			if (lt !~ /today/ || lt !~ /midwife, health visitor, doctor or nurse/ ||
			    lt !~ /crisis lines/ || lt !~ /above/)
				bad("reach-out-today", id, "does not say: today, who, and the crisis lines above")
		}
		if (has(fits, "rage") && has(fits, "cant-cope") && lt ~ /never shake/ &&
		    lt ~ /down safely/ && lt ~ /on their back/ && lt ~ /step/)
			stepaway = 1
		if (tp == "warning-signs" && lt ~ /psychosis/ && lt ~ /confus/ &&
		    lt ~ /sleep/ && lt ~ /strange/ && lt ~ /same day/ &&
		    lt ~ /urgent|emergency/ && has(fits, "harm"))
			psychosis = 1
		if (tp == "baby-blues" && lt ~ /two weeks/ && lt ~ /depression/ &&
		    lt ~ /first (few )?days/)
			blues = 1
	}

	if (n < 130)
		bad("count", "tips", n " tips, fewer than 130")
	if (ntopic < 22)
		bad("topics-count", "topics", ntopic " topics, fewer than 22")
	for (t in used)
		ntipt++
	if (ntipt < 22)
		bad("topics-count", "tips", "tips on " ntipt " topics, fewer than 22")
	for (t in topic)
		if (!used[t])
			bad("topic-empty", t, "is in topics.csv but has no tips")
	if (bondtopics < 3)
		bad("bond-spread", "bond-low", "chooses from " bondtopics " topics, fewer than 3")
	for (i = 1; i <= nsig; i++)
		if (!fit[sig[i]])
			bad("signal-unused", sig[i], "no tip is tagged with it")
	# What each signal must draw on.
	nm = split("bond-low:closeness bond-low:senses bond-low:voice " \
	    "bond-low:touch bond-low:carrying numb-high:numbness " \
	    "numb-high:touch numb-high:dissociation anxiety-high:grounding " \
	    "panic:grounding sleep-low:self-care sleep-low:support " \
	    "mood-low:support mood-low:self-care mood-low:guilt " \
	    "mood-low:baby-blues mood-low:treatment " \
	    "depression-screen:reaching-out depression-screen:treatment " \
	    "anxiety-screen:reaching-out anxiety-screen:treatment " \
	    "anxiety-screen:grounding rage:anger cant-cope:anger " \
	    "cant-care:dissociation cant-care:reaching-out " \
	    "cant-care:birth-trauma intrusive:dissociation " \
	    "intrusive:reaching-out intrusive:birth-trauma " \
	    "harm:reaching-out harm:warning-signs worse:warning-signs " \
	    "bonding-screen:pressure rejection-screen:anger " \
	    "rejection-screen:treatment infant-anxiety-screen:grounding " \
	    "lasting:reaching-out concerns:reaching-out " \
	    "hard-stretch:reaching-out hard-stretch:support", m, " ")
	for (i = 1; i <= nm; i++) {
		split(m[i], p, ":")
		if (!((p[1], p[2]) in pair))
			bad("mapping", m[i], "no " p[2] " tip is tagged " p[1])
	}
	if (!rot)
		bad("reach-out-today", "reach-out-today", "is missing")
	if (!stepaway)
		bad("step-away", "rage;cant-cope", "no tip says to put the baby down safely, step away, never shake")
	if (!psychosis)
		bad("warning-signs", "warning-signs", "no tip gives the postpartum psychosis signs")
	if (!blues)
		bad("baby-blues", "baby-blues", "no tip tells the blues from depression by timing")
	printf "total\t%d\t%d\n", n, ntopic > "/dev/stderr"
}
AWK

# lint TIPS [TOPICS]: the problems into $T/lint, the counts into $T/count.
lint() { awk -f "$T/lint.awk" "${2:-$TOPICS}" "$1" >"$T/lint" 2>"$T/count"; }
clean() { ! grep -q "^$1	" "$T/lint"; }
caught() { grep -q "^$1	" "$T/lint"; }
show() { grep "^$1	" "$T/lint" | head -n 5 | sed 's/^/#   /'; }

# --- the shipped files ------------------------------------------------

lint "$TIPS"
set -- $(cut -f2,3 "$T/count")
check "share/tips.csv holds at least 130 tips (${1:-0})" [ "${1:-0}" -ge 130 ]
check "share/topics.csv holds at least 22 topics (${2:-0})" [ "${2:-0}" -ge 22 ]
for c in header fields csv topics-file id-form id-dup topic-unknown topic-empty \
    who source fits-empty fits-word partner-fit older-child-fit sleep-topic \
    lying blanket ticks hold-safety hold-sleep uk-words digits count \
    topics-count bond-spread signal-unused mapping reach-out-today \
    step-away warning-signs baby-blues; do
	check "tips content: $c" clean "$c"
	clean "$c" || show "$c"
done
check "the lint found nothing at all" [ ! -s "$T/lint" ]

# The topics of tips.csv and topics.csv agree both ways, and the old ones
# are still there.
for t in closeness senses voice touch carrying responsiveness rituals \
    pressure guilt self-care support grounding numbness birth-trauma \
    feeding partner older-child faith reaching-out baby-blues history \
    hormones dissociation anger treatment pregnancy warning-signs; do
	check "topic $t is in topics.csv and has tips" \
	    sh -c "grep -q '^$t,' '$TOPICS' && grep -q '^[^,]*,$t,' '$TIPS'"
done

# attune-tips(1) lists every topic with its about line, and every signal.
MAN=$TOP/man/attune-tips.1
sed -n '/^\.Sh TOPICS/,/^\.Sh SIGNALS/p' "$MAN" >"$T/man-topics"
sed -n '/^\.Sh SIGNALS/,/^\.Sh SAFETY OF TIPS/p' "$MAN" >"$T/man-signals"
sed -n '/^\.Sh SAFETY OF TIPS/,/^\.Sh ENVIRONMENT/p' "$MAN" >"$T/man-safety"
missing=
for t in $(sed 1d "$TOPICS" | cut -d, -f1); do
	grep -qx ".It Cm $t" "$T/man-topics" || missing="$missing $t"
done
check "attune-tips(1) TOPICS names every topic (${missing:-all there})" [ -z "$missing" ]
# The about lines, read with the same splitter, one a line.
{ sed -n '/^function csvsplit/,/^}/p' "$T/lint.awk"
  echo 'NR > 1 { csvsplit($0, F); print F[2] "." }'; } >"$T/about.awk"
awk -f "$T/about.awk" "$TOPICS" >"$T/about"
missing=$(grep -vxF -f "$T/man-topics" "$T/about" | head -n 3 | tr '\n' ' ')
check "attune-tips(1) TOPICS gives each about line (${missing:-all there})" [ -z "$missing" ]
missing=
for s in bond-low numb-high anxiety-high mood-low sleep-low intrusive panic \
    rage cant-cope cant-care harm depression-screen anxiety-screen \
    bonding-screen rejection-screen infant-anxiety-screen lasting \
    hard-stretch worse concerns partner older-child start; do
	grep -q "^\.It Cm.* $s\( \|$\)" "$T/man-signals" || missing="$missing $s"
done
check "attune-tips(1) SIGNALS explains every signal (${missing:-all there})" [ -z "$missing" ]
for w in "awake" "face visible" "on their back in their own cot or crib" \
    "T.I.C.K.S." "never be shaken" "postpartum psychosis" "same day"; do
	check "attune-tips(1) SAFETY OF TIPS says '$w'" grep -qF "$w" "$T/man-safety"
done

# With mlr at hand, it reads every field of every tip as the awk splitter
# does.
if command -v mlr >/dev/null 2>&1; then
	mlr --icsv --otsv cat "$TIPS" | sed 1d >"$T/mlr"
	awk -v dump="$T/awk" -f "$T/lint.awk" "$TOPICS" "$TIPS" >/dev/null 2>&1
	check "mlr and the awk splitter read every field alike" same "$T/mlr" "$T/awk"
	mlr --icsv --ojson cat "$TOPICS" >/dev/null 2>"$T/err"
	check "mlr reads share/topics.csv" err_empty
else
	skip "mlr reads the files as the awk splitter does" "mlr is not installed"
fi

# The seed articles sit beside the repository (../shared), or beside the
# folder of worktrees a checkout may live in (../../shared).
so=
for d in "$TOP/../shared" "$TOP/../../shared"; do
	[ -x "$d/tools/seed-overlap" ] && { so=$d/tools/seed-overlap; break; }
done
if [ -n "$so" ]; then
	run "$so" "$TOP/share"
	check "seed-overlap finds nothing in share/" rc_is 0
	[ "$rc" = 0 ] || head -n 5 "$T/out" | sed 's/^/#   /'
else
	skip "seed-overlap finds nothing in share/" "../shared/tools/seed-overlap is not here"
fi

# --- every check catches what it is for -------------------------------

B=$T/broken.csv
# mutate CHECK WHAT SED-SCRIPT: a copy of tips.csv changed by SED-SCRIPT
# must be caught by CHECK.
mutate() {
	sed -e "$3" "$TIPS" >"$B"
	if cmp -s "$B" "$TIPS"; then
		fail "a broken copy ($2) differs from the shipped file" "sed: $3"
		return
	fi
	lint "$B"
	check "lint catches $2 ($1)" caught "$1"
}
# edit [id=ERE] [topic=ERE] field=N from=ERE to=TEXT: the rows of
# tips.csv whose id and topic match, with FROM replaced by TO in field N
# (1 id ... 4 text ... 7 fits); every other row exactly as it was.
cat >"$T/edit.awk" <<'AWK'
function quotes(s,    t) { t = s; return gsub(/"/, "", t) }
function q(s) { if (s ~ /[",\n]/) { gsub(/"/, "\"\"", s); s = "\"" s "\"" } return s }
{
	rec = rec == "" ? $0 : rec "\n" $0
	if (quotes(rec) % 2) next
	n = csvsplit(rec, F)
	if (FNR > 1 && F[1] ~ id && F[2] ~ topic && F[2] !~ nottopic &&
	    gsub(from, to, F[field])) {
		out = q(F[1])
		for (i = 2; i <= n; i++) out = out "," q(F[i])
		print out
	} else
		print rec
	rec = ""
}
AWK
sed -n '/^function csvsplit/,/^}/p' "$T/lint.awk" >>"$T/edit.awk"
# mutate_row CHECK WHAT AWK-ASSIGNMENTS…: the shipped tips edited so, caught
# by CHECK.
mutate_row() {
	_c=$1 _w=$2
	shift 2
	awk -v id=. -v topic=. -v 'nottopic=^$' "$@" -f "$T/edit.awk" "$TIPS" >"$B"
	if cmp -s "$B" "$TIPS"; then
		fail "a broken copy ($_w) differs from the shipped file" "edit: $*"
		return
	fi
	lint "$B"
	check "lint catches $_w ($_c)" caught "$_c"
}
# set_text CHECK WHAT ID TEXT, set_fits CHECK WHAT ID FITS: one tip's text
# or fits replaced.
set_text() { mutate_row "$1" "$2" -v "id=^$3\$" -v field=4 -v 'from=^.*$' -v "to=$4"; }
set_fits() { mutate_row "$1" "$2" -v "id=^$3\$" -v field=7 -v 'from=^.*$' -v "to=$4"; }

mutate header "a changed header" '1s/fits$/fit/'
mutate fields "a row with 6 fields" '$a\
short-row,closeness,T,X,seed:000,any'
mutate csv "a quote never closed" '$a\
open-quote,closeness,T,"never closed,seed:000,any,start'
mutate id-dup "an id used twice" '$a\
skin-one-minute,closeness,Twice,"Again. And again.",seed:000,any,start'
mutate id-form "an id with capitals" 's/^skin-one-minute,/Skin One,/'
mutate topic-unknown "a topic not in topics.csv" 's/^skin-one-minute,closeness,/skin-one-minute,walks,/'
mutate_row who "an unknown who" -v 'id=^coo-back$' -v field=6 -v from=any -v to=someone
mutate_row source "a tip with no source" -v 'id=^coo-back$' -v field=5 -v 'from=^.*$' -v to=
mutate_row source "a malformed seed source" -v 'id=^coo-back$' -v field=5 -v 'from=^.*$' -v to=seed:9
mutate_row source "a source name in lowercase" -v 'id=^coo-back$' -v field=5 -v 'from=^.*$' -v 'to=seed:000;nhs'
set_fits fits-empty "a tip no signal chooses" coo-back ''
set_fits fits-word "an old signal word" coo-back 'start;screen-high'
set_fits partner-fit "a partner tip not tagged partner" partner-talk-time bond-low
set_fits older-child-fit "an older-child tip not tagged" older-child-helper start
set_fits sleep-topic "low sleep choosing a voice tip" sing-one-song 'start;sleep-low'
set_text lying "the old sofa tip" settle-together \
    'Lie back with your baby on your chest and let your breathing slow. Stay as long as it feels okay.'
set_text lying "a bed shared with the baby" hum-when-flat \
    'Hum softly. Settle in the bed with your baby, and rest.'
set_text lying "holding close on a couch" cuddle-no-goal \
    'Cuddle your baby on the couch for five minutes, awake, their face visible. If drowsy, lay them on their back in their own cot/crib.'
set_text blanket "a blanket over you both" skin-one-minute \
    'Undress your baby down to their nappy/diaper and hold them against your bare chest for one minute, with a blanket over you both. Stay awake with their face visible; if drowsy, put them on their back in their own cot/crib.'
set_text hold-safety "skin-to-skin without the safety words" skin-daily-slot \
    'Pick one regular moment for a few minutes of skin-to-skin. It releases oxytocin.'
set_text hold-safety "skin-to-skin awake, face clear, but no cot" skin-daily-slot \
    'Pick one moment for skin-to-skin, sitting up and awake with their face visible. It releases oxytocin.'
set_text hold-safety "holding close without the safety words" hum-when-flat \
    'Hold your baby close and hum. A minute is plenty.'
set_text hold-safety "reclining with nobody else awake" cheek-on-collarbone \
    'Recline with your baby on your chest, awake, their face visible. If drowsy, lay them on their back in their own cot/crib.'
set_fits hold-sleep "a chest tip tagged sleep-low" skin-one-minute 'start;sleep-low'
set_text ticks "a carrier tip without T.I.C.K.S." sling-short-walk \
    'Put your baby in a sling and walk round the block. Ten minutes is plenty.'
set_text ticks "a carrier tip with T.I.C.K.S. but no chin check" sling-short-walk \
    'Put your baby in a sling. Check T.I.C.K.S.: tight, in view at all times, close enough to kiss, supported back.'
mutate uk-words "nappy without diaper" 's|nappy/diaper|nappy|'
set_text uk-words "cot without crib" listen-to-breathing \
    'Sit beside your baby while they sleep in their cot. Listen to them breathe.'
mutate uk-words "GP alone" 's/doctor or nurse/GP/'
mutate uk-words "sofa without couch" 's|sofa/couch|sofa|'
mutate uk-words "health visitor without nurse" 's/health visitor, doctor or nurse/health visitor/'
mutate uk-words "a vest without onesie" 's|vest/onesie|vest|'
mutate digits "a phone number in a tip" 's/crisis lines listed above/crisis lines such as 988/'
mutate digits "a spaced phone number" 's/crisis lines listed above/Samaritans on 116 123/'
mutate count "too few tips" '101,$d'
mutate topics-count "too few topics in the tips" '/,\(closeness\|senses\|voice\|touch\|carrying\|rituals\),/d'
mutate topic-empty "a topic left with no tips" '/,faith,/d'
mutate_row bond-spread "bond-low on two topics only" -v 'nottopic=^(closeness|senses)$' \
    -v field=7 -v 'from=(^|;)bond-low' -v to=
mutate_row signal-unused "a signal no tip uses" -v field=7 -v 'from=(^|;)panic' -v to=
mutate_row mapping "low sleep without support tips" -v 'topic=^support$' \
    -v field=7 -v 'from=(^|;)sleep-low' -v to=
mutate_row mapping "rage without anger tips" -v 'topic=^anger$' \
    -v field=7 -v 'from=(^|;)rage' -v to=
mutate reach-out-today "no reach-out-today tip" '/^reach-out-today,/d'
set_fits reach-out-today "reach-out-today missing a signal" reach-out-today 'harm;lasting'
mutate step-away "no step-away tip" '/^step-away-safely,/d'
mutate_row step-away "a step-away tip without never shake" -v 'id=^step-away-safely$' \
    -v field=4 -v 'from=Never shake a baby' -v to='Be gentle'
mutate warning-signs "no psychosis signs" '/^psychosis-signs,/d'
mutate baby-blues "no blues-or-depression tip" '/^blues-or-depression,/d'

# topics.csv broken.
BT=$T/broken-topics.csv
tmut() {
	sed -e "$3" "$TOPICS" >"$BT"
	lint "$TIPS" "$BT"
	check "lint catches $2 ($1)" caught "$1"
}
tmut topics-file "a bad shown word" '/^closeness,/s/,chosen$/,sometimes/'
tmut topics-file "an alias used twice" '/^senses,/s/,look;/,cuddle;/'
tmut topics-file "an alias that is a topic name" '/^senses,/s/,look;/,voice;/'
tmut topics-file "faith pushed on people" '/^faith,/s/,asked$/,chosen/'
tmut fits-empty "faith chosen, yet its tips have no signal" '/^faith,/s/,asked$/,chosen/'
tmut topic-unknown "a topic missing from topics.csv" '/^anger,/d'
tmut topic-empty "a topic with no tips" '$a\
walks,walking together,walk,chosen'
tmut topics-count "too few topics listed" '/^[a-f]/d'

done_testing

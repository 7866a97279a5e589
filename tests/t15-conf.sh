#!/bin/sh
# attune.conf: region and who from the data directory's settings file in
# every command, below options and the environment; --dir's own file; a
# typo warned about with the file and line, after any crisis lines.
. "$TOP/tests/lib.sh"


CONF=$ATTUNE_DIR/attune.conf
mkdir -p "$ATTUNE_DIR"
chmod 700 "$ATTUNE_DIR"
printf '# household settings\nregion = gb\nwho = Sam\n' >"$CONF"

run attune-checkin -m 5 --dry-run
check "checkin: who comes from attune.conf" out_has ",Sam,5,"
check "checkin: quietly" err_empty
ATTUNE_WHO=Alex run attune-checkin -m 5 --dry-run
check "checkin: ATTUNE_WHO wins over attune.conf" out_has ",Alex,5,"
ATTUNE_WHO=Alex run attune-checkin -m 5 --dry-run -w Kim
check "checkin: --who wins over both" out_has ",Kim,5,"

run attune-checkin -m 2 -f harm --dry-run
check "harm: the region from attune.conf" err_has "  GB  Samaritans: 116 123 (24/7)"
check "harm: only that region" err_lacks "  US  "
ATTUNE_REGION=nz run attune-checkin -m 2 -f harm --dry-run
check "harm: ATTUNE_REGION wins over attune.conf" err_has "  NZ  Need to Talk?"
check "harm: and attune.conf's is not used" err_lacks "  GB  "
run attune-checkin -m 2 -f harm --dry-run -r us
check "harm: --region wins" err_has "  US  988"
printf 'region = all\n' >"$CONF"
LC_ALL= LANG=en_GB.UTF-8 run attune-checkin -m 2 -f harm --dry-run
check "region = all shows every region, whatever the locale" err_has "  NZ  "
printf '# nothing set\n' >"$CONF"
LC_ALL= LANG=en_IE.UTF-8 run attune-checkin -m 2 -f harm --dry-run
check "without a region setting the locale still counts" err_has "  IE  Samaritans"
check "without a region setting: only the locale's" err_lacks "  GB  "

# -r GB with a bad region in attune.conf: GB's lines, and the bad one
# warned about.  The two once shared one buffer, and -r GB read "ZZ".
mkdir -p "$T/zz"
printf 'region = zz\n' >"$T/zz/attune.conf"
printf '%s\n%s\n' timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note \
    "2026-11-20T09:00:00+00:00,me,5,,,,,,harm," >"$T/zz/checkins.csv"
for args in "attune-checkin -m 2 -f harm --dry-run" \
    "attune-screen --dry-run -a 1,1,1,1,1,1,1,1,2 phq9" \
    "attune-report" "attune-report -f csv" "attune-tips"; do
	run $args -d "$T/zz" -r GB
	check "-r GB, region = zz in attune.conf, $args: GB's lines" \
	    sh -c 'grep -qF "  GB  Samaritans: 116 123 (24/7)" "$1" "$2"' - "$T/out" "$T/err"
	check "-r GB, region = zz in attune.conf, $args: no other's" \
	    sh -c '! grep -qE "no crisis lines|  US  " "$1" "$2"' - "$T/out" "$T/err"
	check "-r GB, region = zz in attune.conf, $args: zz warned about" \
	    err_has "attune.conf:1: region 'zz' is not a two-letter country code"
done

# A second data directory, given by --dir, has its own settings.
mkdir -p "$T/other"
printf 'who = Robin\nregion = au\n' >"$T/other/attune.conf"
run attune-checkin -d "$T/other" -m 5 -f harm --dry-run
check "--dir: its attune.conf is the one read" out_has ",Robin,5,"
check "--dir: its region too" err_has "  AU  Lifeline"
run attune-screen -d "$T/other" --dry-run -a 1,1,1,1,1,1,1,1,2 phq9
check "--dir: a safety item's lines for its region" out_has "  AU  Lifeline"
check "--dir: and for no other" out_lacks "  GB  "

# Every command takes who from it: log as Sam, then read without --who.
printf 'who = Sam\nregion = gb\n' >"$CONF"
run attune-checkin -m 3 -b 2
check "checkin logs as Sam" rc_is 0
grep -q ',Sam,3,2,' "$ATTUNE_DIR/checkins.csv"
check "the row names Sam" rc_is 0
run attune-report
check "report reads Sam's check-ins" out_has "Sam"
check "report: not 'Nothing is logged'" out_lacks "Nothing is logged"
run attune-screen -a 1,1 -q phq2
check "screen: who from attune.conf" grep -q ",Sam,phq2," "$ATTUNE_DIR/screens.csv"
run attune-tips -f csv
check "tips: runs with the settings" rc_is 0

# Mistakes: warned about, naming the file and line; the rest still counts.
printf 'who = Sam\nregoin = us\nregion = gb\nbirth = 1/5/2026\n' >"$CONF"
run attune-checkin -m 5 --dry-run
check "a typo: still logs" rc_is 0
check "a typo: the row as the good lines say" out_has ",Sam,5,"
check "a typo: names the file and line, and the fix" \
    err_has "$CONF:2: 'regoin' is not a setting; did you mean 'region'?"
check "a bad date: names the line" err_has "$CONF:4: birth '1/5/2026' is not a date; write it as YYYY-MM-DD"
run attune-checkin -m 2 -f harm --dry-run
check "harm with a typo: the crisis lines first" first_line_has "$T/err" "If you are in danger"
check "harm with a typo: the settings' region still used" err_has "  GB  Samaritans"
check "harm with a typo: warned once" [ "$(grep -c regoin "$T/err")" = 1 ]
run sh -c 'attune-checkin -m 2 -f harm --dry-run 2>&1'
check "harm with a typo, one stream: the crisis lines first" first_line_has "$T/out" "If you are in danger"
run attune-checkin -m 2 -f harm --dry-run -w Kim
check "harm with a typo and --who: still warned, once" \
    [ "$(grep -c regoin "$T/err")" = 1 ]
run sh -c 'attune-screen --dry-run -a 1,1,1,1,1,1,1,1,2 phq9 2>&1'
check "a safety item with a typo, one stream: the crisis lines first" \
    first_line_has "$T/out" "If you are in danger"
check "a safety item with a typo: the settings' region still used" \
    out_has "  GB  Samaritans"
check "a safety item with a typo: warned once" \
    [ "$(grep -c regoin "$T/out")" = 1 ]
printf 'who = \001bad\n' >"$CONF"
run attune-checkin -m 5 --dry-run
check "a bad name in the file: warned" err_has "$CONF:1: who"
check "a bad name in the file: 'me' instead" out_has ",me,5,"

# A settings file that cannot be read: a warning, and on as without it.
rm -f "$CONF"
mkdir "$CONF"
run attune-checkin -m 5 --dry-run
check "unreadable attune.conf: still works" rc_is 0
check "unreadable attune.conf: says so" err_has "attune.conf: cannot read the settings"
rmdir "$CONF"
run attune-checkin -m 5 --dry-run
check "no attune.conf: me, quietly" out_has ",me,5,"
check "no attune.conf: nothing said" err_empty

### Smaller things: "did you mean", help for every command, the list.
mkdir -p "$T/fake" "$T/onpath"
printf '#!/bin/sh\necho "man was asked for: $*"\n' >"$T/fake/man"
printf '#!/bin/sh\necho extra\n' >"$T/onpath/attune-extra"
chmod 755 "$T/fake/man" "$T/onpath/attune-extra"
run attune chekin -m 5
check "attune chekin: exit 2" rc_is 2
check "attune chekin: did you mean checkin" err_has "attune: there is no command called 'chekin'; did you mean 'checkin'?"
run attune lgo
check "attune lgo: did you mean log" err_has "did you mean 'log'?"
run attune weather
check "attune weather: nothing near, no guess" err_lacks "did you mean"
run attune-checkin --mod 5
check "--mod: did you mean --mood" err_has "unknown option '--mod'; did you mean '--mood'?"
run attune-report --sinse 2026-11-01
check "--sinse: did you mean --since" err_has "did you mean '--since'?"
run attune-tips --colour
check "an option far from any: no guess" err_lacks "did you mean"
for c in weekly archive remind log checkin; do
	PATH=$T/fake:$PATH run attune help "$c"
	check "attune help $c opens attune-$c(1)" out_is "man was asked for: attune-$c"
done
PATH=$T/onpath:$PATH run attune
check "the list: log" out_has "  log       see, fix and undo"
check "the list: the scripts found on PATH" out_has "  weekly    last week's report"
check "the list: another attune-* found on PATH" out_has "  extra"
PATH=$T/fake:$T/onpath:$PATH run attune help extra
check "attune help for a found command" out_is "man was asked for: attune-extra"
PATH=/usr/bin:/bin run "$TOP/bin/attune"
check "the list without the scripts: not listed" out_lacks "  weekly"

### No home to find the data directory in: no HOME, no ATTUNE_DIR, and a
# user with no passwd entry.  A bad option is still refused as one (exit
# 2), crisis lines still come, and only what needs the directory says that
# it cannot be found (exit 1).
if has_nohome "no home directory"; then
	for args in "attune-report --bogus" "attune-tips --bogus" \
	    "attune-checkin -m 3 -r zz" "attune-screen phq2 -a 1,1 -t someday" \
	    "attune-log --last zz" "attune-log --screens edit last -m 3" \
	    "attune-report --last 0d"; do
		run $NOHOME $args
		check "no home, $args: exit 2" rc_is 2
		check "no home, $args: the mistake, not the home" \
		    err_lacks "home directory"
	done
	run $NOHOME attune-checkin -m 2 -f harm --dry-run
	check "no home, harm: the crisis lines" first_line_has "$T/err" "If you are in danger"
	check "no home, harm: a dry run needs no data directory" rc_is 0
	run $NOHOME attune-screen phq9 -a 1,1,1,1,1,1,1,1,2 --dry-run
	check "no home, a safety item: the crisis lines" first_line_has "$T/out" "If you are in danger"
	check "no home, a safety item: exit 3" rc_is 3
	for args in "attune-checkin -m 3" "attune-report" "attune-log"; do
		run $NOHOME $args
		check "no home, $args: exit 1" rc_is 1
		check "no home, $args: says why, once" \
		    [ "$(grep -c "cannot tell where your home directory is" "$T/err")" = 1 ]
	done
fi

done_testing

# t74-weekly-files: attune-weekly writes its reports only where it means
# to (issue 14, item 9): no planted link is followed, a linked reports
# directory or report is refused, and an odd directory name is a name.
. "$TOP/tests/lib.sh"
D=$ATTUNE_DIR
KIT=$T/kit
mkdir -p "$KIT" "$T/fakebin"
cp "$TOP/scripts/attune-weekly" "$KIT/"
# A stand-in for attune-report, so that only the script's own file
# handling is tested.
cat >"$KIT/attune-report" <<'EOF'
#!/bin/sh
case " $* " in
*" html "*) echo "<!DOCTYPE html><html><body>Week</body></html>" ;;
*) echo "Your week: mood 5.00" ;;
esac
EOF
cat >"$T/fakebin/sendmail" <<'EOF'
#!/bin/sh
cat >"$FAKE_MAIL"
EOF
chmod +x "$KIT"/* "$T/fakebin"/*
export FAKE_MAIL="$T/mail"
PATH=$T/fakebin:$PATH
R=$D/reports

fresh() {
	rm -rf "$D" "$T/outside" "$T/mail"
	mkdir -p "$R" "$T/outside"
	chmod 700 "$D" "$R"
	echo "mine, keep me" >"$T/outside/precious"
	chmod 644 "$T/outside/precious"
}

# A link planted under the temporary name the script used to choose (its
# process id): "sh -c 'exec ...'" runs the script with the id $$ names.
fresh
run sh -c 'for f in text html; do ln -s "$2" "$1/.2026-W46.$f.$$"; done
    exec "$3"' sh "$R" "$T/outside/precious" "$KIT/attune-weekly"
check 'planted temporary link: exit 0' rc_is 0
check 'planted temporary link: the file it points to is untouched' \
    grep -qx 'mine, keep me' "$T/outside/precious"
check 'planted temporary link: its mode is untouched' \
    mode_is 644 "$T/outside/precious"
check 'planted temporary link: the report is written' \
    grep -q 'Your week' "$R/2026-W46.txt"
check 'planted temporary link: the report is private' mode_is 600 "$R/2026-W46.txt"
check 'planted temporary link: no temporary file left' \
    test "$(find "$R" -name '.2026-W46.*' ! -type l | wc -l)" -eq 0

# A reports directory that is a link to somewhere else.
fresh
rmdir "$R"
ln -s "$T/outside" "$R"
run "$KIT/attune-weekly"
check 'linked reports directory: exit 1' rc_is 1
check 'linked reports directory: says so' err_has 'is a symbolic link'
check 'linked reports directory: nothing written through it' \
    test "$(ls -A "$T/outside")" = precious

# A report name that is a link to a directory, or a directory.
fresh
ln -s "$T/outside" "$R/2026-W46.txt"
run env ATTUNE_MAILTO=me@example.org "$KIT/attune-weekly"
check 'report linked to a directory: exit 1' rc_is 1
check 'report linked to a directory: says so' err_has 'is not a plain file'
check 'report linked to a directory: nothing written into it' \
    test "$(ls -A "$T/outside")" = precious
check 'report linked to a directory: no mail' absent "$T/mail"
check 'report linked to a directory: no temporary file left' \
    test -z "$(find "$R" -name '.2026-W46.*')"
fresh
mkdir "$R/2026-W46.html"
run "$KIT/attune-weekly"
check 'report name taken by a directory: exit 1' rc_is 1
check 'report name taken by a directory: nothing moved into it' \
    test -z "$(ls -A "$R/2026-W46.html")"
fresh
ln -s "$T/outside/precious" "$R/2026-W46.txt"
run "$KIT/attune-weekly"
check 'report linked to a file: exit 1' rc_is 1
check 'report linked to a file: the file is untouched' \
    grep -qx 'mine, keep me' "$T/outside/precious"

# A data directory whose name starts with "-", or holds "=".
rm -rf "$T/-data" "$T/a=b"
run sh -c 'cd "$1" && exec "$2" -d -data' sh "$T" "$KIT/attune-weekly"
check 'a directory named -data: exit 0' rc_is 0
check 'a directory named -data: quiet' err_empty
check 'a directory named -data: report written' \
    grep -q 'Your week' "$T/-data/reports/2026-W46.txt"
run sh -c 'cd "$1" && ATTUNE_MAILTO=me@example.org exec "$2" -d a=b' sh "$T" \
    "$KIT/attune-weekly"
check 'a directory named a=b: exit 0' rc_is 0
check 'a directory named a=b: the report is mailed, not lost' \
    grep -q 'Your week: mood 5.00' "$T/mail"
done_testing

#!/bin/sh
# attune, the front program: runs attune-NAME from its own directory
# first, then from PATH, passing arguments and exit status through.
. "$TOP/tests/lib.sh"
V=$(sed -n "s/^VERSION[	 ]*=[	 ]*//p" "$TOP/config.mk")

# A command of our own making, to see what reaches it.
mkdir -p "$T/fake" "$T/beside" "$T/onpath" "$T/noman" "$T/onpath/attune-folder"
cat >"$T/onpath/attune-echo" <<'SH'
#!/bin/sh
echo "on PATH:"
for a in "$@"; do printf '[%s]\n' "$a"; done
exit 5
SH
cat >"$T/onpath/attune-checkin" <<'SH'
#!/bin/sh
echo "the PATH copy"
exit 9
SH
cat >"$T/beside/attune-checkin" <<'SH'
#!/bin/sh
echo "the copy beside the front, given: $*"
exit 7
SH
printf '#!/bin/sh\necho cannot\n' >"$T/onpath/attune-noexec"
chmod 755 "$T/onpath/attune-echo" "$T/onpath/attune-checkin" \
    "$T/beside/attune-checkin"
chmod 644 "$T/onpath/attune-noexec"
cp "$TOP/bin/attune" "$T/beside/attune"
cat >"$T/fake/man" <<'SH'
#!/bin/sh
echo "man was asked for: $*"
SH
chmod 755 "$T/fake/man"

# The list.
run attune
check "attune alone exits 0" rc_is 0
check "attune alone lists checkin" out_has "  checkin   log how today is going"
check "attune alone lists screen" out_has "  screen    "
check "attune alone lists tips" out_has "  tips      "
check "attune alone lists report" out_has "  report    "
check "attune alone says nothing on stderr" err_empty
cp "$T/out" "$T/list"
run attune help
check "attune help exits 0" rc_is 0
check "attune help is the same list" same "$T/out" "$T/list"
run attune --help
check "attune --help exits 0" rc_is 0
check "attune --help is the same list" same "$T/out" "$T/list"
run attune -h
check "attune -h is the same list" same "$T/out" "$T/list"
check "the list says how to read a manual" out_has "'attune help COMMAND'"
check "the list does not claim 'attune help' opens attune(7)" \
    out_lacks "'attune help' alone"
run attune -V
check "attune -V exits 0" rc_is 0
check "attune -V prints the version" out_is "attune $V"
run attune --version
check "attune --version prints the version" out_is "attune $V"

# attune help NAME opens the man page.
PATH=$T/fake:$PATH run attune help checkin
check "attune help checkin exits with man's status" rc_is 0
check "attune help checkin asks man for attune-checkin" \
    out_is "man was asked for: attune-checkin"
PATH=$T/fake:$PATH run attune help report
check "attune help report asks for attune-report" \
    out_is "man was asked for: attune-report"
PATH=$T/fake:$PATH run attune help nosuch
check "attune help with an unknown name exits 2" rc_is 2
check "and says so" err_has "attune: there is no command called 'nosuch'"
check "and lists the commands on stderr" err_has "  checkin   "
check "man was not run" out_empty
PATH=$T/noman run "$TOP/bin/attune" help checkin
check "attune help without man installed exits 1" rc_is 1
check "and says man could not be run" err_has "attune: cannot run man to show attune-checkin"

# Dispatch: the real attune-checkin, beside the built attune.
run attune checkin --mood 6 -q
check "attune checkin runs attune-checkin" rc_is 0
check "which writes the log" same "$ATTUNE_DIR/checkins.csv" /dev/stdin <<'CSV'
timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note
2026-11-22T21:04:00+00:00,me,6,,,,,,,
CSV
cp "$ATTUNE_DIR/checkins.csv" "$T/log.before"
run attune checkin --mood 11
check "a usage error's status comes through" rc_is 2
check "with the command's own message" err_has "attune-checkin: --mood: 11 is out of range; use 0 to 10"
check "and nothing is written" same "$ATTUNE_DIR/checkins.csv" "$T/log.before"
run attune checkin --dry-run --note "two words" --did "skin, talk"
check "arguments with spaces pass through intact" \
    out_is "2026-11-22T21:04:00+00:00,me,,,,,,skin;talk,,two words"
run attune checkin --version
check "attune checkin --version is the command's" out_is "attune-checkin $V"

# Its own directory first, then PATH.
PATH=$T/onpath:$PATH run "$T/beside/attune" checkin "a b" c
check "the command beside the front wins over PATH" \
    out_is "the copy beside the front, given: a b c"
check "its exit status comes through" rc_is 7
PATH=$T/onpath:$PATH run "$T/beside/attune" echo "with space" "" '*' --flag
check "a command only on PATH is found there" rc_is 5
check "every argument arrives as it was, empty ones too" same "$T/out" /dev/stdin <<'OUT'
on PATH:
[with space]
[]
[*]
[--flag]
OUT
PATH=$T/onpath:$PATH run "$T/beside/attune" noexec
check "a command that cannot be run exits 1" rc_is 1
check "and says why" err_has "attune: cannot run attune-noexec: Permission denied"

# What the list, help and did-you-mean find on PATH: a runnable program,
# not one that cannot be run.
PATH=$T/fake:$T/onpath:$PATH run "$T/beside/attune"
check "a command only on PATH is listed, under Also found" sh -c \
    "sed -n '/^Also found:\$/,/^\$/p' '$T/out' | grep -qx '  echo'"
check "one that cannot be run is not listed" out_lacks "noexec"
check "nor is a directory with a command's name" out_lacks "folder"
PATH=$T/fake:$T/onpath:$PATH run "$T/beside/attune" help echo
check "attune help knows a command only on PATH" \
    out_is "man was asked for: attune-echo"
PATH=$T/fake:$T/onpath:$PATH run "$T/beside/attune" help noexec
check "but not one that cannot be run" \
    err_has "attune: there is no command called 'noexec'"
check "and then lists the commands, that one not among them" sh -c \
    "grep -q '^  echo\$' '$T/err' && ! grep -q '^  noexec' '$T/err'"
PATH=$T/fake:$T/onpath:$PATH run "$T/beside/attune" help folder
check "nor a directory with a command's name" \
    err_has "attune: there is no command called 'folder'"
PATH=$T/onpath:$PATH run "$T/beside/attune" ecko
check "a slip of the fingers away from a command on PATH is offered it" \
    err_has "attune: there is no command called 'ecko'; did you mean 'echo'?"
check "and lists the commands, that one among them" err_has "  echo"

# Names that are not commands.
run attune nosuch --mood 5
check "an unknown name exits 2" rc_is 2
check "an unknown name says so" err_has "attune: there is no command called 'nosuch'"
check "and lists the commands" err_has "  report    see your weeks"
check "with nothing on stdout" out_empty
run attune --mood
check "an option where a name should be exits 2" rc_is 2
check "and says it is not a command" err_has "attune: '--mood' is not a command"
run attune ../bin/attune-checkin --mood 5
check "a path is not a command name" rc_is 2
check "a path is refused with a message" err_has "is not a command"
check "and nothing was logged by it" same "$ATTUNE_DIR/checkins.csv" "$T/log.before"
run attune ''
check "an empty name exits 2" rc_is 2
# A mistyped command with a harm flag: the crisis lines first, then the
# mistake; the same without harm names only the mistake.
DANGER="If you are in danger"
for args in "chekin --flag harm -r gb" "chekin -f harm -r gb" \
    "--bogus checkin --flag=harm -r gb" "log/x --flag panic,HARM -r gb"; do
	run attune $args
	check "attune $args: exit 2" rc_is 2
	check "attune $args: the lines first" first_line_has "$T/out" "$DANGER"
	check "attune $args: GB's lines" out_has "  GB  Samaritans"
	check "attune $args: on stderr too, before the mistake" \
	    sh -c 'grep -v "^\$" "$1" | head -n 1 | grep -q "$2" &&
		grep -q "is not a command\|no command called" "$1"' - "$T/err" "$DANGER"
done
run attune chekin -q --flag harm
check "attune chekin -q --flag harm: the lines on stderr only" \
    sh -c '[ ! -s "$1" ] && grep -q "$3" "$2"' - "$T/out" "$T/err" "$DANGER"
run attune chekin --flag panic -r gb
check "attune chekin --flag panic: no lines" sh -c '! grep -q "$2" "$1"' - "$T/err" "$DANGER"
check "attune chekin --flag panic: the mistake named" \
    err_has "there is no command called 'chekin'"
done_testing

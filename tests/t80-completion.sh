#!/bin/sh
# t80-completion: the bash, zsh and fish completions offer exactly the
# options each program has (read from its own longopts table and --help),
# the word lists the programs use (lib/schema.c, attune screen --list, attune
# tips --list, the crisis table, the format and unit tables), the names in
# the logs for --who, and make install puts them where each shell looks.
. "$TOP/tests/lib.sh"
C=$TOP/completions
# Every command there is, so a new one without completions fails here.
cmds=$(for f in "$TOP"/bin/*.c "$TOP"/scripts/attune-*; do
	n=${f##*/}; n=${n%.c}; n=${n#attune-}
	[ "$n" = attune ] || echo "$n"
done | sort -u | tr '\n' ' ')
# The commands written in C, whose options are read from their longopts.
ccmds=$(for f in "$TOP"/bin/*.c; do
	n=${f##*/}; n=${n%.c}
	[ "$n" = attune ] || echo "$n"
done | tr '\n' ' ')

# The long options of a command, one a line, sorted: from the longopts
# table of bin/NAME.c, or for a script from its --help (plus --help and
# --version, which every script takes) and the patterns its option loop
# matches (so an option its --help leaves out is still there).
c_longopts() {
	awk '/struct option longopts/ { on = 1; next }
	    on && /^};/ { exit }
	    on && /\{ "/ { s = $0; sub(/^[^"]*"/, "", s); sub(/".*/, "", s)
		print "--" s }' "$TOP/bin/$1.c" | sort
}
help_longopts() {
	{ "$@" --help | grep -o -- '--[a-z][a-z-]*' | grep -v -- '--end--'
	  echo --help; echo --version; } | sort -u
}
script_longopts() {
	{ help_longopts sh "$1"
	  grep -E '^[[:space:]]*-[^[:space:])]*\)' "$1" |
	    sed 's/).*//' | tr '|' '\n' | grep -x -- '--[a-z][a-z-]*=\{0,1\}\**' |
	    sed 's/=.*//'; } | sort -u
}
# The long options that take a value, from longopts.
c_valued() {
	awk '/struct option longopts/ { on = 1; next }
	    on && /^};/ { exit }
	    on && /(required|optional)_argument/ { s = $0; sub(/^[^"]*"/, "", s)
		sub(/".*/, "", s); print "--" s }' "$TOP/bin/$1.c" | sort
}
# The short options that take a value in the getopt string, each with its
# long option from longopts: "-b --by".
short_valued() {
	sed -n "s/.*{ \"\([a-z-]*\)\",[[:space:]]*required_argument,[[:space:]]*NULL,[[:space:]]*'\(.\)' }.*/\2 \1/p" \
	    "$TOP/bin/$1.c" >"$T/long.$1"
	o=$(sed -n 's/.*\(#define OPTSTRING\|getopt_long(argc, argv,\) *"\([^"]*\)".*/\2/p' \
	    "$TOP/bin/$1.c" | head -n 1)
	printf '%s\n' "$o" | grep -o '[A-Za-z]:' | tr -d : | while read -r ch; do
		awk -v ch="$ch" '$1 == ch { print "-" ch " --" $2 }' "$T/long.$1"
	done | sort
}
opts_of() {
	if [ -f "$TOP/bin/$1.c" ]; then
		c_longopts "$1"
	else
		script_longopts "$TOP/scripts/attune-$1"
	fi
}
sorted() { tr ' ' '\n' | sed '/^$/d' | sort -u; }

for c in $ccmds; do
	# Every option the usage text names is in the table, so the table,
	# which the completions are checked against, is the whole set.
	help_longopts "bin/attune-$c" >"$T/help.$c"
	c_longopts "$c" >"$T/table.$c"
	check "attune-$c: --help names only options of its longopts table" \
	    sh -c "comm -23 '$T/help.$c' '$T/table.$c' | grep -q . && exit 1 || exit 0"
done
for c in $cmds; do opts_of "$c" >"$T/want.$c"; done
check "the scripts' --help lists options (attune-archive: --before)" \
    grep -qx -- --before "$T/want.archive"
check "the scripts' option loops are read too (attune-weekly: --all-people)" \
    grep -qx -- --all-people "$T/want.weekly"
check "the C commands were found (attune-log: --undo)" \
    grep -qx -- --undo "$T/want.log"

# The word lists, from where the programs keep them.
c_words() {	# c_words FILE ARRAY: the strings of a C array of words
	awk -v a="$2" 'index($0, a "[]") { on = 1 } on { s = $0
	    while (match(s, /"[^"]*"/)) { print substr(s, RSTART + 1, RLENGTH - 2)
		s = substr(s, RSTART + RLENGTH) } }
	    on && /}/ { exit }' "$TOP/$1"
}
c_words lib/schema.c attune_did_words | sort >"$T/w.did"
c_words lib/schema.c attune_flag_words | sort >"$T/w.flag"
c_words lib/reportrun.c attune_report_formats | sort >"$T/w.fmt.report"
c_words bin/screen.c formats | sort >"$T/w.fmt.screen"
c_words lib/tips.c format_words | sort >"$T/w.fmt.tips"
c_words bin/log.c formats | sort >"$T/w.fmt.log"
c_words lib/reportrun.c attune_report_bys | grep -vx none | sort >"$T/w.by"
awk -F'"' '/^[ \t]*\{ "[A-Z][A-Z]",/ { print $2 }' "$TOP/lib/crisis.c" |
    sort -u >"$T/w.region"
attune screen --list | awk '/^[a-z0-9]+  / { print $1 }' | sort >"$T/w.instr"
check "the word lists were found (12 moments, 6 concerns, 7 regions with EU)" \
    sh -c "[ \$(wc -l <'$T/w.did') = 12 ] && [ \$(wc -l <'$T/w.flag') = 6 ] &&
	[ \$(wc -l <'$T/w.region') = 7 ] && grep -qx EU '$T/w.region' &&
	[ \$(wc -l <'$T/w.instr') -ge 6 ] && [ \$(wc -l <'$T/w.fmt.log') = 3 ]"
# A topic of the user's own tips file: completions ask attune-tips, so it
# appears without any change to them.
mkdir -p "$T/data" && chmod 700 "$T/data"
cat >"$T/data/tips.csv" <<'EOF'
id,topic,title,text,source,who,fits
own-one,zz-own-topic,My own idea,"Something that worked for us, on a hard night.",me,any,start
EOF
attune tips -d "$T/data" --list --format csv | awk -F, 'NR > 1 { print $1 }' |
    sort >"$T/w.topics"
check "the topics include the user's own" grep -qx zz-own-topic "$T/w.topics"
# Names in the logs, one with a space and one with a comma and quotes.
attune checkin -d "$T/data" -q -w 'Jo Smith' -m 5
attune checkin -d "$T/data" -q -w 'Lee, "Ann"' -b 4
attune checkin -d "$T/data" -q -m 6
printf '%s\n' 'Jo Smith' 'Lee, "Ann"' me | sort >"$T/w.who"
# As each shell quotes them to insert: bash's printf %q, zsh's own.
printf '%s\n' 'Jo\ Smith' 'Lee\,\ \"Ann\"' me | sort >"$T/w.whoq"
printf '%s\n' 'Jo\ Smith' 'Lee,\ \"Ann\"' me | sort >"$T/w.whoz"
# The ids attune log lists for them, and "last".
{ attune log -d "$T/data" --format csv | awk -F, 'NR > 1 { print $1 }'
  echo last; } | sort >"$T/w.ids"
check "the ids were listed (3 check-ins, and last)" \
    sh -c "[ \$(wc -l <'$T/w.ids') = 4 ] && grep -qx '[0-9a-f]\{8\}' '$T/w.ids'"

# same_set DESCRIPTION WANT GOT: the two files hold the same lines.
same_set() {
	sort -u "$3" | sed '/^$/d' >"$3.s"
	if cmp -s "$2" "$3.s"; then
		pass "$1"
	else
		fail "$1" "$(diff "$2" "$3.s" | tr '\n' ' ')"
	fi
}

# --- bash -----------------------------------------------------------------
if ! command -v bash >/dev/null 2>&1; then
	skip "bash completion" "bash is not installed"
else
	check "bash -n completions/attune.bash" bash -n "$C/attune.bash"
	# bc WORD...: COMPREPLY for the words, the last being completed, one a
	# line, with bash-completion loaded when it is installed.
	bc() {
		bash --norc -c '
		    [ -r /usr/share/bash-completion/bash_completion ] &&
			. /usr/share/bash-completion/bash_completion
		    . "$0"
		    shift
		    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		    _attune
		    [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"
		' "$C/attune.bash" x "$@"
	}
	for c in $cmds; do
		bc "attune-$c" -- >"$T/b.$c"
		same_set "bash: attune-$c -- offers every long option" \
		    "$T/want.$c" "$T/b.$c"
	done
	bc attune report -- >"$T/b.front"
	same_set "bash: attune report -- offers report's options" \
	    "$T/want.report" "$T/b.front"
	# The options marked as taking a value are those that take one.
	for c in $ccmds; do
		bash --norc -c ". '$C/attune.bash'; printf '%s\n' \$_attune_opts_$c" |
		    sed -n 's/=$//p' >"$T/bv.$c"
		c_valued "$c" >"$T/cv.$c"
		same_set "bash: attune-$c's options with values are marked" \
		    "$T/cv.$c" "$T/bv.$c"
		# Each short option with a value stands for the right long one.
		short_valued "$c" >"$T/sv.$c"
		bash --norc -c ". '$C/attune.bash'
		    for o in \$(cut -d' ' -f1 '$T/sv.$c'); do
			echo \"\$o \$(_attune_short $c \$o)\"; done" | sort >"$T/bs.$c"
		same_set "bash: attune-$c's short options with values map to theirs" \
		    "$T/sv.$c" "$T/bs.$c"
	done
	check "bash: the short option tables were read (report -b --by)" \
	    grep -qx -- '-b --by' "$T/sv.report"
	bc attune-checkin --did '' >"$T/b.did"
	same_set "bash: --did offers the moments of lib/schema.c" "$T/w.did" "$T/b.did"
	bc attune checkin -f '' >"$T/b.flag"
	same_set "bash: checkin -f offers the concerns of lib/schema.c" "$T/w.flag" "$T/b.flag"
	bc attune log edit last -D '' >"$T/b.did.log"
	same_set "bash: log -D offers the moments" "$T/w.did" "$T/b.did.log"
	bc attune-log --flag '' >"$T/b.flag.log"
	same_set "bash: log --flag offers the concerns" "$T/w.flag" "$T/b.flag.log"
	bc attune log '' >"$T/out"
	check "bash: attune log offers edit and undo" \
	    out_is "$(printf '%s\n' edit undo)"
	bc attune-log -d "$T/data" edit '' >"$T/b.ids"
	same_set "bash: log edit offers last and the ids attune log lists" \
	    "$T/w.ids" "$T/b.ids"
	bc attune log edit last '' >"$T/out"
	check "bash: log edit takes one id" sh -c "[ ! -s '$T/out' ]"
	bash --norc -c ". '$C/attune.bash'; COMP_WORDS=(attune report --format c)
	    COMP_CWORD=3; _attune; echo \"\${COMPREPLY[*]}\"" >"$T/out" 2>&1
	check "bash: it works without bash-completion loaded too" out_is csv
	bc attune-checkin --did skin,ta >"$T/out"
	check "bash: --did skin,ta completes the last item" out_is "skin,talk"
	bc attune-checkin --flag panic,rage, >"$T/b.list"
	check "bash: a list offers the words not in it yet" \
	    sh -c "[ \$(wc -l <'$T/b.list') = 4 ] && ! grep -q 'rage,rage\|,panic$' '$T/b.list' &&
		grep -qx 'panic,rage,harm' '$T/b.list'"
	for c in report screen tips log; do
		bc "attune-$c" --format '' >"$T/b.fmt.$c"
		same_set "bash: attune-$c --format offers its formats" \
		    "$T/w.fmt.$c" "$T/b.fmt.$c"
	done
	bc attune-report --format = c >"$T/out"
	check "bash: --format=c (split at the =) completes to csv" out_is csv
	bc attune report --by '' >"$T/b.by"
	same_set "bash: --by offers day, week and month" "$T/w.by" "$T/b.by"
	bc attune-tips -r '' >"$T/b.region"
	same_set "bash: --region offers the crisis table's regions" \
	    "$T/w.region" "$T/b.region"
	bc attune screen '' >"$T/b.instr"
	same_set "bash: screen offers the instruments of attune screen --list" \
	    "$T/w.instr" "$T/b.instr"
	bc attune tips -d "$T/data" '' >"$T/b.topics"
	same_set "bash: tips offers the topics of attune tips --list" \
	    "$T/w.topics" "$T/b.topics"
	bc attune-report -d "$T/data" --who '' >"$T/b.who"
	same_set "bash: --who offers the names in the logs, quoted for the shell" \
	    "$T/w.whoq" "$T/b.who"
	ATTUNE_DIR=$T/data bc attune-remind -w J >"$T/out"
	check "bash: --who reads \$ATTUNE_DIR when no --dir is typed" \
	    out_is 'Jo\ Smith'
	bc attune '' >"$T/b.cmds"
	printf '%s\n' $cmds help --help --version | sort >"$T/w.cmds"
	same_set "bash: attune offers its commands and the scripts" \
	    "$T/w.cmds" "$T/b.cmds"
	bc attune report --week '' >"$T/out"
	check "bash: --week takes its date only as --week=DATE" \
	    sh -c "! grep -qx today '$T/out'"
fi

# --- fish -----------------------------------------------------------------
if ! command -v fish >/dev/null 2>&1; then
	skip "fish completion" "fish is not installed"
else
	check "fish -n completions/attune.fish" fish --no-config -n "$C/attune.fish"
	# fc LINE: what fish offers for LINE, the words only, one a line.
	fc() {
		fish --no-config -c 'source $argv[1]; complete -C $argv[2]' \
		    "$C/attune.fish" "$1" | cut -f1
	}
	for c in $cmds; do
		fc "attune-$c --" | grep -- '^--' >"$T/f.$c"
		same_set "fish: attune-$c -- offers every long option" \
		    "$T/want.$c" "$T/f.$c"
	done
	fc "attune report --" | grep -- '^--' >"$T/f.front"
	same_set "fish: attune report -- offers report's options" \
	    "$T/want.report" "$T/f.front"
	fc "attune report --format " >"$T/f.fmt"
	same_set "fish: attune report --format offers its formats" \
	    "$T/w.fmt.report" "$T/f.fmt"
	fc "attune-screen -f " >"$T/f.fmt.s"
	same_set "fish: attune-screen -f offers its formats" \
	    "$T/w.fmt.screen" "$T/f.fmt.s"
	fc "attune checkin --did " >"$T/f.did"
	same_set "fish: --did offers the moments" "$T/w.did" "$T/f.did"
	fc "attune-checkin --flag=panic,h" >"$T/out"
	check "fish: --flag=panic,h completes the last item" \
	    out_is "--flag=panic,harm"
	fc "attune tips -d $T/data " >"$T/f.topics"
	same_set "fish: tips offers the topics" "$T/w.topics" "$T/f.topics"
	fc "attune-report --dir $T/data --who " >"$T/f.who"
	same_set "fish: --who offers the names in the logs" "$T/w.who" "$T/f.who"
	fc "attune screen " >"$T/f.instr"
	same_set "fish: screen offers the instruments" "$T/w.instr" "$T/f.instr"
	fc "attune log " >"$T/out"
	check "fish: attune log offers edit and undo" \
	    out_is "$(printf '%s\n' edit undo)"
	fc "attune-log -d $T/data edit " >"$T/f.ids"
	same_set "fish: log edit offers last and the ids attune log lists" \
	    "$T/w.ids" "$T/f.ids"
	for c in tips log; do
		fc "attune $c --format " >"$T/f.fmt.$c"
		same_set "fish: attune $c --format offers its formats" \
		    "$T/w.fmt.$c" "$T/f.fmt.$c"
	done
	for c in $ccmds weekly; do
		fc "attune-$c -r " >"$T/f.region.$c"
		same_set "fish: attune-$c -r offers the crisis table's regions" \
		    "$T/w.region" "$T/f.region.$c"
	done
	fc "attune " >"$T/f.cmds"
	printf '%s\n' $cmds help | sort >"$T/w.cmds0"
	same_set "fish: attune offers its commands" "$T/w.cmds0" "$T/f.cmds"
fi

# --- zsh ------------------------------------------------------------------
if ! command -v zsh >/dev/null 2>&1; then
	skip "zsh completion" "zsh is not installed"
else
	check "zsh -n completions/_attune" zsh -n "$C/_attune"
	# Complete lines in an interactive zsh in a pty, with compadd wrapped
	# to write down every match it is given.
	cat >"$T/zc.zsh" <<'EOF'
zmodload zsh/zpty || exit 3
C=$1 OUT=$2; shift 2
zpty z zsh -f -i
zpty -w z "PS1='%% '; fpath=($C \$fpath); PATH=$PATH"
zpty -w z "autoload -U compinit; compinit -u -D; zstyle ':completion:*' menu no"
zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a h; builtin compadd -A h "$@"; (( $#h )) && print -rl -- $h >>'"$OUT"'; builtin compadd "$@"; }'
zpty -w z 'bindkey "^I" complete-word'
n=0
# Each line is typed once the shell has written the marker before it, and
# ^U clears it once its completion is over.
for line; do
	n=$((n + 1))
	zpty -w z "print -r -- '=== $n' >>$OUT"
	for i in {1..400}; do	# the shell is at its prompt again
		grep -qx "=== $n" $OUT && break
		sleep 0.02
	done
	zpty -w -n z "$line"$'\t'
	sleep 0.05
	zpty -w -n z $'\x15'
done
zpty -w z "print -r -- '=== end' >>$OUT"
for i in {1..400}; do
	grep -qx '=== end' $OUT && break
	sleep 0.05
done
zpty -d z
EOF
	: >"$T/z.out"
	set --
	for c in $cmds; do set -- "$@" "attune-$c --"; done
	set -- "$@" "attune report --format " "attune-checkin --did " \
	    "attune tips -d $T/data " "attune-report -d $T/data --who " \
	    "attune screen " "attune " "attune log " \
	    "attune-log -d $T/data edit " "attune log undo " \
	    "attune-screen --format " "attune tips -f " "attune log --format=" \
	    "attune-report -r "
	if zsh -f "$T/zc.zsh" "$C" "$T/z.out" "$@" >/dev/null 2>&1 </dev/null &&
	    grep -qx '=== end' "$T/z.out"; then
		zpart() { awk -v n="$1" '$0 == "=== " n { on = 1; next }
		    /^=== / { on = 0 } on' "$T/z.out"; }
		i=0
		for c in $cmds; do
			i=$((i + 1))
			zpart $i | grep -- '^--' >"$T/z.$c"
			same_set "zsh: attune-$c -- offers every long option" \
			    "$T/want.$c" "$T/z.$c"
		done
		zpart $((i + 1)) >"$T/z.fmt"
		same_set "zsh: attune report --format offers its formats" \
		    "$T/w.fmt.report" "$T/z.fmt"
		zpart $((i + 2)) >"$T/z.did"
		same_set "zsh: --did offers the moments" "$T/w.did" "$T/z.did"
		zpart $((i + 3)) >"$T/z.topics"
		same_set "zsh: tips offers the topics" "$T/w.topics" "$T/z.topics"
		zpart $((i + 4)) >"$T/z.who"
		same_set "zsh: --who offers the names in the logs, quoted" \
		    "$T/w.whoz" "$T/z.who"
		zpart $((i + 5)) >"$T/z.instr"
		same_set "zsh: screen offers the instruments" \
		    "$T/w.instr" "$T/z.instr"
		zpart $((i + 6)) | grep -v '^-' >"$T/z.cmds"
		same_set "zsh: attune offers its commands" "$T/w.cmds0" "$T/z.cmds"
		zpart $((i + 7)) | grep -v '^-' >"$T/z.log"
		printf '%s\n' edit undo >"$T/w.log"
		same_set "zsh: attune log offers edit and undo" "$T/w.log" "$T/z.log"
		zpart $((i + 8)) >"$T/z.ids"
		same_set "zsh: log edit offers last and the ids attune log lists" \
		    "$T/w.ids" "$T/z.ids"
		zpart $((i + 9)) | grep -v '^-' >"$T/z.undo"
		check "zsh: log undo takes no id" sh -c "[ ! -s '$T/z.undo' ]"
		n=$((i + 10))
		for c in screen tips log; do
			zpart $n >"$T/z.fmt.$c"
			same_set "zsh: attune $c --format offers its formats" \
			    "$T/w.fmt.$c" "$T/z.fmt.$c"
			n=$((n + 1))
		done
		zpart $n >"$T/z.region"
		same_set "zsh: --region offers the crisis table's regions" \
		    "$T/w.region" "$T/z.region"
	else
		skip "zsh completion in a pty" "zsh/zpty did not run here"
	fi
fi

# --- make install ---------------------------------------------------------
I=$T/inst
# The install places come from PREFIX alone here, whatever the caller set
# (debian/rules exports ZSHCOMPDIR for the package, and make check runs in
# its build).
unset BASHCOMPDIR ZSHCOMPDIR FISHCOMPDIR DATADIR BINDIR MANDIR MAKEFLAGS MFLAGS
if make -s -C "$TOP" install-extra DESTDIR="$I" PREFIX=/usr >"$T/out" 2>"$T/err"; then
	pass "make install-extra installs the completions"
else
	fail "make install-extra installs the completions" "$(cat "$T/err")"
fi
B=$I/usr/share/bash-completion/completions
check "bash: installed as completions/attune" same "$C/attune.bash" "$B/attune"
check "bash: attune-report links to it" \
    sh -c "[ \"\$(readlink '$B/attune-report')\" = attune ] && [ -L '$B/attune-pool' ]"
for c in $cmds; do
	check "bash and fish: attune-$c links to the completions" \
	    sh -c "[ \"\$(readlink '$B/attune-$c')\" = attune ] &&
		[ \"\$(readlink '$I/usr/share/fish/vendor_completions.d/attune-$c.fish')\" = attune.fish ]"
done
check "zsh: installed as site-functions/_attune" \
    same "$C/_attune" "$I/usr/share/zsh/site-functions/_attune"
check "fish: installed in vendor_completions.d, linked for attune-tips" \
    sh -c "cmp -s '$C/attune.fish' '$I/usr/share/fish/vendor_completions.d/attune.fish' &&
	[ -L '$I/usr/share/fish/vendor_completions.d/attune-tips.fish' ]"
check "the sample logs are installed with the data" \
    same "$TOP/share/sample/checkins.csv" "$I/usr/share/attune/sample/checkins.csv"
if [ -r /usr/share/bash-completion/bash_completion ]; then
	# bash-completion finds the installed file for attune-report by name.
	out=$(XDG_DATA_DIRS=$I/usr/share BASH_COMPLETION_USER_DIR=$T/none \
	    bash --norc -c '. /usr/share/bash-completion/bash_completion
		__load_completion attune-report; complete -p attune-report' 2>&1)
	check "bash-completion loads it for attune-report" \
	    sh -c "printf '%s' '$out' | grep -q -- '-F _attune attune-report'"
else
	skip "bash-completion loads it" "bash-completion is not installed"
fi
if command -v fish >/dev/null 2>&1; then
	fish --no-config -c 'set -p fish_complete_path $argv[1]
	    complete -C "attune-report --by "' \
	    "$I/usr/share/fish/vendor_completions.d" | cut -f1 >"$T/fi.by"
	same_set "fish loads the installed file for attune-report" \
	    "$T/w.by" "$T/fi.by"
fi
make -s -C "$TOP" uninstall-extra DESTDIR="$I" PREFIX=/usr >/dev/null 2>&1
check "make uninstall-extra takes them away" \
    sh -c "[ ! -e '$B/attune' ] && [ ! -L '$B/attune-report' ] &&
	[ ! -L '$B/attune-log' ] && [ ! -L '$B/attune-pool' ] &&
	[ ! -L '$I/usr/share/fish/vendor_completions.d/attune-log.fish' ] &&
	[ ! -e '$I/usr/share/zsh/site-functions/_attune' ]"

done_testing

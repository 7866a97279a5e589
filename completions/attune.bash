# bash completion for attune and its commands                -*- sh -*-
#
# Installed as share/bash-completion/completions/attune, with a link of
# the same file for every attune-NAME, so bash-completion loads it on the
# first Tab after any of them.  It completes the commands, every option,
# the values that come from a fixed list, tips topics (asked of attune-tips
# itself, so new topics appear without a change here), and --who from the
# names in the logs.  tests/t80-completion.sh checks these tables against
# the programs' own option tables and word lists.

# The options of each command; a trailing "=" marks one that takes a value.
_attune_opts_checkin='--anxiety= --archive --before= --bond= --dir= --did=
 --dry-run --flag= --help --mood= --note= --numb= --print --quiet --region=
 --sleep= --time= --version --who='
_attune_opts_screen='--answers= --dir= --dry-run --format= --help --list
 --partner --quiet --region= --scores= --time= --version --who= --wording='
_attune_opts_tips='--all --count= --dir= --format= --help --list --partner
 --region= --strict --time= --today --version --who= --why'
_attune_opts_report='--all-people --ascii --birth= --by= --check --dir=
 --fhir-checkins --format= --help --last= --month= --notes --quiet --region=
 --rules --since= --strict --until= --version --week= --who='
_attune_opts_log='--all --anxiety= --bond= --count= --did= --dir= --flag=
 --format= --help --last= --mood= --note= --numb= --quiet --region=
 --screens --sleep= --time= --undo --version --who= --yes'
_attune_opts_weekly='--all-people --dir= --help --region= --version --who='
_attune_opts_remind='--dir= --help --version --who='
_attune_opts_archive='--before= --dir= --help --verbose --version'
_attune_opts_pool='--engine= --help --sql --today= --version'

# Short options that take a value, as the long option they stand for.
_attune_short() {
	case $1:$2 in
	checkin:-a) echo --anxiety ;;	checkin:-B) echo --before ;;
	checkin:-b) echo --bond ;;	checkin:-D) echo --did ;;
	checkin:-f) echo --flag ;;	checkin:-m) echo --mood ;;
	checkin:-N) echo --note ;;	checkin:-n) echo --numb ;;
	checkin:-s) echo --sleep ;;	checkin:-t) echo --time ;;
	screen:-a) echo --answers ;;	screen:-f) echo --format ;;
	screen:-s) echo --scores ;;	screen:-t) echo --time ;;
	screen:-W) echo --wording ;;
	tips:-f) echo --format ;;	tips:-n) echo --count ;;
	tips:-t) echo --time ;;
	report:-b) echo --by ;;		report:-f) echo --format ;;
	log:-a) echo --anxiety ;;	log:-b) echo --bond ;;
	log:-c) echo --count ;;		log:-D) echo --did ;;
	log:-f) echo --format ;;	log:-m) echo --mood ;;
	log:-N) echo --note ;;		log:-n) echo --numb ;;
	log:-s) echo --sleep ;;		log:-t) echo --time ;;
	archive:-b) echo --before ;;
	pool:-e) echo --engine ;;	pool:-t) echo --today ;;
	*:-d) echo --dir ;;		*:-r) echo --region ;;
	*:-w) echo --who ;;
	esac
}

_attune_commands='checkin screen tips report log weekly remind archive pool'
_attune_did='skin talk sing read massage carry eye feed bath play walk rest'
_attune_flags='intrusive panic rage cant-cope cant-care harm'
_attune_instruments='pbq epds phq9 phq2 gad7 gad2'
_attune_regions='US GB CA AU IE NZ EU'

# _attune_list WORDS CUR: complete the last item of a comma-separated list,
# leaving out the words already in it.
_attune_list() {
	local head= last=$2 w out= IFS=$' \t\n'
	case $2 in *,*) head=${2%,*},; last=${2##*,} ;; esac
	for w in $1; do
		case ,$head in *,"$w",*) continue ;; esac
		case $w in "$last"*) out="$out $head$w" ;; esac
	done
	COMPREPLY=($out)
}

# The program to ask: attune-NAME beside the one being completed, else on
# PATH.
_attune_prog() {
	local d
	case $_attune_cmd0 in */*) d=${_attune_cmd0%/*} ;; esac
	if [ -n "$d" ] && [ -x "$d/attune-$1" ]; then
		printf '%s\n' "$d/attune-$1"
	else
		printf '%s\n' "attune-$1"
	fi
}

# The names in the logs.  attune-report reads them (archives too, quoted
# names and all) and prints one csv row per person; the name is the third
# field, and the fields after it are numbers and rule ids, so it is what
# lies between the second comma and the last twenty.
_attune_who() {
	local IFS=$' \t\n'
	"$(_attune_prog report)" ${_attune_dir:+-d "$_attune_dir"} \
	    --all-people --format csv 2>/dev/null </dev/null | awk -F, '
		NR == 1 { tail = NF - 3; next }
		{
			w = $3
			for (i = 4; i <= NF - tail; i++) w = w "," $i
			if (w ~ /^".*"$/) {
				w = substr(w, 2, length(w) - 2)
				gsub(/""/, "\"", w)
			}
			print w
		}'
}

# The tips topics, from attune-tips itself (the first csv column).
_attune_topics() {
	local IFS=$' \t\n'
	"$(_attune_prog tips)" ${_attune_dir:+-d "$_attune_dir"} --list \
	    --format csv 2>/dev/null </dev/null | awk -F, 'NR > 1 { print $1 }'
}

# The ids attune-log lists (the latest twenty check-ins), and "last".
_attune_ids() {
	local IFS=$' \t\n'
	echo last
	"$(_attune_prog log)" ${_attune_dir:+-d "$_attune_dir"} --format csv \
	    2>/dev/null </dev/null | awk -F, 'NR > 1 { print $1 }'
}

# _attune_value CMD OPTION CUR: complete the value of a long option.
_attune_value() {
	local IFS=$'\n' words= list=1
	case $1:$2 in
	checkin:--did|log:--did) _attune_list "$_attune_did" "$3"; return ;;
	checkin:--flag|log:--flag) _attune_list "$_attune_flags" "$3"; return ;;
	report:--format) words='text md csv json html fhir' ;;
	screen:--format) words='text csv json fhir' ;;
	tips:--format) words='text csv' ;;
	log:--format) words='text csv json' ;;
	report:--by) words='day week month' ;;
	report:--last|log:--last) words='7d 14d 4w 3m' ;;
	pool:--engine) words='auto duckdb node' ;;
	*:--region) words=$_attune_regions ;;
	*:--time|*:--since|*:--until|*:--today) words='today yesterday' ;;
	*:--who) words=$(_attune_who); list= ;;
	*:--dir) compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -d -- "$3")); return ;;
	*:--wording) compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$3")); return ;;
	*) COMPREPLY=(); return ;;
	esac
	if [ -n "$list" ]; then
		words=${words// /$'\n'}
		COMPREPLY=($(compgen -W "$words" -- "$3"))
		return
	fi
	# Names may hold spaces and quotes: match them as typed, without
	# the backslashes, and give them back quoted for the shell.
	local name want=${3//\\/}
	COMPREPLY=()
	for name in $words; do
		[[ $name == "$want"* ]] &&
		    COMPREPLY+=("$(printf '%q' "$name")")
	done
}

_attune() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev= cmd first=1 i w opts opt
	local _attune_cmd0=${COMP_WORDS[0]} _attune_dir=
	COMPREPLY=()
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	case ${COMP_WORDS[0]##*/} in
	attune)
		if ((COMP_CWORD == 1)); then
			COMPREPLY=($(compgen -W "$_attune_commands help --help \
			    --version" -- "$cur"))
			return
		fi
		cmd=${COMP_WORDS[1]}
		first=2
		if [ "$cmd" = help ]; then
			((COMP_CWORD == 2)) &&
			    COMPREPLY=($(compgen -W "$_attune_commands" -- "$cur"))
			return
		fi ;;
	attune-*) cmd=${COMP_WORDS[0]##*/}; cmd=${cmd#attune-} ;;
	*) return ;;
	esac
	opts=_attune_opts_$cmd
	[ -n "${!opts+x}" ] || return
	opts=${!opts}

	# The data directory typed so far, for --who and the topics.
	for ((i = first; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-d|--dir) _attune_dir=${COMP_WORDS[i + 1]}
			[ "$_attune_dir" = = ] && _attune_dir=${COMP_WORDS[i + 2]} ;;
		--dir=?*) _attune_dir=${w#--dir=} ;;
		esac
	done
	_attune_dir=${_attune_dir/#\~/$HOME}

	# bash splits "--format=c" into "--format", "=", "c".
	if [ "$cur" = = ] && [[ $prev == --* ]]; then
		_attune_value "$cmd" "$prev" ""
		return
	fi
	if [ "$prev" = = ] && ((COMP_CWORD >= first + 2)); then
		_attune_value "$cmd" "${COMP_WORDS[COMP_CWORD - 2]}" "$cur"
		return
	fi
	case $cur in --*=*)
		_attune_value "$cmd" "${cur%%=*}" "${cur#*=}"
		[ ${#COMPREPLY[@]} -gt 0 ] &&
		    COMPREPLY=("${COMPREPLY[@]/#/${cur%%=*}=}")
		return ;;
	esac
	# The value of the option before, when it takes one in the next word
	# (--week and --month take theirs only as --week=DATE).
	if ((COMP_CWORD > first)); then
		opt=$prev
		case $prev in --*) ;; -?) opt=$(_attune_short "$cmd" "$prev") ;; *) opt= ;; esac
		case " ${opts//$'\n'/ } " in
		*" $opt= "*)
			case $opt in --week|--month) ;; *)
				_attune_value "$cmd" "$opt" "$cur"
				return ;;
			esac ;;
		esac
	fi
	case $cur in
	-*)
		COMPREPLY=($(compgen -W "${opts//=/}" -- "$cur"))
		return ;;
	esac
	case $cmd in
	screen) COMPREPLY=($(compgen -W "$_attune_instruments" -- "$cur")) ;;
	tips) local IFS=$'\n'
		COMPREPLY=($(compgen -W "$(_attune_topics)" -- "$cur")) ;;
	report) local IFS=$'\n'
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	log)	# "edit ID" or "undo", once.
		if [ "$prev" = edit ]; then
			local IFS=$'\n'
			COMPREPLY=($(compgen -W "$(_attune_ids)" -- "$cur"))
			return
		fi
		for ((i = first; i < COMP_CWORD; i++)); do
			case ${COMP_WORDS[i]} in edit|undo) return ;; esac
		done
		COMPREPLY=($(compgen -W "edit undo" -- "$cur")) ;;
	pool) local IFS=$'\n'
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -d -- "$cur")
		    $(compgen -W "weekly screens urgent" -- "$cur")) ;;
	esac
}

complete -F _attune attune attune-checkin attune-screen attune-tips \
    attune-report attune-log attune-weekly attune-remind attune-archive attune-pool

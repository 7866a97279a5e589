# fish completion for attune and its commands.
#
# Installed as share/fish/vendor_completions.d/attune.fish, with a link
# attune-NAME.fish for every command, so fish loads it for any of them.
# The same tables as completions/attune.bash; tests/t80-completion.sh
# checks both against the programs' own option tables and word lists.
if set -q __attune_fish_loaded
    exit 0
end
set -g __attune_fish_loaded 1

# The program to ask: attune-NAME from the same place as the command line's
# attune, else on PATH.
function __attune_prog --argument-names name
    set -l cmd (commandline -opc)[1]
    set -l dir (string replace -r '/[^/]*$' '' -- $cmd)
    if string match -q '*/*' -- $cmd; and test -x $dir/attune-$name
        echo $dir/attune-$name
    else
        echo attune-$name
    end
end

# The data directory typed on the command line so far, if any.
function __attune_dir
    set -l words (commandline -opc)
    set -l next 0
    set -l dir
    for w in $words
        if test $next = 1
            set dir $w
            set next 0
        else if contains -- $w -d --dir
            set next 1
        else if string match -q -- '--dir=*' $w
            set dir (string replace -- '--dir=' '' $w)
        end
    end
    if test -n "$dir"
        echo -- -d
        echo -- $dir
    end
end

# The names in the logs: attune-report prints one csv row per person; the
# name is what lies between the second comma and the last twenty fields.
function __attune_who
    set -l report (__attune_prog report)
    command -q -- $report; or return
    $report (__attune_dir) --all-people --format csv 2>/dev/null </dev/null |
        awk -F, 'NR == 1 { tail = NF - 3; next }
            { w = $3; for (i = 4; i <= NF - tail; i++) w = w "," $i
              if (w ~ /^".*"$/) { w = substr(w, 2, length(w) - 2); gsub(/""/, "\"", w) }
              print w }'
end

# The ids attune-log lists (the latest twenty check-ins), and "last".
function __attune_ids
    set -l log (__attune_prog log)
    echo last
    command -q -- $log; or return
    $log (__attune_dir) --format csv 2>/dev/null </dev/null |
        awk -F, 'NR > 1 { print $1 }'
end

# attune log: "edit" or "undo" first, then for edit one id.
function __attune_log_word --argument-names want
    set -l words (commandline -opc)
    switch $want
        case id
            test "$words[-1]" = edit
        case sub
            not contains -- edit $words; and not contains -- undo $words
    end
end

# The tips topics, from attune-tips itself.
function __attune_topics
    set -l tips (__attune_prog tips)
    command -q -- $tips; or return
    $tips (__attune_dir) --list --format csv 2>/dev/null </dev/null |
        awk -F, 'NR > 1 { print $1 }'
end

# __attune_list WORD...: the last item of a comma-separated list, leaving
# out the words already in it.
function __attune_list
    set -l tok (string replace -r '^--?[^=]*=' '' -- (commandline -ct))
    set -l head ''
    if string match -q '*,*' -- $tok
        set head (string replace -r '[^,]*$' '' -- $tok)
    end
    set -l have (string split , -- $head)
    for w in $argv
        contains -- $w $have; or echo $head$w
    end
end

# The first word after attune is a command.
function __attune_needs_command
    test (count (commandline -opc)) -eq 1
end

set -l __attune_commands checkin screen tips report log weekly remind archive pool
complete -c attune -n __attune_needs_command -f
complete -c attune -n __attune_needs_command -a checkin -d 'log how today is going'
complete -c attune -n __attune_needs_command -a screen -d 'take a validated questionnaire'
complete -c attune -n __attune_needs_command -a tips -d 'gentle, practical ideas to try'
complete -c attune -n __attune_needs_command -a report -d 'your weeks at a glance'
complete -c attune -n __attune_needs_command -a log -d 'see, fix and undo what you have logged'
complete -c attune -n __attune_needs_command -a weekly -d 'write last week\'s report'
complete -c attune -n __attune_needs_command -a remind -d 'a word when there is no check-in today'
complete -c attune -n __attune_needs_command -a archive -d 'move old check-ins into archives'
complete -c attune -n __attune_needs_command -a pool -d 'a clinic\'s pooled view, with DuckDB'
complete -c attune -n __attune_needs_command -a help -d 'the manual for a command'
complete -c attune -n __attune_needs_command -s h -l help -d 'the commands'
complete -c attune -n __attune_needs_command -s V -l version -d 'the version'
complete -c attune -n '__fish_seen_subcommand_from help' -f -a "$__attune_commands"

# __attune_on CMD ARG...: the completion ARG... for CMD, both
# as attune-CMD and as "attune CMD".
function __attune_on --argument-names cmd
    complete -c attune-$cmd $argv[2..-1]
    complete -c attune -n "__fish_seen_subcommand_from $cmd" $argv[2..-1]
end

for cmd in $__attune_commands
    __attune_on $cmd -s h -l help -d 'usage'
    __attune_on $cmd -s V -l version -d 'the version'
end
for cmd in checkin screen tips report log weekly remind archive
    __attune_on $cmd -s d -l dir -x -a '(__fish_complete_directories)' -d 'the data directory'
end
for cmd in checkin screen tips report log weekly
    __attune_on $cmd -s r -l region -x -a 'US GB CA AU IE NZ EU' -d 'crisis lines for this country'
end
for cmd in checkin screen tips report log weekly remind
    __attune_on $cmd -s w -l who -x -a '(__attune_who)' -d 'whose entries'
end

__attune_on checkin -f
__attune_on checkin -s m -l mood -x -d 'mood, 0 to 10'
__attune_on checkin -s b -l bond -x -d 'how connected to your baby, 0 to 10'
__attune_on checkin -s a -l anxiety -x -d 'how anxious, 0 to 10'
__attune_on checkin -s n -l numb -x -d 'how numb, 0 to 10'
__attune_on checkin -s s -l sleep -x -d 'hours slept in the last 24'
__attune_on checkin -s D -l did -x -a '(__attune_list skin talk sing read massage carry eye feed bath play walk rest)' -d 'moments shared'
__attune_on checkin -s f -l flag -x -a '(__attune_list intrusive panic rage cant-cope cant-care harm)' -d 'concerns'
__attune_on checkin -s N -l note -x -d 'a note'
__attune_on checkin -s t -l time -x -a 'today yesterday' -d 'when'
__attune_on checkin -s p -l print -d 'also print the row written'
__attune_on checkin -l dry-run -d 'print the row instead of writing it'
__attune_on checkin -s q -l quiet -d 'no acknowledgement'
__attune_on checkin -s A -l archive -d 'move old check-ins into archives'
__attune_on checkin -s B -l before -x -d 'with --archive: before this date'

__attune_on screen -f
__attune_on screen -a 'pbq epds phq9 phq2 gad7 gad2'
__attune_on screen -s a -l answers -x -d 'the option chosen for each item'
__attune_on screen -s s -l scores -x -d 'the points of each item'
__attune_on screen -s p -l partner -d 'partner cut-offs'
__attune_on screen -s W -l wording -r -F -d 'item wording file'
__attune_on screen -s f -l format -x -a 'text csv json fhir' -d 'output format'
__attune_on screen -s t -l time -x -a 'today yesterday' -d 'when it was taken'
__attune_on screen -s q -l quiet -d 'print only crisis lines when needed'
__attune_on screen -l dry-run -d 'score without logging'
__attune_on screen -s l -l list -d 'the questionnaires'

__attune_on tips -f
__attune_on tips -a '(__attune_topics)'
__attune_on tips -s a -l all -d 'every tip on the topics'
__attune_on tips -s l -l list -d 'the topics'
__attune_on tips -s T -l today -d 'the tip of the day'
__attune_on tips -s n -l count -x -d 'how many tips, 1 to 50'
__attune_on tips -s p -l partner -d 'choose as for a partner'
__attune_on tips -s f -l format -x -a 'text csv' -d 'output format'
__attune_on tips -s t -l time -x -a 'today yesterday' -d 'the day to choose for'
__attune_on tips -l strict -d 'a malformed row is an error'
__attune_on tips -s y -l why -d 'which signal chose each tip'

__attune_on report -l week -d 'an ISO week (--week=DATE)'
__attune_on report -l month -d 'a calendar month (--month=YYYY-MM)'
__attune_on report -l since -x -a 'today yesterday' -d 'from DATE'
__attune_on report -l until -x -a 'today yesterday' -d 'to DATE'
__attune_on report -l last -x -a '7d 14d 4w 3m' -d 'the last N days, weeks or months'
__attune_on report -s b -l by -x -a 'day week month' -d 'split the period'
__attune_on report -s a -l all-people -d 'everyone in the logs'
__attune_on report -s f -l format -x -a 'text md csv json html fhir' -d 'output format'
__attune_on report -l ascii -d 'plain ASCII charts'
__attune_on report -l notes -d 'every note of the period'
__attune_on report -l birth -x -d 'the baby\'s birth date, for the HTML report'
__attune_on report -l fhir-checkins -d 'with --format fhir: the check-ins too'
__attune_on report -s c -l check -d 'exit 3 if a reach-out rule fires'
__attune_on report -l rules -d 'the reach-out rules\' thresholds and sources'
__attune_on report -s q -l quiet -d 'print nothing'
__attune_on report -l strict -d 'a malformed row is an error'

__attune_on log -f
__attune_on log -n '__attune_log_word sub' -a 'edit undo'
__attune_on log -n '__attune_log_word id' -a '(__attune_ids)'
__attune_on log -s S -l screens -d 'the screens log, not the check-ins'
__attune_on log -s c -l count -x -d 'the latest N entries'
__attune_on log -l last -x -a '7d 14d 4w 3m' -d 'the last N days, weeks or months'
__attune_on log -s A -l all -d 'every entry in the live log'
__attune_on log -s f -l format -x -a 'text csv json' -d 'output format'
__attune_on log -s u -l undo -d 'take the last entry written away'
__attune_on log -s y -l yes -d 'do it without asking'
__attune_on log -s q -l quiet -d 'say nothing when done'
__attune_on log -s m -l mood -x -d 'edit: mood, 0 to 10'
__attune_on log -s b -l bond -x -d 'edit: how connected to your baby, 0 to 10'
__attune_on log -s a -l anxiety -x -d 'edit: how anxious, 0 to 10'
__attune_on log -s n -l numb -x -d 'edit: how numb, 0 to 10'
__attune_on log -s s -l sleep -x -d 'edit: hours slept in the last 24'
__attune_on log -s D -l did -x -a '(__attune_list skin talk sing read massage carry eye feed bath play walk rest)' -d 'edit: moments shared'
__attune_on log -l flag -x -a '(__attune_list intrusive panic rage cant-cope cant-care harm)' -d 'edit: concerns'
__attune_on log -s N -l note -x -d 'edit: a note'
__attune_on log -s t -l time -x -a 'today yesterday' -d 'edit: when'

__attune_on weekly -f
__attune_on weekly -s a -l all-people -d 'everyone in the logs, side by side'
__attune_on remind -f
__attune_on archive -f
__attune_on archive -s b -l before -x -d 'move check-ins dated before DATE'
__attune_on archive -s v -l verbose -d 'say what was moved'

__attune_on pool -a 'weekly screens urgent' -d 'view'
__attune_on pool -s e -l engine -x -a 'auto duckdb node' -d 'how to run DuckDB'
__attune_on pool -s t -l today -x -a 'today yesterday' -d 'the day the 14 days end'
__attune_on pool -l sql -d 'print the SQL instead of running it'

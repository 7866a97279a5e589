#!/bin/sh
# Every man page passes mandoc -Tlint with nothing to say.
. "$TOP/tests/lib.sh"
if ! command -v mandoc >/dev/null 2>&1; then
	skip "man pages lint clean" "mandoc is not installed"
else
	for m in "$TOP"/man/*.[157]; do
		run mandoc -Tlint -W warning "$m"
		check "$(basename "$m") is lint clean" out_empty
	done
fi
done_testing

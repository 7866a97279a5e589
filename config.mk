# config.mk: the build's settings, read by the Makefile.  Edit them here,
# or give them to make (make PREFIX=/usr); the environment counts too.
# VERSION and DATADIR reach the programs through lib/config.h, which make
# writes from them and rewrites only when they change: so whatever make
# runs with them next (make, make install) rebuilds what holds them.
# Editing this file rebuilds everything.

# The version, the one place it is written.  debian/changelog's first
# entry and the version= line of scripts/attune-* must say the same
# (tests/t02-build.sh checks that they do).
VERSION	 = 0.1.0

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/attune

CC	?= cc
CFLAGS	?= -O2 -g
WARN	 = -std=c11 -Wall -Wextra -Wpedantic -D_DEFAULT_SOURCE -D_GNU_SOURCE
ALL_CFLAGS = $(WARN) $(CPPFLAGS) $(CFLAGS) -Ilib
LDLIBS	 = -lcsv -lz

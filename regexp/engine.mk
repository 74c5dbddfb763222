# The regex engine's sources (file names in regexp/): one list for
# every build of the engine.  Kbuild includes this file for
# xt_layer7.ko; the top Makefile includes it with the other regexp/*.mk
# (sorted, so before regexp/regexp.mk and tests/regexp/regexp.mk, which
# build the userspace library and the tests from it).  Plain make: no
# variable of either build system may appear here.
L7RE_SRCS := l7re.c l7re_parse.c l7re_nfa.c l7re_dfa.c l7re_pre.c \
	l7re_multi.c l7re_mgroup.c l7re_mpre.c l7prep.c
# Userspace only: allocation with failure injection (l7re_env.h).
L7RE_USER_SRCS := l7re_env_user.c

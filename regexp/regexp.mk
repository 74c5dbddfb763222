# The regex engine: shared sources (kernel and userspace) and the
# userspace environment.
L7_SRCS += $(addprefix $(TOP)/regexp/,l7re.c l7re_parse.c l7re_nfa.c \
	l7re_dfa.c l7re_pre.c l7re_multi.c l7re_mgroup.c l7re_mpre.c l7prep.c l7re_env_user.c)

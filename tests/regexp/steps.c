// SPDX-License-Identifier: GPL-2.0
/* The step counter of the engine's test build (L7RE_COUNT_STEPS). */
unsigned long l7re_steps;

// SPDX-License-Identifier: BSD-2-Clause
/* empty.c - the baseline: a static program that does nothing. */
int main(void)
{
	return 0;
}

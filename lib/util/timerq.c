/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <stdlib.h>

#include "timerq.h"

static void sift_up(struct timerq_item *v, uint32_t i)
{
	struct timerq_item x = v[i];

	while (i > 0) {
		uint32_t p = (i - 1) / 2;

		if (v[p].due <= x.due)
			break;
		v[i] = v[p];
		i = p;
	}
	v[i] = x;
}

static void sift_down(struct timerq_item *v, uint32_t n, uint32_t i)
{
	struct timerq_item x = v[i];

	for (;;) {
		uint32_t c = 2 * i + 1;

		if (c >= n)
			break;
		if (c + 1 < n && v[c + 1].due < v[c].due)
			c++;
		if (x.due <= v[c].due)
			break;
		v[i] = v[c];
		i = c;
	}
	v[i] = x;
}

int timerq_push(struct timerq *q, uint64_t due, uint32_t id, uint32_t gen)
{
	if (q->n == q->cap) {
		uint32_t ncap = q->cap ? q->cap * 2 : 256;
		struct timerq_item *nv = realloc(q->v, sizeof(*nv) * ncap);

		if (nv == NULL)
			return -ENOMEM;
		q->v = nv;
		q->cap = ncap;
	}
	q->v[q->n] = (struct timerq_item){.due = due, .id = id, .gen = gen};
	sift_up(q->v, q->n++);
	return 0;
}

int timerq_pop_due(struct timerq *q, uint64_t now, struct timerq_item *out)
{
	if (q->n == 0 || q->v[0].due > now)
		return 0;
	*out = q->v[0];
	q->v[0] = q->v[--q->n];
	if (q->n > 0)
		sift_down(q->v, q->n, 0);
	return 1;
}

uint64_t timerq_next(const struct timerq *q)
{
	return q->n ? q->v[0].due : UINT64_MAX;
}

void timerq_compact(struct timerq *q, timerq_live_fn live, void *arg)
{
	uint32_t i, j = 0;

	for (i = 0; i < q->n; i++)
		if (live(arg, &q->v[i]))
			q->v[j++] = q->v[i];
	q->n = j;
	for (i = q->n / 2; i-- > 0;)
		sift_down(q->v, q->n, i);
}

void timerq_free(struct timerq *q)
{
	free(q->v);
	q->v = NULL;
	q->n = q->cap = 0;
}

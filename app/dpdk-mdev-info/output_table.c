/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The human table. The type name is the only free-text column, so it goes
 * last: every other column is one word, and `awk '{print $N}'` works on the
 * output.
 */

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "mdev_info.h"

enum table_col {
	COL_UUID,
	COL_PARENT,
	COL_TYPE,
	COL_API,
	COL_IOMMU,
	COL_NUMA,
	COL_KDRV,
	COL_ADMITTED,
	COL_DRIVER,
	COL_NAME,
	NB_COLS
};

static const char * const col_headers[NB_COLS] = {
	[COL_UUID] = "UUID",
	[COL_PARENT] = "PARENT",
	[COL_TYPE] = "TYPE",
	[COL_API] = "DEVICE_API",
	[COL_IOMMU] = "IOMMU",
	[COL_NUMA] = "NUMA",
	[COL_KDRV] = "KDRV",
	[COL_ADMITTED] = "ADMITTED",
	[COL_DRIVER] = "DRIVER",
	[COL_NAME] = "NAME",
};

#define CELL_MAX PATH_MAX

/* Absent values print as "-", so that no cell is empty. */
static const char *
or_dash(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : "-";
}

static void
cell_int(char *buf, size_t len, int v)
{
	if (v < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%d", v);
}

static void
cell_text(const struct mdev_info_entry *e, enum table_col col, char *buf,
	  size_t len)
{
	const struct rte_mdev_device *dev = e->dev;
	char *p;

	switch (col) {
	case COL_UUID:
		snprintf(buf, len, "%s", dev->name);
		break;
	case COL_PARENT:
		snprintf(buf, len, "%s", or_dash(dev->parent));
		break;
	case COL_TYPE:
		snprintf(buf, len, "%s", or_dash(dev->type->id));
		break;
	case COL_API:
		snprintf(buf, len, "%s", or_dash(dev->type->api_name));
		break;
	case COL_IOMMU:
		cell_int(buf, len, dev->iommu_group);
		break;
	case COL_NUMA:
		cell_int(buf, len, dev->device.numa_node);
		break;
	case COL_KDRV:
		snprintf(buf, len, "%s", or_dash(dev->kdrv));
		break;
	case COL_ADMITTED:
		snprintf(buf, len, "%s", e->admitted ? "yes" : "no");
		break;
	case COL_DRIVER:
		snprintf(buf, len, "%s",
			 e->driver != NULL ? or_dash(e->driver->driver.name) : "-");
		break;
	case COL_NAME:
	default:
		snprintf(buf, len, "%s", or_dash(dev->type->name));
		break;
	}
	/* sysfs text may hold anything; one device must stay one line. */
	for (p = buf; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
}

/* Columns in characters, counting a UTF-8 sequence as one. */
static size_t
text_width(const char *s)
{
	size_t w = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

static void
print_cell(FILE *f, const char *text, size_t width, bool last)
{
	size_t w;

	fputs(text, f);
	if (last) {
		fputc('\n', f);
		return;
	}
	for (w = text_width(text); w < width + 2; w++)
		fputc(' ', f);
}

int
mdev_info_print_table(FILE *f, const struct mdev_info_list *list)
{
	size_t widths[NB_COLS];
	char buf[CELL_MAX];
	unsigned int i, admitted = 0, with_driver = 0;
	int c;

	for (c = 0; c < NB_COLS; c++)
		widths[c] = text_width(col_headers[c]);
	for (i = 0; i < list->count; i++) {
		for (c = 0; c < NB_COLS; c++) {
			size_t w;

			cell_text(&list->entries[i], c, buf, sizeof(buf));
			w = text_width(buf);
			if (w > widths[c])
				widths[c] = w;
		}
		if (list->entries[i].admitted)
			admitted++;
		if (list->entries[i].driver != NULL)
			with_driver++;
	}

	for (c = 0; c < NB_COLS; c++)
		print_cell(f, col_headers[c], widths[c], c == NB_COLS - 1);
	for (i = 0; i < list->count; i++) {
		for (c = 0; c < NB_COLS; c++) {
			cell_text(&list->entries[i], c, buf, sizeof(buf));
			print_cell(f, buf, widths[c], c == NB_COLS - 1);
		}
	}
	fprintf(f, "%u device%s, %u admitted, %u with a driver\n", list->count,
		list->count == 1 ? "" : "s", admitted, with_driver);
	return ferror(f) ? -1 : 0;
}

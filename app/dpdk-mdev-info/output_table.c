/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The human table. The type name is the only free-text column, so it goes
 * last: every other column is one word, and `awk '{print $N}'` works on the
 * output. With --detail, one block per admitted device follows the summary
 * line, with the same one-word-per-column rule.
 */

#include <inttypes.h>
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
	const struct rte_mdev_info *info = &e->info;
	char *p;

	switch (col) {
	case COL_UUID:
		snprintf(buf, len, "%s", info->uuid);
		break;
	case COL_PARENT:
		snprintf(buf, len, "%s", or_dash(info->parent));
		break;
	case COL_TYPE:
		snprintf(buf, len, "%s", or_dash(info->type_id));
		break;
	case COL_API:
		snprintf(buf, len, "%s", or_dash(info->device_api));
		break;
	case COL_IOMMU:
		cell_int(buf, len, info->iommu_group);
		break;
	case COL_NUMA:
		cell_int(buf, len, info->numa_node);
		break;
	case COL_KDRV:
		snprintf(buf, len, "%s", or_dash(info->kernel_driver));
		break;
	case COL_ADMITTED:
		snprintf(buf, len, "%s", info->admitted ? "yes" : "no");
		break;
	case COL_DRIVER:
		snprintf(buf, len, "%s", or_dash(info->candidate));
		break;
	case COL_NAME:
	default:
		snprintf(buf, len, "%s", or_dash(info->type_name));
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

/* "0x1000+0xf000,0x20000+0x1000"; "-" without a sparse capability. */
static void
sparse_text(char *buf, size_t len, const struct rte_vfio_dev_region *r)
{
	size_t used = 0;
	uint32_t i;

	if (!r->has_sparse) {
		snprintf(buf, len, "-");
		return;
	}
	if (r->nb_areas == 0) {
		snprintf(buf, len, "none");
		return;
	}
	buf[0] = '\0';
	for (i = 0; i < r->nb_areas && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%#" PRIx64 "+%#" PRIx64,
				 i > 0 ? "," : "", r->areas[i].offset,
				 r->areas[i].size);
}

/* Capabilities other than sparse mmap: "type=1:2,msix-mappable" or "-". */
static void
caps_text(char *buf, size_t len, const struct rte_vfio_dev_region *r)
{
	int used = 0;

	buf[0] = '\0';
	if (r->has_type)
		used = snprintf(buf, len, "type=%u:%u", r->type.type,
				r->type.subtype);
	if (r->msix_mappable)
		snprintf(buf + used, len - used, "%smsix-mappable",
			 used > 0 ? "," : "");
	if (buf[0] == '\0')
		snprintf(buf, len, "-");
}

static void
print_regions(FILE *f, const struct rte_vfio_dev *v)
{
	char size[24], offset[24], flags[96], sparse[256], caps[64];
	const struct rte_vfio_dev_region *r;
	const char *name;
	uint32_t i;

	fprintf(f, "  %-6s  %-6s  %-14s  %-14s  %-22s  %-24s  %s\n", "REGION",
		"NAME", "SIZE", "OFFSET", "FLAGS", "SPARSE", "CAPS");
	for (i = 0; i < rte_vfio_dev_nb_regions(v); i++) {
		r = rte_vfio_dev_region(v, i);
		if (r == NULL)
			continue;
		name = mdev_info_region_name(v, i);
		snprintf(size, sizeof(size), "%#" PRIx64, r->size);
		snprintf(offset, sizeof(offset), "%#" PRIx64, r->offset);
		mdev_info_flags_text(flags, sizeof(flags), r->flags,
				     mdev_info_region_flags);
		sparse_text(sparse, sizeof(sparse), r);
		caps_text(caps, sizeof(caps), r);
		fprintf(f, "  %-6u  %-6s  %-14s  %-14s  %-22s  %-24s  %s\n", i,
			name != NULL ? name : "-", size, offset, flags, sparse,
			caps);
	}
}

static void
print_irqs(FILE *f, const struct rte_vfio_dev *v)
{
	const struct rte_vfio_dev_irq *irq;
	char flags[96];
	const char *name;
	uint32_t i;

	fprintf(f, "  %-6s  %-6s  %-6s  %s\n", "IRQ", "NAME", "COUNT", "FLAGS");
	for (i = 0; i < rte_vfio_dev_nb_irqs(v); i++) {
		irq = rte_vfio_dev_irq(v, i);
		if (irq == NULL)
			continue;
		name = mdev_info_irq_name(v, i);
		mdev_info_flags_text(flags, sizeof(flags), irq->flags,
				     mdev_info_irq_flags);
		fprintf(f, "  %-6u  %-6s  %-6u  %s\n", i,
			name != NULL ? name : "-", irq->count, flags);
	}
}

/*
 *   <uuid>  flags 0x3 RESET|PCI  regions 9  irqs 5
 *     iommu type1v2  container type1v2
 *     REGION  NAME ...
 * or
 *   <uuid>  error: cannot open through VFIO: ...
 */
static void
print_detail(FILE *f, const struct mdev_info_entry *e)
{
	const struct rte_vfio_dev *v = e->vfio;
	char flags[96];

	fputc('\n', f);
	if (v == NULL) {
		fprintf(f, "%s  error: %s\n", e->info.uuid, e->vfio_error);
		return;
	}
	mdev_info_flags_text(flags, sizeof(flags), rte_vfio_dev_flags(v),
			     mdev_info_device_flags);
	fprintf(f, "%s  flags %#x %s  regions %u  irqs %u\n", e->info.uuid,
		rte_vfio_dev_flags(v), flags, rte_vfio_dev_nb_regions(v),
		rte_vfio_dev_nb_irqs(v));
	fprintf(f, "  iommu %s  container %s\n",
		rte_vfio_dev_iommu_type_name(rte_vfio_dev_iommu_type(v)),
		rte_vfio_dev_iommu_name(rte_vfio_dev_iommu_mode(v)));
	if (rte_vfio_dev_nb_regions(v) > 0)
		print_regions(f, v);
	if (rte_vfio_dev_nb_irqs(v) > 0)
		print_irqs(f, v);
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
		if (list->entries[i].info.admitted)
			admitted++;
		if (list->entries[i].info.candidate != NULL)
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
	for (i = 0; list->detail && i < list->count; i++)
		if (list->entries[i].detailed)
			print_detail(f, &list->entries[i]);
	return ferror(f) ? -1 : 0;
}

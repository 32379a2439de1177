/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* Interrupts: eventfd triggers, EAL interrupt handles, notifiers. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/vfio.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_interrupts.h>
#include <rte_pause.h>
#include <eal_export.h>

#include "vfio_dev_private.h"

/* A notifier IRQ index routed to a callback in EAL's interrupt thread. */
struct vfio_dev_notifier {
	TAILQ_ENTRY(vfio_dev_notifier) next;
	struct rte_vfio_dev *vdev;
	uint32_t index;
	struct rte_intr_handle *handle; /* owns the eventfd */
	rte_vfio_dev_notify_t cb;
	void *arg;
	/* Set when disabled: a firing already queued must not call cb. */
	volatile bool disabled;
};

static int
irq_set(const struct rte_vfio_dev *vdev, uint32_t index, uint32_t flags,
	uint32_t start, uint32_t count, const void *data, size_t dlen)
{
	struct vfio_irq_set *set;
	int ret = 0;

	set = calloc(1, sizeof(*set) + dlen);
	if (set == NULL)
		return -ENOMEM;
	set->argsz = sizeof(*set) + dlen;
	set->flags = flags;
	set->index = index;
	set->start = start;
	set->count = count;
	if (dlen > 0)
		memcpy(set->data, data, dlen);
	if (ioctl(vdev->fd, VFIO_DEVICE_SET_IRQS, set) < 0)
		ret = -errno;
	free(set);
	return ret;
}

static const struct rte_vfio_dev_irq *
irq_lookup(const struct rte_vfio_dev *vdev, uint32_t index)
{
	if (vdev == NULL || index >= vdev->nb_irqs ||
	    vdev->irqs[index].count == 0)
		return NULL;
	return &vdev->irqs[index];
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_irq_enable)
int
rte_vfio_dev_irq_enable(struct rte_vfio_dev *vdev, uint32_t index,
			uint32_t start, uint32_t count, const int *efds)
{
	const struct rte_vfio_dev_irq *irq = irq_lookup(vdev, index);
	int ret;

	/* The kernel takes an array of int32_t: the caller's, as is. */
	RTE_BUILD_BUG_ON(sizeof(*efds) != sizeof(int32_t));
	if (irq == NULL)
		return -ENOTSUP;
	if ((irq->flags & VFIO_IRQ_INFO_EVENTFD) == 0)
		return -ENOTSUP;
	if (efds == NULL || count == 0 || start >= irq->count ||
	    count > irq->count - start)
		return -EINVAL;
	ret = irq_set(vdev, index,
		      VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
		      start, count, efds, (size_t)count * sizeof(*efds));
	if (ret < 0) {
		VFIO_DEV_LOG(ERR, "%s: IRQ index %u vectors [%u, %u): %s",
			     vdev->name, index, start, start + count,
			     strerror(-ret));
		return ret;
	}
	vdev->irq_enabled[index] = true;
	return 0;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_irq_disable)
int
rte_vfio_dev_irq_disable(struct rte_vfio_dev *vdev, uint32_t index)
{
	int ret;

	if (irq_lookup(vdev, index) == NULL)
		return -ENOTSUP;
	ret = irq_set(vdev, index,
		      VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
		      0, 0, NULL, 0);
	vdev->irq_enabled[index] = false;
	return ret;
}

static int
irq_mask_action(struct rte_vfio_dev *vdev, uint32_t index, uint32_t vector,
		uint32_t action)
{
	const struct rte_vfio_dev_irq *irq = irq_lookup(vdev, index);

	if (irq == NULL)
		return -ENOTSUP;
	if ((irq->flags & VFIO_IRQ_INFO_MASKABLE) == 0)
		return -ENOTSUP;
	if (vector >= irq->count)
		return -EINVAL;
	return irq_set(vdev, index, VFIO_IRQ_SET_DATA_NONE | action,
		       vector, 1, NULL, 0);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_irq_unmask)
int
rte_vfio_dev_irq_unmask(struct rte_vfio_dev *vdev, uint32_t index,
			uint32_t vector)
{
	return irq_mask_action(vdev, index, vector,
			       VFIO_IRQ_SET_ACTION_UNMASK);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_irq_mask)
int
rte_vfio_dev_irq_mask(struct rte_vfio_dev *vdev, uint32_t index,
		      uint32_t vector)
{
	return irq_mask_action(vdev, index, vector, VFIO_IRQ_SET_ACTION_MASK);
}

/* The index bus/pci would pick under the --vfio-intr setting. */
static bool
intr_mode_allows(uint32_t index)
{
	switch (rte_eal_vfio_intr_mode()) {
	case RTE_INTR_MODE_MSIX:
		return index == VFIO_PCI_MSIX_IRQ_INDEX;
	case RTE_INTR_MODE_MSI:
		return index == VFIO_PCI_MSI_IRQ_INDEX;
	case RTE_INTR_MODE_LEGACY:
		return index == VFIO_PCI_INTX_IRQ_INDEX;
	default:
		return true;
	}
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_intr_prepare)
int
rte_vfio_dev_intr_prepare(struct rte_vfio_dev *vdev,
			  struct rte_intr_handle *handle)
{
	static const struct {
		uint32_t index;
		enum rte_intr_handle_type type;
	} kinds[] = {
		{ VFIO_PCI_MSIX_IRQ_INDEX, RTE_INTR_HANDLE_VFIO_MSIX },
		{ VFIO_PCI_MSI_IRQ_INDEX, RTE_INTR_HANDLE_VFIO_MSI },
		{ VFIO_PCI_INTX_IRQ_INDEX, RTE_INTR_HANDLE_VFIO_LEGACY },
	};
	const struct rte_vfio_dev_irq *irq;
	unsigned int i;
	int fd;

	if (vdev == NULL || handle == NULL)
		return -EINVAL;
	if ((vdev->flags & VFIO_DEVICE_FLAGS_PCI) == 0)
		return -ENOTSUP;
	if (vdev->intr_fd >= 0)
		return -EBUSY;
	for (i = 0; i < RTE_DIM(kinds); i++) {
		irq = irq_lookup(vdev, kinds[i].index);
		if (irq == NULL || (irq->flags & VFIO_IRQ_INFO_EVENTFD) == 0 ||
		    !intr_mode_allows(kinds[i].index))
			continue;
		/* Room for every vector, for rte_intr_efd_enable(). */
		if (kinds[i].index == VFIO_PCI_MSIX_IRQ_INDEX &&
		    (uint32_t)rte_intr_nb_intr_get(handle) < irq->count &&
		    rte_intr_event_list_update(handle, irq->count) != 0)
			return -ENOMEM;
		fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (fd < 0)
			return -errno;
		if (rte_intr_fd_set(handle, fd) != 0 ||
		    rte_intr_dev_fd_set(handle, vdev->fd) != 0 ||
		    rte_intr_type_set(handle, kinds[i].type) != 0) {
			close(fd);
			rte_intr_fd_set(handle, -1);
			return -EINVAL;
		}
		vdev->intr_fd = fd;
		vdev->intr_index = kinds[i].index;
		VFIO_DEV_LOG(DEBUG, "%s: interrupts through IRQ index %u (%u vectors)",
			     vdev->name, kinds[i].index, irq->count);
		return 0;
	}
	VFIO_DEV_LOG(DEBUG, "%s: no MSI-X, MSI or INTx with eventfd",
		     vdev->name);
	return -ENOTSUP;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_intr_release)
void
rte_vfio_dev_intr_release(struct rte_vfio_dev *vdev,
			  struct rte_intr_handle *handle)
{
	if (vdev == NULL || vdev->intr_fd < 0)
		return;
	/*
	 * The kernel keeps signalling an eventfd it holds, closed or not:
	 * turn the trigger off first. Refused when already off, which is
	 * what we want anyway.
	 */
	irq_set(vdev, vdev->intr_index,
		VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
		0, 0, NULL, 0);
	if (handle != NULL && rte_intr_fd_get(handle) == vdev->intr_fd) {
		rte_intr_fd_set(handle, -1);
		rte_intr_type_set(handle, RTE_INTR_HANDLE_UNKNOWN);
	}
	close(vdev->intr_fd);
	vdev->intr_fd = -1;
	vdev->intr_index = -1;
}

static void
notifier_free(struct vfio_dev_notifier *n)
{
	int fd = rte_intr_fd_get(n->handle);

	if (fd >= 0)
		close(fd);
	rte_intr_instance_free(n->handle);
	free(n);
}

/* EAL calls this once the callback that disabled the notifier returned. */
static void
notifier_free_pending(struct rte_intr_handle *handle __rte_unused, void *arg)
{
	notifier_free(arg);
}

static void
notifier_fire(void *arg)
{
	struct vfio_dev_notifier *n = arg;
	uint64_t count;

	/* Level-triggered: drain it, or EAL calls back forever. */
	if (read(rte_intr_fd_get(n->handle), &count, sizeof(count)) !=
	    sizeof(count))
		return;
	if (n->disabled)
		return;
	/* n and n->vdev may be gone once cb returns. */
	n->cb(n->vdev, n->arg);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_notifier_enable)
int
rte_vfio_dev_notifier_enable(struct rte_vfio_dev *vdev, uint32_t index,
			     rte_vfio_dev_notify_t cb, void *arg)
{
	const struct rte_vfio_dev_irq *irq = irq_lookup(vdev, index);
	struct vfio_dev_notifier *n;
	int fd, ret;

	if (vdev == NULL || cb == NULL)
		return -EINVAL;
	if (irq == NULL || (irq->flags & VFIO_IRQ_INFO_EVENTFD) == 0)
		return -ENOTSUP;
	TAILQ_FOREACH(n, &vdev->notifiers, next)
		if (n->index == index)
			return -EBUSY;
	n = calloc(1, sizeof(*n));
	if (n == NULL)
		return -ENOMEM;
	n->vdev = vdev;
	n->index = index;
	n->cb = cb;
	n->arg = arg;
	n->handle = rte_intr_instance_alloc(RTE_INTR_INSTANCE_F_PRIVATE);
	if (n->handle == NULL) {
		free(n);
		return -ENOMEM;
	}
	fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		rte_intr_instance_free(n->handle);
		free(n);
		return ret;
	}
	if (rte_intr_fd_set(n->handle, fd) != 0 ||
	    rte_intr_type_set(n->handle, RTE_INTR_HANDLE_EXT) != 0 ||
	    rte_intr_dev_fd_set(n->handle, vdev->fd) != 0) {
		notifier_free(n);
		return -EINVAL;
	}
	ret = rte_intr_callback_register(n->handle, notifier_fire, n);
	if (ret < 0) {
		VFIO_DEV_LOG(ERR, "%s: IRQ index %u: cannot register callback",
			     vdev->name, index);
		notifier_free(n);
		return ret;
	}
	ret = irq_set(vdev, index,
		      VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
		      0, 1, &fd, sizeof(fd));
	if (ret < 0) {
		VFIO_DEV_LOG(ERR, "%s: IRQ index %u: cannot set eventfd: %s",
			     vdev->name, index, strerror(-ret));
		rte_intr_callback_unregister_sync(n->handle, notifier_fire, n);
		notifier_free(n);
		return ret;
	}
	TAILQ_INSERT_TAIL(&vdev->notifiers, n, next);
	return 0;
}

static void
notifier_stop(struct rte_vfio_dev *vdev, struct vfio_dev_notifier *n)
{
	int ret;

	TAILQ_REMOVE(&vdev->notifiers, n, next);
	n->disabled = true;
	irq_set(vdev, n->index,
		VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
		0, 0, NULL, 0);
	for (;;) {
		ret = rte_intr_callback_unregister(n->handle, notifier_fire, n);
		if (ret != -EAGAIN)
			break;
		/*
		 * Its source is running. In the interrupt thread that can
		 * only be this very callback: let EAL free it on return.
		 */
		if (rte_thread_is_intr()) {
			ret = rte_intr_callback_unregister_pending(n->handle,
				notifier_fire, n, notifier_free_pending);
			if (ret > 0)
				return;
			continue;
		}
		rte_pause();
	}
	notifier_free(n);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_notifier_disable)
void
rte_vfio_dev_notifier_disable(struct rte_vfio_dev *vdev, uint32_t index)
{
	struct vfio_dev_notifier *n;

	if (vdev == NULL)
		return;
	TAILQ_FOREACH(n, &vdev->notifiers, next) {
		if (n->index == index) {
			notifier_stop(vdev, n);
			return;
		}
	}
}

void
vfio_dev_irq_close(struct rte_vfio_dev *vdev)
{
	struct vfio_dev_notifier *n;
	uint32_t i;

	while ((n = TAILQ_FIRST(&vdev->notifiers)) != NULL)
		notifier_stop(vdev, n);
	rte_vfio_dev_intr_release(vdev, NULL);
	for (i = 0; i < vdev->nb_irqs; i++)
		if (vdev->irq_enabled[i])
			rte_vfio_dev_irq_disable(vdev, i);
}

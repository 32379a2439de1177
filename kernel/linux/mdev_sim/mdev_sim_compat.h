/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mdev_sim: the kernel API differences between the Linux releases the
 * module builds against (6.1 to 7.2), in one place. The code uses the names
 * below and never tests LINUX_VERSION_CODE itself.
 */
#ifndef MDEV_SIM_COMPAT_H
#define MDEV_SIM_COMPAT_H

#include <linux/device.h>
#include <linux/eventfd.h>
#include <linux/version.h>
#include <linux/vfio.h>

/* 6.4 dropped class_create()'s module argument. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#define mdev_sim_class_create(name)	class_create(name)
#else
#define mdev_sim_class_create(name)	class_create(THIS_MODULE, name)
#endif

/* 6.8 dropped eventfd_signal()'s count: it always adds one. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
#define mdev_sim_eventfd_signal(ctx)	eventfd_signal(ctx)
#else
#define mdev_sim_eventfd_signal(ctx)	eventfd_signal(ctx, 1)
#endif

/*
 * The end of vfio_device_ops.release: up to 6.1 the driver frees the
 * device; from 6.2 the core does, after .release returns.
 */
static inline void mdev_sim_vfio_free_device(struct vfio_device *vdev)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
	vfio_free_device(vdev);
#endif
}

/*
 * Emulated-IOMMU devices reached through iommufd (6.2; detach_ioas 6.6).
 * Without CONFIG_IOMMUFD (Debian's kernels) the helpers are NULL.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
#define MDEV_SIM_IOMMUFD_OPS \
	.bind_iommufd	= vfio_iommufd_emulated_bind, \
	.unbind_iommufd	= vfio_iommufd_emulated_unbind, \
	.attach_ioas	= vfio_iommufd_emulated_attach_ioas, \
	.detach_ioas	= vfio_iommufd_emulated_detach_ioas,
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define MDEV_SIM_IOMMUFD_OPS \
	.bind_iommufd	= vfio_iommufd_emulated_bind, \
	.unbind_iommufd	= vfio_iommufd_emulated_unbind, \
	.attach_ioas	= vfio_iommufd_emulated_attach_ioas,
#else
#define MDEV_SIM_IOMMUFD_OPS
#endif

/*
 * From 6.19 the core answers VFIO_DEVICE_GET_REGION_INFO (argsz checks,
 * capability chain copy) and asks the driver only for the contents; before,
 * the ioctl reaches the driver's .ioctl, which does the same work itself.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 19, 0)
#define MDEV_SIM_REGION_INFO_OP(fn)	.get_region_info_caps = (fn),
#else
#define MDEV_SIM_REGION_INFO_OP(fn)
#endif

#endif /* MDEV_SIM_COMPAT_H */

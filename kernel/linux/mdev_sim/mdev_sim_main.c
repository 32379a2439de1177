// SPDX-License-Identifier: GPL-2.0
/*
 * mdev_sim core: parents, mdev types, instance accounting and the VFIO
 * device file operations shared by every family.
 *
 * Each family (vfio-pci, vfio-ap) needs its own parent because the mdev core
 * of Linux 6.1 ties device_api to the mdev driver, and a parent has exactly
 * one driver. Both parents are devices of the "mdev_sim" class, which makes
 * the type directories read "mdev_sim-<type>".
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/module.h>
#include <linux/nodemask.h>
#include <linux/numa.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "mdev_sim.h"

#define MDEV_SIM_MAX_INSTANCES_LIMIT	64

static unsigned int max_instances = 4;
module_param(max_instances, uint, 0444);
MODULE_PARM_DESC(max_instances,
		 "Maximum number of devices per mdev type (1-64, default 4)");

/*
 * A vendor driver's parent is usually a PCI device, whose numa_node tells
 * userspace where to place the memory that device touches. Ours are
 * virtual: this gives them one, so that what userspace does with it can be
 * tested (NUMA_NO_NODE, the default, is what a virtual parent reports).
 */
static int parent_numa_node = NUMA_NO_NODE;
module_param_named(numa_node, parent_numa_node, int, 0444);
MODULE_PARM_DESC(numa_node,
		 "NUMA node the parents report: an online node, or -1 for none (default)");

/* Serialises instance counts between sysfs create/remove of all types. */
static DEFINE_MUTEX(mdev_sim_instances_lock);

static struct mdev_type *mdev_sim_pci_types[] = {
	&mdev_sim_test_type.mtype,
	&mdev_sim_net_type.mtype,
	&mdev_sim_crypto_type.mtype,
	&mdev_sim_avf_type.mtype,
};

static struct mdev_type *mdev_sim_ap_types[] = {
	&mdev_sim_ap_type.mtype,
};

struct mdev_sim_parent {
	const struct mdev_sim_family *family;
	struct mdev_type **types;
	unsigned int nr_types;
	struct device dev;
	struct mdev_parent parent;
	struct mdev_driver driver;
	bool dev_registered;
	bool driver_registered;
	bool parent_registered;
};

static struct mdev_sim_parent mdev_sim_parents[] = {
	{
		.family = &mdev_sim_pci_family,
		.types = mdev_sim_pci_types,
		.nr_types = ARRAY_SIZE(mdev_sim_pci_types),
	},
	{
		.family = &mdev_sim_ap_family,
		.types = mdev_sim_ap_types,
		.nr_types = ARRAY_SIZE(mdev_sim_ap_types),
	},
};

static struct class *mdev_sim_class;

static const struct vfio_device_ops mdev_sim_vfio_ops;

static inline struct mdev_sim_dev *to_sdev(struct vfio_device *vdev)
{
	return container_of(vdev, struct mdev_sim_dev, vdev);
}

/* ---- instance accounting ---- */

static int mdev_sim_claim_instance(struct mdev_sim_type *type)
{
	int ret = 0;

	mutex_lock(&mdev_sim_instances_lock);
	if (type->instances >= max_instances)
		ret = -ENOSPC;
	else
		type->instances++;
	mutex_unlock(&mdev_sim_instances_lock);
	return ret;
}

static void mdev_sim_release_instance(struct mdev_sim_type *type)
{
	mutex_lock(&mdev_sim_instances_lock);
	if (!WARN_ON(!type->instances))
		type->instances--;
	mutex_unlock(&mdev_sim_instances_lock);
}

static unsigned int mdev_sim_get_available(struct mdev_type *mtype)
{
	struct mdev_sim_type *type = to_mdev_sim_type(mtype);
	unsigned int avail;

	mutex_lock(&mdev_sim_instances_lock);
	avail = max_instances - type->instances;
	mutex_unlock(&mdev_sim_instances_lock);
	return avail;
}

static ssize_t mdev_sim_show_description(struct mdev_type *mtype, char *buf)
{
	return sysfs_emit(buf, "%s\n", to_mdev_sim_type(mtype)->description);
}

/* ---- mdev driver ---- */

static int mdev_sim_probe(struct mdev_device *mdev)
{
	struct mdev_sim_type *type = to_mdev_sim_type(mdev->type);
	struct mdev_sim_dev *sdev;
	int ret;

	/*
	 * With a get_available callback the mdev core leaves the limit to the
	 * driver, so refusing here is what keeps available_instances honest.
	 */
	ret = mdev_sim_claim_instance(type);
	if (ret)
		return ret;

	sdev = vfio_alloc_device(mdev_sim_dev, vdev, &mdev->dev,
				 &mdev_sim_vfio_ops);
	if (IS_ERR(sdev)) {
		ret = PTR_ERR(sdev);
		goto err_release;
	}

	ret = vfio_register_emulated_iommu_dev(&sdev->vdev);
	if (ret)
		goto err_put;

	dev_set_drvdata(&mdev->dev, sdev);
	if (type->attach) {
		ret = type->attach(sdev);
		if (ret)
			goto err_unregister;
	}
	return 0;

err_unregister:
	vfio_unregister_group_dev(&sdev->vdev);
err_put:
	vfio_put_device(&sdev->vdev);
err_release:
	mdev_sim_release_instance(type);
	return ret;
}

static void mdev_sim_remove(struct mdev_device *mdev)
{
	struct mdev_sim_dev *sdev = dev_get_drvdata(&mdev->dev);
	struct mdev_sim_type *type = sdev->type;

	if (type->detach)
		type->detach(sdev);
	/* Blocks, calling .request, until userspace has closed the device. */
	vfio_unregister_group_dev(&sdev->vdev);
	vfio_put_device(&sdev->vdev);
	mdev_sim_release_instance(type);
}

/* ---- vfio_device_ops: lifetime ---- */

static int mdev_sim_init_dev(struct vfio_device *vdev)
{
	struct mdev_sim_dev *sdev = to_sdev(vdev);
	struct mdev_device *mdev = to_mdev_device(vdev->dev);

	sdev->type = to_mdev_sim_type(mdev->type);
	mutex_init(&sdev->lock);
	mdev_sim_pin_init(sdev);
	return sdev->type->family->init(sdev);
}

static void mdev_sim_release_dev(struct vfio_device *vdev)
{
	struct mdev_sim_dev *sdev = to_sdev(vdev);

	sdev->type->family->release(sdev);
	mdev_sim_pin_destroy(sdev);
	mutex_destroy(&sdev->lock);
	mdev_sim_vfio_free_device(vdev);
}

static int mdev_sim_open_device(struct vfio_device *vdev)
{
	struct mdev_sim_dev *sdev = to_sdev(vdev);
	const struct mdev_sim_family *family = sdev->type->family;

	mdev_sim_pin_open(sdev);
	if (family->open) {
		mutex_lock(&sdev->lock);
		family->open(sdev);
		mutex_unlock(&sdev->lock);
	}
	return 0;
}

static void mdev_sim_close_device(struct vfio_device *vdev)
{
	struct mdev_sim_dev *sdev = to_sdev(vdev);
	const struct mdev_sim_family *family = sdev->type->family;

	if (family->close) {
		mutex_lock(&sdev->lock);
		family->close(sdev);
		mutex_unlock(&sdev->lock);
	}
	/* The VFIO core leaves the container only after this returns. */
	mdev_sim_pin_close(sdev);
}

/*
 * Userspace unmaps IOVA space: type1 asks for every page pinned in it
 * back, synchronously (see mdev_sim_pin.c). Called concurrently with
 * anything, even after close_device, until the device leaves the
 * container.
 */
static void mdev_sim_dma_unmap(struct vfio_device *vdev, u64 iova, u64 length)
{
	mdev_sim_pin_dma_unmap(to_sdev(vdev), iova, length);
}

static void mdev_sim_request(struct vfio_device *vdev, unsigned int count)
{
	struct mdev_sim_dev *sdev = to_sdev(vdev);
	const struct mdev_sim_family *family = sdev->type->family;

	if (family->request) {
		mutex_lock(&sdev->lock);
		family->request(sdev, count);
		mutex_unlock(&sdev->lock);
	} else if (count == 0) {
		dev_notice(mdev_sim_dev_to_dev(sdev),
			   "removal waits for userspace to close the device\n");
	}
}

/* ---- vfio_device_ops: read/write ---- */

/* Largest naturally aligned access of at most 4 bytes at @pos. */
static unsigned int mdev_sim_chunk(u64 pos, size_t remaining)
{
	if (remaining >= 4 && IS_ALIGNED(pos, 4))
		return 4;
	if (remaining >= 2 && IS_ALIGNED(pos, 2))
		return 2;
	return 1;
}

static int mdev_sim_decode_pos(struct mdev_sim_dev *sdev, loff_t pos,
			       size_t count, unsigned int *index, u64 *off)
{
	const struct mdev_sim_family *family = sdev->type->family;
	u64 size;

	if (pos < 0)
		return -EINVAL;

	*index = (u64)pos >> MDEV_SIM_OFFSET_SHIFT;
	*off = (u64)pos & MDEV_SIM_OFFSET_MASK;
	if (*index >= family->num_regions)
		return -EINVAL;

	size = family->region_size(sdev, *index);
	if (*off >= size || count > size - *off)
		return -EINVAL;
	return 0;
}

static int mdev_sim_access_one(struct mdev_sim_dev *sdev, unsigned int index,
			       u64 off, void *buf, unsigned int size,
			       bool write)
{
	const struct mdev_sim_family *family = sdev->type->family;
	int ret;

	if (family->access_nolock) {
		ret = family->access_nolock(sdev, index, off, buf, size, write);
		if (ret <= 0)
			return ret;
	}
	mutex_lock(&sdev->lock);
	ret = family->access(sdev, index, off, buf, size, write);
	mutex_unlock(&sdev->lock);
	return ret;
}

/*
 * Registers are emulated one naturally aligned access at a time, so that a
 * large read or write has the same effect as the equivalent series of CPU
 * accesses on real hardware.
 */
static ssize_t mdev_sim_rw(struct mdev_sim_dev *sdev, char __user *ubuf,
			   size_t count, loff_t *ppos, bool write)
{
	unsigned int index;
	size_t done = 0;
	u64 off;
	int ret;

	if (!count)
		return 0;

	ret = mdev_sim_decode_pos(sdev, *ppos, count, &index, &off);
	if (ret)
		return ret;

	while (done < count) {
		unsigned int chunk = mdev_sim_chunk(off + done, count - done);
		u8 val[4] = { 0 };

		if (write && copy_from_user(val, ubuf + done, chunk))
			return done ? done : -EFAULT;

		ret = mdev_sim_access_one(sdev, index, off + done, val, chunk,
					  write);
		if (ret)
			return done ? done : ret;

		if (!write && copy_to_user(ubuf + done, val, chunk))
			return done ? done : -EFAULT;

		done += chunk;
		if (fatal_signal_pending(current))
			break;
		cond_resched();
	}

	*ppos += done;
	return done;
}

static ssize_t mdev_sim_read(struct vfio_device *vdev, char __user *buf,
			     size_t count, loff_t *ppos)
{
	return mdev_sim_rw(to_sdev(vdev), buf, count, ppos, false);
}

static ssize_t mdev_sim_write(struct vfio_device *vdev, const char __user *buf,
			      size_t count, loff_t *ppos)
{
	return mdev_sim_rw(to_sdev(vdev), (char __user *)buf, count, ppos,
			   true);
}

/* ---- vfio_device_ops: mmap ---- */

static int mdev_sim_mmap(struct vfio_device *vdev, struct vm_area_struct *vma)
{
	struct mdev_sim_dev *sdev = to_sdev(vdev);
	const struct mdev_sim_family *family = sdev->type->family;
	unsigned int index;
	u64 pos;

	/* pgoff << PAGE_SHIFT must not overflow 64 bits */
	if (vma->vm_pgoff > (U64_MAX >> PAGE_SHIFT))
		return -EINVAL;
	pos = (u64)vma->vm_pgoff << PAGE_SHIFT;

	index = pos >> MDEV_SIM_OFFSET_SHIFT;
	if (index >= family->num_regions || !family->mmap)
		return -EINVAL;

	/* A private mapping would silently detach from the device memory. */
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;

	/*
	 * No device lock: mmap runs under mmap_lock, and a model doing DMA
	 * holds the device lock while vfio_dma_rw() faults in user pages,
	 * which takes mmap_lock; taking both here would invert that order.
	 */
	return family->mmap(sdev, index, pos & MDEV_SIM_OFFSET_MASK, vma);
}

/* ---- vfio_device_ops: ioctl ---- */

static long mdev_sim_ioctl_get_info(struct mdev_sim_dev *sdev,
				    void __user *uarg)
{
	const struct mdev_sim_family *family = sdev->type->family;
	unsigned long minsz = offsetofend(struct vfio_device_info, num_irqs);
	struct vfio_device_info info;

	if (copy_from_user(&info, uarg, minsz))
		return -EFAULT;
	if (info.argsz < minsz)
		return -EINVAL;

	info.flags = family->flags;
	info.num_regions = family->num_regions;
	info.num_irqs = family->num_irqs;

	return copy_to_user(uarg, &info, minsz) ? -EFAULT : 0;
}

/*
 * vfio_device_ops.get_region_info_caps (6.19+), and the body of the ioctl
 * below on older kernels: fills a region's info and capability chain. The
 * caller has copied and size-checked the fixed part; index is the user's.
 */
static int mdev_sim_get_region_info_caps(struct vfio_device *vdev,
					 struct vfio_region_info *info,
					 struct vfio_info_cap *caps)
{
	struct mdev_sim_dev *sdev = to_sdev(vdev);
	const struct mdev_sim_family *family = sdev->type->family;
	int ret;

	if (info->index >= family->num_regions)
		return -EINVAL;

	info->flags = 0;
	info->cap_offset = 0;
	info->offset = MDEV_SIM_REGION_OFFSET(info->index);

	mutex_lock(&sdev->lock);
	ret = family->region_info(sdev, info, caps);
	mutex_unlock(&sdev->lock);
	return ret;
}

/*
 * VFIO_DEVICE_GET_REGION_INFO before 6.19, where the core passes it to the
 * driver: copies the capability chain behind the fixed structure when it
 * fits; when it does not, tells userspace the size it needs through argsz,
 * as the VFIO API asks. From 6.19 the core does this and never gets here.
 */
static long mdev_sim_ioctl_get_region_info(struct mdev_sim_dev *sdev,
					   void __user *uarg)
{
	unsigned long minsz = offsetofend(struct vfio_region_info, offset);
	struct vfio_info_cap caps = { .buf = NULL, .size = 0 };
	struct vfio_region_info info;
	int ret;

	if (copy_from_user(&info, uarg, minsz))
		return -EFAULT;
	if (info.argsz < minsz)
		return -EINVAL;

	ret = mdev_sim_get_region_info_caps(&sdev->vdev, &info, &caps);
	if (ret)
		goto out;

	if (caps.size) {
		info.flags |= VFIO_REGION_INFO_FLAG_CAPS;
		if (info.argsz < sizeof(info) + caps.size) {
			info.argsz = sizeof(info) + caps.size;
			info.cap_offset = 0;
		} else {
			vfio_info_cap_shift(&caps, sizeof(info));
			if (copy_to_user(uarg + sizeof(info), caps.buf,
					 caps.size)) {
				ret = -EFAULT;
				goto out;
			}
			info.cap_offset = sizeof(info);
		}
	}
	if (copy_to_user(uarg, &info, minsz))
		ret = -EFAULT;
out:
	kfree(caps.buf);
	return ret;
}

static long mdev_sim_ioctl_get_irq_info(struct mdev_sim_dev *sdev,
					void __user *uarg)
{
	const struct mdev_sim_family *family = sdev->type->family;
	unsigned long minsz = offsetofend(struct vfio_irq_info, count);
	struct vfio_irq_info info;

	if (copy_from_user(&info, uarg, minsz))
		return -EFAULT;
	if (info.argsz < minsz || info.index >= family->num_irqs)
		return -EINVAL;

	info.flags = 0;
	info.count = 0;
	family->irq_info(sdev, &info);

	return copy_to_user(uarg, &info, minsz) ? -EFAULT : 0;
}

static long mdev_sim_ioctl_set_irqs(struct mdev_sim_dev *sdev,
				    void __user *uarg)
{
	const struct mdev_sim_family *family = sdev->type->family;
	unsigned long minsz = offsetofend(struct vfio_irq_set, count);
	struct vfio_irq_info irq = { 0 };
	struct vfio_irq_set hdr;
	size_t data_size = 0;
	void *data = NULL;
	int ret;

	if (copy_from_user(&hdr, uarg, minsz))
		return -EFAULT;
	if (hdr.index >= family->num_irqs)
		return -EINVAL;

	irq.index = hdr.index;
	family->irq_info(sdev, &irq);

	ret = vfio_set_irqs_validate_and_prepare(&hdr, irq.count,
						 family->num_irqs, &data_size);
	if (ret)
		return ret;

	if (data_size) {
		data = memdup_user(uarg + minsz, data_size);
		if (IS_ERR(data))
			return PTR_ERR(data);
	}

	mutex_lock(&sdev->lock);
	ret = family->set_irqs(sdev, &hdr, data);
	mutex_unlock(&sdev->lock);

	kfree(data);
	return ret;
}

static long mdev_sim_ioctl_reset(struct mdev_sim_dev *sdev)
{
	const struct mdev_sim_family *family = sdev->type->family;
	int ret;

	if (!(family->flags & VFIO_DEVICE_FLAGS_RESET))
		return -EINVAL;

	mutex_lock(&sdev->lock);
	ret = family->reset(sdev);
	mutex_unlock(&sdev->lock);
	return ret;
}

static long mdev_sim_ioctl(struct vfio_device *vdev, unsigned int cmd,
			   unsigned long arg)
{
	struct mdev_sim_dev *sdev = to_sdev(vdev);
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case VFIO_DEVICE_GET_INFO:
		return mdev_sim_ioctl_get_info(sdev, uarg);
	case VFIO_DEVICE_GET_REGION_INFO:
		return mdev_sim_ioctl_get_region_info(sdev, uarg);
	case VFIO_DEVICE_GET_IRQ_INFO:
		return mdev_sim_ioctl_get_irq_info(sdev, uarg);
	case VFIO_DEVICE_SET_IRQS:
		return mdev_sim_ioctl_set_irqs(sdev, uarg);
	case VFIO_DEVICE_RESET:
		return mdev_sim_ioctl_reset(sdev);
	}
	return -ENOTTY;
}

static const struct vfio_device_ops mdev_sim_vfio_ops = {
	.name		= MDEV_SIM_NAME,
	.init		= mdev_sim_init_dev,
	.release	= mdev_sim_release_dev,
	.open_device	= mdev_sim_open_device,
	.close_device	= mdev_sim_close_device,
	.read		= mdev_sim_read,
	.write		= mdev_sim_write,
	.ioctl		= mdev_sim_ioctl,
	MDEV_SIM_REGION_INFO_OP(mdev_sim_get_region_info_caps)
	.mmap		= mdev_sim_mmap,
	.request	= mdev_sim_request,
	/* Mandatory for vfio_pin_pages(); type1 checks it at open. */
	.dma_unmap	= mdev_sim_dma_unmap,
	MDEV_SIM_IOMMUFD_OPS
};

static const struct attribute_group *mdev_sim_dev_groups[] = {
	&mdev_sim_pin_attr_group,
	NULL,
};

/* ---- parents ---- */

/* As a PCI parent shows it: -1 for no node. */
static ssize_t numa_node_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", dev_to_node(dev));
}
static DEVICE_ATTR_RO(numa_node);

static struct attribute *mdev_sim_parent_attrs[] = {
	&dev_attr_numa_node.attr,
	NULL,
};
ATTRIBUTE_GROUPS(mdev_sim_parent);

/* The parents are static; the driver core only needs a release to call. */
static void mdev_sim_parent_dev_release(struct device *dev)
{
}

static void mdev_sim_parent_remove(struct mdev_sim_parent *p)
{
	if (p->parent_registered)
		mdev_unregister_parent(&p->parent);
	if (p->dev_registered)
		device_unregister(&p->dev);
	if (p->driver_registered)
		mdev_unregister_driver(&p->driver);
	p->parent_registered = false;
	p->dev_registered = false;
	p->driver_registered = false;
}

static int mdev_sim_parent_add(struct mdev_sim_parent *p)
{
	const struct mdev_sim_family *family = p->family;
	int ret;

	p->driver.device_api = family->device_api;
	p->driver.probe = mdev_sim_probe;
	p->driver.remove = mdev_sim_remove;
	p->driver.get_available = mdev_sim_get_available;
	p->driver.show_description = mdev_sim_show_description;
	p->driver.driver.name = family->driver_name;
	/* <mdev>/dma/: pinned pages and zero-copy counters */
	p->driver.driver.dev_groups = mdev_sim_dev_groups;
	/* Lets the VFIO core pin this module while a device fd is open. */
	p->driver.driver.owner = THIS_MODULE;
	p->driver.driver.mod_name = KBUILD_MODNAME;

	ret = mdev_register_driver(&p->driver);
	if (ret)
		return ret;
	p->driver_registered = true;

	/* Not device_register(): its initialisation resets the node. */
	device_initialize(&p->dev);
	p->dev.class = mdev_sim_class;
	p->dev.groups = mdev_sim_parent_groups;
	p->dev.release = mdev_sim_parent_dev_release;
	set_dev_node(&p->dev, parent_numa_node);
	dev_set_name(&p->dev, "%s", family->parent_name);
	ret = device_add(&p->dev);
	if (ret) {
		put_device(&p->dev);
		goto err;
	}
	p->dev_registered = true;

	ret = mdev_register_parent(&p->parent, &p->dev, &p->driver, p->types,
				   p->nr_types);
	if (ret)
		goto err;
	p->parent_registered = true;
	return 0;

err:
	mdev_sim_parent_remove(p);
	return ret;
}

static void mdev_sim_parents_remove(void)
{
	int i;

	for (i = ARRAY_SIZE(mdev_sim_parents) - 1; i >= 0; i--)
		mdev_sim_parent_remove(&mdev_sim_parents[i]);
}

static int __init mdev_sim_init(void)
{
	unsigned int i;
	int ret;

	if (!max_instances || max_instances > MDEV_SIM_MAX_INSTANCES_LIMIT) {
		pr_err("max_instances must be between 1 and %u\n",
		       MDEV_SIM_MAX_INSTANCES_LIMIT);
		return -EINVAL;
	}
	if (parent_numa_node != NUMA_NO_NODE &&
	    (parent_numa_node < 0 || parent_numa_node >= MAX_NUMNODES ||
	     !node_online(parent_numa_node))) {
		pr_err("numa_node %d is not an online node (nor -1)\n",
		       parent_numa_node);
		return -EINVAL;
	}

	mdev_sim_class = mdev_sim_class_create(MDEV_SIM_NAME);
	if (IS_ERR(mdev_sim_class))
		return PTR_ERR(mdev_sim_class);

	for (i = 0; i < ARRAY_SIZE(mdev_sim_parents); i++) {
		ret = mdev_sim_parent_add(&mdev_sim_parents[i]);
		if (ret) {
			pr_err("cannot register parent %s: %d\n",
			       mdev_sim_parents[i].family->parent_name, ret);
			mdev_sim_parents_remove();
			class_destroy(mdev_sim_class);
			return ret;
		}
	}
	mdev_sim_crypto_bench_init();
	return 0;
}

static void __exit mdev_sim_exit(void)
{
	mdev_sim_crypto_bench_exit();
	/* Unregistering a parent removes, and waits for, all its devices. */
	mdev_sim_parents_remove();
	class_destroy(mdev_sim_class);
}

module_init(mdev_sim_init);
module_exit(mdev_sim_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Simulated mediated devices for testing VFIO userspace drivers");
MODULE_SOFTDEP("pre: vfio_iommu_type1");

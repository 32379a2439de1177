// SPDX-License-Identifier: GPL-2.0
/*
 * Wiring: two devices of one model joined like the two ends of a cable,
 * through their sysfs "peer" attributes, with a "link" attribute for each
 * end's administrative state. The link of an end is up when that end is
 * up and, if wired, the other end too. Used by mdev_sim-net and
 * mdev_sim-avf, each with its own set of devices.
 *
 * The wiring and the ends' states change under the set's lock, which is
 * ordered before any device lock; a model's link_update callback runs
 * under it. Senders read an end's peer under the set's SRCU, which keeps
 * the peer alive until mdev_sim_wire_detach() has synchronised.
 */

#include <linux/sysfs.h>
#include <linux/uuid.h>

#include "mdev_sim.h"

static struct mdev_sim_wire *wire_peer_locked(struct mdev_sim_wire *w)
{
	return rcu_dereference_protected(w->peer,
					 lockdep_is_held(&w->set->lock));
}

/* Caller holds the set's lock. */
static void wire_link_update(struct mdev_sim_wire *w)
{
	struct mdev_sim_wire *peer = wire_peer_locked(w);

	w->set->link_update(w, w->admin_up && (!peer || peer->admin_up));
}

/* Caller holds the set's lock. */
static void wire_unplug(struct mdev_sim_wire *w)
{
	struct mdev_sim_wire *peer = wire_peer_locked(w);

	if (!peer)
		return;
	RCU_INIT_POINTER(peer->peer, NULL);
	RCU_INIT_POINTER(w->peer, NULL);
	wire_link_update(peer);
	wire_link_update(w);
}

static struct mdev_sim_wire *wire_find(struct mdev_sim_wire_set *set,
				       const guid_t *uuid)
{
	struct mdev_sim_wire *w;

	list_for_each_entry(w, &set->devices, node)
		if (guid_equal(&w->uuid, uuid))
			return w;
	return NULL;
}

void mdev_sim_wire_init(struct mdev_sim_wire *w, struct mdev_sim_wire_set *set,
			const guid_t *uuid)
{
	w->set = set;
	guid_copy(&w->uuid, uuid);
	INIT_LIST_HEAD(&w->node);
	w->admin_up = true;
}

void mdev_sim_wire_attach(struct mdev_sim_wire *w)
{
	mutex_lock(&w->set->lock);
	list_add_tail(&w->node, &w->set->devices);
	w->attached = true;
	mutex_unlock(&w->set->lock);
}

/*
 * Before the device goes away: unplug the cable, so that the former peer
 * sees its link follow, and wait until no sender can still be inside.
 */
void mdev_sim_wire_detach(struct mdev_sim_wire *w)
{
	mutex_lock(&w->set->lock);
	if (w->attached) {
		wire_unplug(w);
		list_del(&w->node);
		w->attached = false;
	}
	mutex_unlock(&w->set->lock);
	synchronize_srcu(w->set->srcu);
}

ssize_t mdev_sim_wire_peer_show(struct mdev_sim_wire *w, char *buf)
{
	struct mdev_sim_wire *peer;
	ssize_t len;

	mutex_lock(&w->set->lock);
	peer = wire_peer_locked(w);
	len = peer ? sysfs_emit(buf, "%pUl\n", &peer->uuid) :
		     sysfs_emit(buf, "\n");
	mutex_unlock(&w->set->lock);
	return len;
}

/* A UUID wires both ends (unwiring their former peers); "" unwires. */
int mdev_sim_wire_peer_store(struct mdev_sim_wire *w, const char *buf)
{
	char str[UUID_STRING_LEN + 2];
	struct mdev_sim_wire *other;
	guid_t uuid;
	int ret = 0;
	char *s;

	if (strscpy(str, buf, sizeof(str)) < 0)
		return -EINVAL;
	s = strim(str);
	if (!*s) {
		mutex_lock(&w->set->lock);
		wire_unplug(w);
		mutex_unlock(&w->set->lock);
		return 0;
	}
	if (guid_parse(s, &uuid))
		return -EINVAL;

	mutex_lock(&w->set->lock);
	other = wire_find(w->set, &uuid);
	if (!other)
		ret = -ENODEV;
	else if (other == w)
		ret = -EINVAL;
	else if (wire_peer_locked(w) != other) {
		wire_unplug(w);
		wire_unplug(other);
		rcu_assign_pointer(w->peer, other);
		rcu_assign_pointer(other->peer, w);
		wire_link_update(w);
		wire_link_update(other);
	}
	mutex_unlock(&w->set->lock);
	return ret;
}

ssize_t mdev_sim_wire_link_show(struct mdev_sim_wire *w, char *buf)
{
	bool up;

	mutex_lock(&w->set->lock);
	up = w->admin_up;
	mutex_unlock(&w->set->lock);
	return sysfs_emit(buf, "%s\n", up ? "up" : "down");
}

int mdev_sim_wire_link_store(struct mdev_sim_wire *w, const char *buf)
{
	struct mdev_sim_wire *peer;
	bool up;

	if (sysfs_streq(buf, "up"))
		up = true;
	else if (sysfs_streq(buf, "down"))
		up = false;
	else
		return -EINVAL;

	mutex_lock(&w->set->lock);
	w->admin_up = up;
	wire_link_update(w);
	peer = wire_peer_locked(w);
	if (peer)
		wire_link_update(peer);
	mutex_unlock(&w->set->lock);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * edgefw_nullhook: the floor of edgefw's benchmarks. In the network
 * namespaces that ask for it, hooks the points edgefw.ko hooks (IPv4 and
 * IPv6, PRE_ROUTING at conntrack + 10 and POST_ROUTING at SNAT + 100) and
 * accepts every packet: what a netfilter hook costs before it does
 * anything.
 *
 * Per namespace, through /proc/net/edgefw_nullhook (root):
 *   echo hook > /proc/net/edgefw_nullhook       the hooks
 *   echo conntrack > /proc/net/edgefw_nullhook  the hooks, and conntrack
 *        enabled as edgefw enables it while an interface is bound
 *        (nf_ct_netns_get): the cost of connection tracking alone
 *   echo untracked > /proc/net/edgefw_nullhook  the same, and edgefw's
 *        early hooks (PRE_ROUTING and LOCAL_OUT, before conntrack) marking
 *        every packet untracked, as stateless media does to the packets it
 *        admits: the floor of stateless media
 *   echo off > /proc/net/edgefw_nullhook
 * Reading it tells which is in force. Namespaces that ask nothing pay
 * nothing, so one VM can hold every variant of the benchmark at once.
 *
 * Built against the same kernel headers as edgefw by tests/bench/run.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/netfilter/nf_conntrack.h>

enum nullhook_mode {
	NULLHOOK_OFF, NULLHOOK_HOOK, NULLHOOK_CONNTRACK, NULLHOOK_UNTRACKED
};
static const char *const mode_names[] = {
	"off", "hook", "conntrack", "untracked"
};

struct nullhook_net {
	enum nullhook_mode mode;
};

static unsigned int nullhook_net_id __read_mostly;
static DEFINE_MUTEX(nullhook_lock);

static unsigned int nullhook_hook(void *priv, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	return NF_ACCEPT;
}

static unsigned int nullhook_untrack(void *priv, struct sk_buff *skb,
				     const struct nf_hook_state *state)
{
	if (!skb_nfct(skb))
		nf_ct_set(skb, NULL, IP_CT_UNTRACKED);
	return NF_ACCEPT;
}

/* The main hooks, then the early ones (mode untracked only). */
#define NULLHOOK_MAIN_OPS	4
static const struct nf_hook_ops nullhook_ops[] = {
	{ .hook = nullhook_hook, .pf = NFPROTO_IPV4,
	  .hooknum = NF_INET_PRE_ROUTING, .priority = NF_IP_PRI_CONNTRACK + 10 },
	{ .hook = nullhook_hook, .pf = NFPROTO_IPV4,
	  .hooknum = NF_INET_POST_ROUTING, .priority = NF_IP_PRI_NAT_SRC + 100 },
	{ .hook = nullhook_hook, .pf = NFPROTO_IPV6,
	  .hooknum = NF_INET_PRE_ROUTING, .priority = NF_IP_PRI_CONNTRACK + 10 },
	{ .hook = nullhook_hook, .pf = NFPROTO_IPV6,
	  .hooknum = NF_INET_POST_ROUTING, .priority = NF_IP_PRI_NAT_SRC + 100 },
	{ .hook = nullhook_untrack, .pf = NFPROTO_IPV4,
	  .hooknum = NF_INET_PRE_ROUTING, .priority = NF_IP_PRI_CONNTRACK - 10 },
	{ .hook = nullhook_untrack, .pf = NFPROTO_IPV4,
	  .hooknum = NF_INET_LOCAL_OUT, .priority = NF_IP_PRI_CONNTRACK - 10 },
	{ .hook = nullhook_untrack, .pf = NFPROTO_IPV6,
	  .hooknum = NF_INET_PRE_ROUTING, .priority = NF_IP_PRI_CONNTRACK - 10 },
	{ .hook = nullhook_untrack, .pf = NFPROTO_IPV6,
	  .hooknum = NF_INET_LOCAL_OUT, .priority = NF_IP_PRI_CONNTRACK - 10 },
};

static unsigned int nullhook_n_ops(enum nullhook_mode mode)
{
	return mode == NULLHOOK_UNTRACKED ? ARRAY_SIZE(nullhook_ops) :
					    NULLHOOK_MAIN_OPS;
}

static bool nullhook_tracks(enum nullhook_mode mode)
{
	return mode == NULLHOOK_CONNTRACK || mode == NULLHOOK_UNTRACKED;
}

static void nullhook_off(struct net *net, struct nullhook_net *nn)
{
	if (nn->mode == NULLHOOK_OFF)
		return;
	nf_unregister_net_hooks(net, nullhook_ops, nullhook_n_ops(nn->mode));
	if (nullhook_tracks(nn->mode))
		nf_ct_netns_put(net, NFPROTO_INET);
	nn->mode = NULLHOOK_OFF;
}

static int nullhook_set(struct net *net, enum nullhook_mode mode)
{
	struct nullhook_net *nn = net_generic(net, nullhook_net_id);
	int err = 0;

	mutex_lock(&nullhook_lock);
	nullhook_off(net, nn);
	if (nullhook_tracks(mode)) {
		err = nf_ct_netns_get(net, NFPROTO_INET);
		if (err)
			goto out;
	}
	if (mode != NULLHOOK_OFF) {
		err = nf_register_net_hooks(net, nullhook_ops,
					    nullhook_n_ops(mode));
		if (err) {
			if (nullhook_tracks(mode))
				nf_ct_netns_put(net, NFPROTO_INET);
			goto out;
		}
	}
	nn->mode = mode;
out:
	mutex_unlock(&nullhook_lock);
	return err;
}

static int nullhook_show(struct seq_file *m, void *v)
{
	struct net *net = seq_file_single_net(m);
	struct nullhook_net *nn = net_generic(net, nullhook_net_id);

	seq_printf(m, "%s\n", mode_names[nn->mode]);
	return 0;
}

static int nullhook_write(struct file *file, char *buf, size_t size)
{
	struct net *net = seq_file_single_net(file->private_data);
	unsigned int i;

	if (!capable(CAP_NET_ADMIN))
		return -EPERM;
	for (i = 0; i < ARRAY_SIZE(mode_names); i++)
		if (sysfs_streq(buf, mode_names[i]))
			return nullhook_set(net, i);
	return -EINVAL;
}

static int __net_init nullhook_net_init(struct net *net)
{
	if (!proc_create_net_single_write("edgefw_nullhook", 0644, net->proc_net,
					  nullhook_show, nullhook_write, NULL))
		return -ENOMEM;
	return 0;
}

static void __net_exit nullhook_net_exit(struct net *net)
{
	mutex_lock(&nullhook_lock);
	nullhook_off(net, net_generic(net, nullhook_net_id));
	mutex_unlock(&nullhook_lock);
	remove_proc_entry("edgefw_nullhook", net->proc_net);
}

static struct pernet_operations nullhook_net_ops = {
	.init = nullhook_net_init,
	.exit = nullhook_net_exit,
	.id = &nullhook_net_id,
	.size = sizeof(struct nullhook_net),
};

static int __init nullhook_init(void)
{
	return register_pernet_subsys(&nullhook_net_ops);
}

static void __exit nullhook_exit(void)
{
	unregister_pernet_subsys(&nullhook_net_ops);
}

module_init(nullhook_init);
module_exit(nullhook_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("edgefw benchmarks: netfilter hooks that accept everything");

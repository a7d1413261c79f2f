// SPDX-License-Identifier: GPL-2.0-only
/*
 * QEMU TCG plugin of `make pktcost`: counts what the guest's vCPUs execute
 * between two orders the guest gives, so that the guest can divide by the
 * packets it moved in between.  See README.md in this directory.
 *
 * Counted per vCPU:
 *  - user instructions (below KERNEL_BASE);
 *  - kernel instructions, per start address of their translation block:
 *    a block never spans a call or a return, so each block belongs to one
 *    function and the report can sum them per function or module with the
 *    guest's /proc/kallsyms;
 *  - with memops=on, the loads and stores of kernel code (every iteration
 *    of a REP string instruction counts);
 *  - the loads and stores that QEMU resolves to an I/O region, made by
 *    instructions in the watched code range (the module area by default),
 *    per guest-physical address, direction and instruction address.
 *
 * count=tb adds a block's length once per execution (cheap, and exact
 * unless a block is left early by a fault or an interrupt check);
 * count=insn adds 1 before each instruction (exact, about twice as slow).
 *
 * Orders: CPUID executed in user mode with EAX = PKTCOST_MAGIC,
 * EBX = ORDER_BEGIN or ORDER_END, RCX = address and RDX = length of a tag
 * in the guest's memory.  CPUID then runs as usual, so without the plugin
 * an order costs one ordinary CPUID.  One window is open at a time.
 *
 * Arguments: out=FILE (required), count=tb|insn, memops=on|off,
 * watch=modules|kernel|off, slots=N.
 *
 * Output, one block per window end:
 *   end SEQ TAG vcpu=V us=MICROSECONDS
 *   cpu V user=N kernel=N kmem=N overflow=N unresolved=N
 *   tb V PC N            (kernel block start address, executions x length)
 *   mmio V PA R|W PC N   (I/O access: physical address, direction, code)
 *   done SEQ
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define PKTCOST_MAGIC	0x564e4f49u	/* "IONV" */
#define ORDER_BEGIN	1
#define ORDER_END	2
#define NR_VCPUS	16
#define TAG_LEN		128
#define ADD		QEMU_PLUGIN_INLINE_ADD_U64
#define RW		QEMU_PLUGIN_MEM_RW

/* x86-64: the kernel's half of the address space, and the module area */
#define KERNEL_BASE	0x8000000000000000ull
#define MODULES_START	0xffffffffc0000000ull
#define MODULES_END	0xffffffffff000000ull

struct vcpu_ctr {
	uint64_t user;
	uint64_t kmem;
};

struct io_key {
	uint64_t pa;
	uint64_t pc;
	bool write;
};

struct io_ctr {
	struct io_key key;
	uint64_t n[NR_VCPUS];
	uint64_t seen[NR_VCPUS];
};

static FILE *out;
static bool per_tb = true;
static bool memops;
static uint64_t watch_lo = MODULES_START, watch_hi = MODULES_END;
static size_t nr_slots = 1 << 18;
static unsigned int max_vcpus = NR_VCPUS;

static struct qemu_plugin_scoreboard *ctr_sb, *slot_sb;
static qemu_plugin_u64 user_ctr, kmem_ctr;

/* kernel block address -> slot; slot 0 collects blocks beyond nr_slots */
static GMutex slot_lock;
static GHashTable *slot_index;
static uint64_t *slot_addr;
static size_t slots_used = 1;

static GMutex io_lock;
static GHashTable *io_table;
static bool window_open;
static uint64_t unresolved[NR_VCPUS];

/* counters as they were when the window opened */
static GMutex order_lock;
static uint64_t *slot_base;
static struct vcpu_ctr ctr_base[NR_VCPUS];
static uint64_t unresolved_base[NR_VCPUS];
static int64_t begin_us;
static uint64_t seq;

static struct qemu_plugin_register *reg[NR_VCPUS][4];
static const char *const reg_name[4] = { "rax", "rbx", "rcx", "rdx" };

static unsigned int nr_vcpus(void)
{
	int n = qemu_plugin_num_vcpus();

	return n > (int)max_vcpus ? max_vcpus : (unsigned int)n;
}

static size_t slot_of(uint64_t pc)
{
	gpointer found;
	size_t s = 0;

	g_mutex_lock(&slot_lock);
	found = g_hash_table_lookup(slot_index, GSIZE_TO_POINTER(pc));
	if (found) {
		s = GPOINTER_TO_SIZE(found);
	} else if (slots_used < nr_slots) {
		s = slots_used;
		slot_addr[s] = pc;
		g_hash_table_insert(slot_index, GSIZE_TO_POINTER(pc),
				    GSIZE_TO_POINTER(s));
		/* the order handler reads slots_used without the lock */
		__atomic_store_n(&slots_used, s + 1, __ATOMIC_RELEASE);
	}
	g_mutex_unlock(&slot_lock);
	return s;
}

static guint io_hash(gconstpointer p)
{
	const struct io_key *k = p;

	return g_int64_hash(&k->pa) ^ g_int64_hash(&k->pc) ^ k->write;
}

static gboolean io_equal(gconstpointer a, gconstpointer b)
{
	const struct io_key *x = a, *y = b;

	return x->pa == y->pa && x->pc == y->pc && x->write == y->write;
}

static void on_access(unsigned int vcpu, qemu_plugin_meminfo_t info,
		      uint64_t vaddr, void *pc)
{
	struct qemu_plugin_hwaddr *hw;
	struct io_ctr *c;
	struct io_key k;

	/*
	 * Outside a window the guest may be moving BARs, and asking QEMU to
	 * resolve an access then can trip its own assertions: do nothing.
	 */
	if (vcpu >= NR_VCPUS || !__atomic_load_n(&window_open, __ATOMIC_ACQUIRE))
		return;
	hw = qemu_plugin_get_hwaddr(info, vaddr);
	if (!hw) {
		__atomic_add_fetch(&unresolved[vcpu], 1, __ATOMIC_RELAXED);
		return;
	}
	if (!qemu_plugin_hwaddr_is_io(hw))
		return;
	memset(&k, 0, sizeof(k));
	k.pa = qemu_plugin_hwaddr_phys_addr(hw);
	k.pc = (uint64_t)(uintptr_t)pc;
	k.write = qemu_plugin_mem_is_store(info);
	g_mutex_lock(&io_lock);
	c = g_hash_table_lookup(io_table, &k);
	if (!c) {
		c = g_new0(struct io_ctr, 1);
		c->key = k;
		g_hash_table_insert(io_table, &c->key, c);
	}
	c->n[vcpu]++;
	g_mutex_unlock(&io_lock);
}

static uint64_t reg_value(unsigned int vcpu, int r)
{
	GByteArray *b = g_byte_array_new();
	uint64_t v = 0;
	int len = qemu_plugin_read_register(reg[vcpu][r], b);

	if (len > 0)
		memcpy(&v, b->data, len < 8 ? len : 8);
	g_byte_array_free(b, TRUE);
	return v;
}

/* The tag as one printable word, or "-". */
static void read_tag(uint64_t addr, uint64_t len, char *tag)
{
	GByteArray *b = g_byte_array_new();
	size_t i;

	if (len > TAG_LEN)
		len = TAG_LEN;
	tag[0] = '-';
	tag[1] = '\0';
	if (addr && len && qemu_plugin_read_memory_vaddr(addr, b, len)) {
		for (i = 0; i < len; i++)
			tag[i] = b->data[i] > ' ' && b->data[i] < 0x7f ?
				 b->data[i] : '_';
		tag[len] = '\0';
	}
	g_byte_array_free(b, TRUE);
}

/* Called with order_lock held: remembers every counter as the new base. */
static void take_base(unsigned int nv, size_t used)
{
	GHashTableIter it;
	gpointer val;
	unsigned int v;

	for (v = 0; v < nv; v++) {
		memcpy(slot_base + v * nr_slots,
		       qemu_plugin_scoreboard_find(slot_sb, v),
		       used * sizeof(uint64_t));
		ctr_base[v].user = qemu_plugin_u64_get(user_ctr, v);
		ctr_base[v].kmem = qemu_plugin_u64_get(kmem_ctr, v);
		unresolved_base[v] = __atomic_load_n(&unresolved[v],
						     __ATOMIC_RELAXED);
	}
	g_mutex_lock(&io_lock);
	g_hash_table_iter_init(&it, io_table);
	while (g_hash_table_iter_next(&it, NULL, &val)) {
		struct io_ctr *c = val;

		memcpy(c->seen, c->n, sizeof(c->seen));
	}
	g_mutex_unlock(&io_lock);
}

/* Called with order_lock held: the counters minus the base, per vCPU. */
static void write_window(unsigned int nv, size_t used)
{
	GHashTableIter it;
	gpointer val;
	unsigned int v;
	size_t s;

	for (v = 0; v < nv; v++) {
		const uint64_t *now = qemu_plugin_scoreboard_find(slot_sb, v);
		const uint64_t *base = slot_base + v * nr_slots;
		uint64_t kernel = 0;

		for (s = 0; s < used; s++)
			kernel += now[s] - base[s];
		fprintf(out, "cpu %u user=%" PRIu64 " kernel=%" PRIu64
			" kmem=%" PRIu64 " overflow=%" PRIu64
			" unresolved=%" PRIu64 "\n", v,
			qemu_plugin_u64_get(user_ctr, v) - ctr_base[v].user,
			kernel,
			qemu_plugin_u64_get(kmem_ctr, v) - ctr_base[v].kmem,
			now[0] - base[0],
			__atomic_load_n(&unresolved[v], __ATOMIC_RELAXED) -
			unresolved_base[v]);
		for (s = 1; s < used; s++)
			if (now[s] != base[s])
				fprintf(out, "tb %u %" PRIx64 " %" PRIu64 "\n",
					v, slot_addr[s], now[s] - base[s]);
	}
	g_mutex_lock(&io_lock);
	g_hash_table_iter_init(&it, io_table);
	while (g_hash_table_iter_next(&it, NULL, &val)) {
		struct io_ctr *c = val;

		for (v = 0; v < nv; v++)
			if (c->n[v] != c->seen[v])
				fprintf(out, "mmio %u %" PRIx64 " %c %" PRIx64
					" %" PRIu64 "\n", v, c->key.pa,
					c->key.write ? 'W' : 'R', c->key.pc,
					c->n[v] - c->seen[v]);
	}
	g_mutex_unlock(&io_lock);
}

static void on_order(unsigned int vcpu, void *unused)
{
	size_t used = __atomic_load_n(&slots_used, __ATOMIC_ACQUIRE);
	unsigned int nv = nr_vcpus();
	char tag[TAG_LEN + 1];
	int64_t now;
	uint64_t op;

	if (vcpu >= NR_VCPUS || !reg[vcpu][3] ||
	    (uint32_t)reg_value(vcpu, 0) != PKTCOST_MAGIC)
		return;
	op = reg_value(vcpu, 1);
	read_tag(reg_value(vcpu, 2), reg_value(vcpu, 3), tag);
	now = g_get_monotonic_time();

	g_mutex_lock(&order_lock);
	seq++;
	if (op == ORDER_BEGIN) {
		take_base(nv, used);
		begin_us = now;
		__atomic_store_n(&window_open, true, __ATOMIC_RELEASE);
		fprintf(out, "begin %" PRIu64 " %s vcpu=%u\n", seq, tag, vcpu);
	} else if (op == ORDER_END && window_open) {
		__atomic_store_n(&window_open, false, __ATOMIC_RELEASE);
		fprintf(out, "end %" PRIu64 " %s vcpu=%u us=%" PRId64 "\n",
			seq, tag, vcpu, now - begin_us);
		write_window(nv, used);
		fprintf(out, "done %" PRIu64 "\n", seq);
	}
	fflush(out);
	g_mutex_unlock(&order_lock);
}

static bool is_cpuid(struct qemu_plugin_insn *insn)
{
	uint8_t op[2];

	return qemu_plugin_insn_size(insn) == 2 &&
	       qemu_plugin_insn_data(insn, op, 2) == 2 &&
	       op[0] == 0x0f && op[1] == 0xa2;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t start = qemu_plugin_tb_vaddr(tb);
	size_t n = qemu_plugin_tb_n_insns(tb), i;
	bool kernel = start >= KERNEL_BASE;
	qemu_plugin_u64 ctr = user_ctr;

	if (kernel)
		ctr = (qemu_plugin_u64){ slot_sb,
					 slot_of(start) * sizeof(uint64_t) };
	if (per_tb)
		qemu_plugin_register_vcpu_tb_exec_inline_per_vcpu(tb, ADD, ctr, n);

	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint64_t pc = qemu_plugin_insn_vaddr(insn);

		if (!per_tb)
			qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(insn, ADD,
									    ctr, 1);
		if (!kernel) {
			if (is_cpuid(insn))
				qemu_plugin_register_vcpu_insn_exec_cb(insn, on_order,
								       QEMU_PLUGIN_CB_R_REGS,
								       NULL);
			continue;
		}
		if (memops)
			qemu_plugin_register_vcpu_mem_inline_per_vcpu(insn, RW, ADD,
								      kmem_ctr, 1);
		if (pc >= watch_lo && pc < watch_hi)
			qemu_plugin_register_vcpu_mem_cb(insn, on_access,
							 QEMU_PLUGIN_CB_NO_REGS, RW,
							 (void *)(uintptr_t)pc);
	}
}

static void on_vcpu_init(qemu_plugin_id_t id, unsigned int vcpu)
{
	GArray *regs;
	guint i;
	int r;

	if (vcpu >= NR_VCPUS)
		return;
	regs = qemu_plugin_get_registers();
	for (i = 0; i < regs->len; i++) {
		qemu_plugin_reg_descriptor *d =
			&g_array_index(regs, qemu_plugin_reg_descriptor, i);

		for (r = 0; r < 4; r++)
			if (!reg[vcpu][r] && !strcmp(d->name, reg_name[r]))
				reg[vcpu][r] = d->handle;
	}
	g_array_free(regs, TRUE);
	for (r = 0; r < 4; r++)
		if (!reg[vcpu][r]) {
			qemu_plugin_outs("pktcost: no rax/rbx/rcx/rdx: orders ignored\n");
			reg[vcpu][3] = NULL;
			break;
		}
}

static void on_qemu_exit(qemu_plugin_id_t id, void *unused)
{
	fprintf(out, "exit slots=%zu/%zu\n", slots_used, nr_slots);
	fclose(out);
}

/* ARG is KEY=VALUE: true if so, with *V pointing at VALUE. */
static bool is_arg(const char *arg, const char *key, const char **v)
{
	size_t n = strlen(key);

	if (strncmp(arg, key, n) || arg[n] != '=')
		return false;
	*v = arg + n + 1;
	return true;
}

static int parse_arg(const char *arg)
{
	const char *v;
	char *end;

	if (is_arg(arg, "out", &v)) {
		out = fopen(v, "w");
		if (!out)
			perror(v);
		return out ? 0 : -1;
	}
	if (is_arg(arg, "count", &v) && !strcmp(v, "tb")) {
		per_tb = true;
	} else if (is_arg(arg, "count", &v) && !strcmp(v, "insn")) {
		per_tb = false;
	} else if (is_arg(arg, "memops", &v) && !strcmp(v, "on")) {
		memops = true;
	} else if (is_arg(arg, "memops", &v) && !strcmp(v, "off")) {
		memops = false;
	} else if (is_arg(arg, "watch", &v) && !strcmp(v, "modules")) {
		watch_lo = MODULES_START;
		watch_hi = MODULES_END;
	} else if (is_arg(arg, "watch", &v) && !strcmp(v, "kernel")) {
		watch_lo = KERNEL_BASE;
		watch_hi = UINT64_MAX;
	} else if (is_arg(arg, "watch", &v) && !strcmp(v, "off")) {
		watch_lo = 0;
		watch_hi = 0;
	} else if (is_arg(arg, "slots", &v)) {
		nr_slots = strtoull(v, &end, 0);
		if (*end || nr_slots < 2)
			return -1;
	} else {
		return -1;
	}
	return 0;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info,
					   int argc, char **argv)
{
	int i;

	if (!info->system_emulation || strcmp(info->target_name, "x86_64")) {
		fprintf(stderr, "pktcost: x86_64 system emulation only\n");
		return -1;
	}
	for (i = 0; i < argc; i++)
		if (parse_arg(argv[i])) {
			fprintf(stderr, "pktcost: bad argument %s\n", argv[i]);
			fprintf(stderr, "pktcost: out=FILE count=tb|insn memops=on|off watch=modules|kernel|off slots=N\n");
			return -1;
		}
	if (!out) {
		fprintf(stderr, "pktcost: out=FILE is required\n");
		return -1;
	}
	if (info->system.max_vcpus > 0 && info->system.max_vcpus < NR_VCPUS)
		max_vcpus = info->system.max_vcpus;
	fprintf(out, "pktcost-plugin 1 count=%s memops=%s watch=%" PRIx64 "-%" PRIx64
		" slots=%zu vcpus=%d\n", per_tb ? "tb" : "insn",
		memops ? "on" : "off", watch_lo, watch_hi, nr_slots,
		info->system.smp_vcpus);
	fflush(out);

	ctr_sb = qemu_plugin_scoreboard_new(sizeof(struct vcpu_ctr));
	user_ctr = qemu_plugin_scoreboard_u64_in_struct(ctr_sb, struct vcpu_ctr, user);
	kmem_ctr = qemu_plugin_scoreboard_u64_in_struct(ctr_sb, struct vcpu_ctr, kmem);
	slot_sb = qemu_plugin_scoreboard_new(nr_slots * sizeof(uint64_t));
	slot_addr = g_new0(uint64_t, nr_slots);
	slot_base = g_new0(uint64_t, (size_t)max_vcpus * nr_slots);
	slot_index = g_hash_table_new(g_direct_hash, g_direct_equal);
	io_table = g_hash_table_new(io_hash, io_equal);

	qemu_plugin_register_vcpu_init_cb(id, on_vcpu_init);
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_qemu_exit, NULL);
	return 0;
}

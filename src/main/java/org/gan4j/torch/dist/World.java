package org.gan4j.torch.dist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Tensors;

/**
 * The processes of a data-parallel job as a trainer sees them: DistributedDataParallel's semantics over c10d
 * collectives. {@link #single()} is the one-process job, where every operation is the identity; {@link #join}
 * meets the other processes of a torchrun-style job.
 *
 * <p>Every rank must make the same calls in the same order with tensors of the same shapes (as with
 * {@code torch.distributed}). A collective that fails ends the process with a one-line {@link
 * org.gan4j.Gan4jException}: a rank that died is noticed at once, a rank that hangs after the timeout.
 */
public abstract class World implements AutoCloseable {

    /**
     * DDP's default {@code bucket_cap_mb}: gradients are flattened into buckets of at most this many bytes, one
     * allreduce each (a single tensor larger than that gets its own bucket).
     */
    public static final long BUCKET_BYTES = 25L << 20;

    private final int rank;
    private final int size;

    protected World(int rank, int size) {
        this.rank = rank;
        this.size = size;
    }

    /** The one-process job. */
    public static World single() {
        return Single.INSTANCE;
    }

    /**
     * Joins the job {@code launch} describes (rendezvous through rank 0's TCPStore, then a process group: Gloo when
     * tensors live on the CPU, NCCL when they live on a CUDA device, as PyTorch chooses).
     */
    public static World join(Launch launch) {
        return C10dWorld.connect(launch);
    }

    /** This process's rank. */
    public final int rank() {
        return rank;
    }

    /** The number of processes. */
    public final int size() {
        return size;
    }

    /** Whether this is rank 0, which alone writes checkpoints, samples, metrics and progress. */
    public final boolean leader() {
        return rank == 0;
    }

    /** The rows of a global batch this rank holds. */
    public final Shard shard() {
        return new Shard(rank, size);
    }

    /** Sums each tensor over the ranks, in place (one collective per tensor, all in flight at once). */
    protected abstract void allreduceSum(List<Tensor> tensors);

    /** Overwrites each tensor with rank 0's, in place. */
    protected abstract void broadcastFromLeader(List<Tensor> tensors);

    /**
     * Rank 0 announces {@code value} under {@code key}; every rank returns it (the others wait for it). For what
     * must be decided once for the job: the run directory, a fresh seed.
     */
    public abstract String agree(String key, String value);

    /**
     * DDP's gradient averaging: the gradients flattened into buckets of at most {@link #BUCKET_BYTES}, each
     * bucket summed over the ranks and divided by their number, and cut back into tensors of the original
     * shapes. Returns new tensors (the input list when alone); undefined gradients are not allowed (use
     * {@code Autograd.zerosForUndefined}).
     */
    public final List<Tensor> average(List<Tensor> grads) {
        return reduce(grads, true);
    }

    /**
     * As {@link #average(List)} without the division: for a term whose per-rank parts already carry the global
     * normalisation (StyleGAN2's path-length penalty, computed on the gathered path lengths).
     */
    public final List<Tensor> sum(List<Tensor> grads) {
        return reduce(grads, false);
    }

    private List<Tensor> reduce(List<Tensor> grads, boolean divide) {
        if (size == 1) {
            return grads;
        }
        List<List<Integer>> buckets = buckets(grads, BUCKET_BYTES);
        List<Tensor> flats = new ArrayList<>();
        for (List<Integer> b : buckets) {
            flats.add(flatten(grads, b));
        }
        allreduceSum(flats);
        List<Tensor> out = new ArrayList<>(grads);
        for (int k = 0; k < buckets.size(); k++) {
            Tensor flat = divide ? flats.get(k).div_(Tensors.s((long) size)) : flats.get(k);
            long offset = 0;
            for (int i : buckets.get(k)) {
                Tensor g = grads.get(i);
                long n = g.numel();
                out.set(i, flat.narrow(0, offset, n).view(g.shape()));
                offset += n;
            }
        }
        return out;
    }

    /**
     * Consecutive runs of tensors of one dtype whose bytes stay within {@code capBytes} (a larger tensor alone),
     * as DDP's buckets (which take the parameters in reverse order to overlap with the backward pass; gan4j's
     * gradients arrive all at once from {@code torch.grad}, so the order is kept).
     */
    static List<List<Integer>> buckets(List<Tensor> tensors, long capBytes) {
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long bytes = 0;
        int dtype = Integer.MIN_VALUE;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (!t.defined()) {
                throw new IllegalArgumentException("gradient " + i + " is undefined; use Autograd.zerosForUndefined");
            }
            long b = t.numel() * t.element_size();
            int dt = t.scalar_type().value;
            if (!current.isEmpty() && (bytes + b > capBytes || dt != dtype)) {
                out.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(i);
            bytes += b;
            dtype = dt;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static Tensor flatten(List<Tensor> tensors, List<Integer> which) {
        TensorVector parts = new TensorVector();
        for (int i : which) {
            parts.push_back(tensors.get(i).detach().reshape(-1));
        }
        return torch.cat(parts, 0).contiguous();
    }

    /**
     * Makes every rank's tensors equal to rank 0's, in place (DDP's broadcast of parameters and buffers at start
     * and on resume), through flattened buckets; copies back under no-grad, so parameters may be passed.
     */
    public final void broadcast(Collection<Tensor> tensors) {
        if (size == 1 || tensors.isEmpty()) {
            return;
        }
        List<Tensor> list = new ArrayList<>(tensors);
        List<List<Integer>> buckets = buckets(list, BUCKET_BYTES);
        List<Tensor> flats = new ArrayList<>();
        for (List<Integer> b : buckets) {
            flats.add(flatten(list, b));
        }
        broadcastFromLeader(flats);
        try (NoGrad ng = new NoGrad()) {
            for (int k = 0; k < buckets.size(); k++) {
                long offset = 0;
                for (int i : buckets.get(k)) {
                    Tensor t = list.get(i);
                    long n = t.numel();
                    t.copy_(flats.get(k).narrow(0, offset, n).view(t.shape()));
                    offset += n;
                }
            }
        }
    }

    /**
     * The mean over the ranks of each value (rosinality's {@code reduce_loss_dict}, to every rank), in float64;
     * every rank must pass the same keys in the same order.
     */
    public final Map<String, Double> average(Map<String, Double> values) {
        if (size == 1 || values.isEmpty()) {
            return values;
        }
        double[] v = values.values().stream().mapToDouble(Double::doubleValue).toArray();
        Tensor t = Tensors.of(v, v.length);
        allreduceSum(List.of(t));
        double[] sums = Tensors.doubles(t);
        Map<String, Double> out = new LinkedHashMap<>();
        int i = 0;
        for (String k : values.keySet()) {
            out.put(k, sums[i++] / size);
        }
        return out;
    }

    /**
     * The global batch of rows that the ranks hold by {@link Shard}: {@code local} ({@code [count(n),...]}) from
     * every rank interleaved into {@code [n,...]}, the same on every rank. Exact (the others contribute zeros).
     */
    public final Tensor gatherRows(Tensor local, long n) {
        if (size == 1) {
            return local;
        }
        long[] shape = local.shape();
        shape[0] = n;
        Tensor all = local.new_zeros(shape);
        Shard s = shard();
        if (local.size(0) > 0) {
            all.slice(0, new org.bytedeco.pytorch.LongOptional(s.rank()), new org.bytedeco.pytorch.LongOptional(n), s.size())
                    .copy_(local.detach());
        }
        allreduceSum(List.of(all));
        return all;
    }

    /** Leaves the job (idempotent); the one-process world stays. */
    @Override
    public void close() {}

    private static final class Single extends World {
        static final Single INSTANCE = new Single();

        private Single() {
            super(0, 1);
        }

        @Override
        protected void allreduceSum(List<Tensor> tensors) {}

        @Override
        protected void broadcastFromLeader(List<Tensor> tensors) {}

        @Override
        public String agree(String key, String value) {
            return value;
        }
    }
}

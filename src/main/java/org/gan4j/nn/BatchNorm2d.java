package org.gan4j.nn;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.T_TensorTensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorBase;
import org.bytedeco.pytorch.TensorTensorHook;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.dist.World;
import org.gan4j.torch.Tensors;

/**
 * Batch normalisation over (N,H,W) per channel, with {@code torch.nn.BatchNorm2d}'s keys ({@code weight},
 * {@code bias}, {@code running_mean}, {@code running_var}, {@code num_batches_tracked}) and behaviour: batch
 * statistics and a running-average update (momentum 0.1, unbiased variance) in training mode, running
 * statistics in eval mode. {@link #parameterFree} is {@code BatchNorm2d(C, affine=False)}: no weight and bias,
 * as SPADE normalises before its own label-dependent scale and shift.
 */
public final class BatchNorm2d extends Module {

    public final Tensor weight;       // [C], or null without affine parameters
    public final Tensor bias;         // [C], or null without affine parameters
    public final Tensor runningMean;  // [C]
    public final Tensor runningVar;   // [C]
    public final Tensor numBatchesTracked; // [] int64
    private final double eps;
    private final double momentum;
    private final boolean countsBatches;
    private World world = World.single();
    private SumOverRanks sumOverRanks;

    /**
     * @param channels number of channels C
     * @param eps      added to the variance (1e-5)
     * @param momentum weight of the newest batch in the running statistics (0.1)
     */
    public BatchNorm2d(int channels, double eps, double momentum) {
        this(channels, eps, momentum, true, true);
    }

    private BatchNorm2d(int channels, double eps, double momentum, boolean affine, boolean countsBatches) {
        this.eps = eps;
        this.momentum = momentum;
        this.countsBatches = countsBatches;
        weight = affine ? registerParameter("weight", Tensors.ones(channels)) : null;
        bias = affine ? registerParameter("bias", Tensors.zeros(channels)) : null;
        runningMean = registerBuffer("running_mean", Tensors.zeros(channels));
        runningVar = registerBuffer("running_var", Tensors.ones(channels));
        numBatchesTracked = registerBuffer("num_batches_tracked",
                Tensors.zeros(torch.ScalarType.Long));
    }

    /** Whether a training forward counts itself in {@code num_batches_tracked} (not the synchronized variant). */
    boolean countsBatches() {
        return countsBatches;
    }

    /** Weight of the newest batch in the running statistics. */
    public double momentum() {
        return momentum;
    }

    public BatchNorm2d(int channels) {
        this(channels, 1e-5, 0.1);
    }

    /** {@code nn.BatchNorm2d(C, affine=False)}: running statistics only (keys running_mean, running_var, num_batches_tracked). */
    public static BatchNorm2d parameterFree(int channels) {
        return new BatchNorm2d(channels, 1e-5, 0.1, false, true);
    }

    /**
     * The official SPADE's {@code SynchronizedBatchNorm2d(C, affine=False)} on one process: {@code F.batch_norm}
     * exactly, which leaves {@code num_batches_tracked} at 0 (only {@code nn.BatchNorm2d.forward} counts batches;
     * with a fixed momentum the count changes nothing else).
     */
    public static BatchNorm2d synchronizedParameterFree(int channels) {
        return new BatchNorm2d(channels, 1e-5, 0.1, false, false);
    }

    /**
     * Synchronized batch norm over the ranks of a data-parallel job (PyTorch's {@code SyncBatchNorm}, the official
     * SPADE's {@code SynchronizedBatchNorm2d}): in training mode the statistics are those of the global batch —
     * the per-channel sums Σx and Σx² summed over the ranks — and the backward pass sums the gradients of those
     * sums over the ranks (a hook on them), so every rank's inputs get the gradient of the global batch's loss.
     * Every rank must run the same forwards and backwards (as with every collective). One process: unchanged.
     */
    public void synchronize(World w) {
        this.world = w;
        this.sumOverRanks = w.size() > 1 ? new SumOverRanks(w) : null;
    }

    /** Sets {@code w} on every batch norm in {@code m} (depth first); returns how many. */
    public static int synchronizeAll(Module m, World w) {
        int n = 0;
        if (m instanceof BatchNorm2d bn) {
            bn.synchronize(w);
            n++;
        }
        for (Module c : m.children().values()) {
            n += synchronizeAll(c, w);
        }
        return n;
    }

    /** The backward of a sum over the ranks: the gradient summed over the ranks. */
    private static final class SumOverRanks extends TensorTensorHook {
        private final World world;

        SumOverRanks(World world) {
            this.world = world;
        }

        @Override
        public TensorBase call(TensorBase grad) {
            try {
                return world.sum(List.of(new Tensor(grad))).get(0);
            } catch (RuntimeException e) {
                // Called from libtorch's backward: an exception here would come out of torch.grad as a native error.
                // A failed collective means a rank is gone, so the gradient averaging right after this backward fails
                // too, with the job's one-line report; until then the local gradient stands in.
                return grad;
            }
        }
    }

    /**
     * Training mode across the ranks: the global batch's mean from Σx summed over the ranks, then its biased variance
     * from Σ(x − μ)² summed over the ranks (two passes, as batch norm computes it: E[x²] − μ² would lose the digits
     * of a small variance under a large mean); count M = N·H·W over all ranks.
     */
    private Tensor synchronizedForward(Tensor x, RunningStats deferred) { // [n,C,H,W], n = N/ranks
        long c = x.size(1);
        double count = (double) x.numel() / c * world.size();
        long[] dims = {0, 2, 3};
        Tensor mean = overRanks(x.sum(dims, false, new ScalarTypeOptional())).div(new Scalar(count)); // [C]
        Tensor centred = x.sub(mean.view(1, c, 1, 1));
        Tensor var = overRanks(centred.square().sum(dims, false, new ScalarTypeOptional())).div(new Scalar(count));
        Tensor out = centred.mul(var.add(new Scalar(eps)).rsqrt().view(1, c, 1, 1));
        if (weight != null) {
            out = out.mul(weight.view(1, c, 1, 1)).add(bias.view(1, c, 1, 1));
        }
        try (NoGrad ng = new NoGrad()) {
            Tensor m = mean.detach();
            Tensor unbiased = var.detach().mul(new Scalar(count / Math.max(1.0, count - 1)));
            if (deferred != null) {
                deferred.add(this, m.clone(), unbiased);
            } else {
                runningMean.mul_(new Scalar(1 - momentum)).add_(m, new Scalar(momentum));
                runningVar.mul_(new Scalar(1 - momentum)).add_(unbiased, new Scalar(momentum));
                if (countsBatches) {
                    numBatchesTracked.add_(new Scalar(1L));
                }
            }
        }
        return out;
    }

    /**
     * A per-channel sum over this rank's rows, summed over the ranks: its value is the global sum, its gradient
     * reaches this rank's inputs, and a hook sums that gradient over the ranks in the backward pass.
     */
    private Tensor overRanks(Tensor local) {
        Tensor global = world.sum(List.of(local.detach())).get(0);
        Tensor out = local.add(global.sub(local).detach());
        if (out.requires_grad()) {
            out.register_hook(sumOverRanks);
        }
        return out;
    }

    private TensorOptional weightOpt() {
        return weight == null ? new TensorOptional() : new TensorOptional(weight);
    }

    private TensorOptional biasOpt() {
        return bias == null ? new TensorOptional() : new TensorOptional(bias);
    }

    public Tensor forward(Tensor x) { // [N,C,H,W]
        boolean training = isTraining();
        RunningStats deferred = training ? RunningStats.current() : null;
        if (training && world.size() > 1) {
            return synchronizedForward(x, deferred);
        }
        if (deferred != null) {
            // Batch statistics without touching the running buffers; the recorder applies the update later.
            T_TensorTensorTensor_T r = torch.native_batch_norm(x, weightOpt(), biasOpt(),
                    new TensorOptional(), new TensorOptional(), true, momentum, eps);
            Tensor out = new Tensor(r.get0());
            try (NoGrad ng = new NoGrad()) {
                Tensor mean = new Tensor(r.get1());  // [C]
                Tensor invstd = new Tensor(r.get2()); // [C], 1/sqrt(var_biased + eps)
                double n = (double) x.numel() / x.size(1);
                Tensor var = invstd.pow(new Scalar(-2.0)).sub(new Scalar(eps)).mul(new Scalar(n / Math.max(1.0, n - 1)));
                deferred.add(this, mean.clone(), var);
            }
            return out;
        }
        if (training && countsBatches) {
            try (NoGrad ng = new NoGrad(); Scalar one = new Scalar(1L)) {
                numBatchesTracked.add_(one);
            }
        }
        return torch.batch_norm(x, weightOpt(), biasOpt(),
                new TensorOptional(runningMean), new TensorOptional(runningVar), training, momentum, eps, false);
    }
}

package org.gan4j.nn;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;

/**
 * Batch normalisation over (N,H,W) per channel, with {@code torch.nn.BatchNorm2d}'s keys ({@code weight},
 * {@code bias}, {@code running_mean}, {@code running_var}, {@code num_batches_tracked}) and behaviour: batch
 * statistics and a running-average update (momentum 0.1, unbiased variance) in training mode, running
 * statistics in eval mode.
 */
public final class BatchNorm2d extends Module {

    public final Tensor weight;       // [C]
    public final Tensor bias;         // [C]
    public final Tensor runningMean;  // [C]
    public final Tensor runningVar;   // [C]
    public final Tensor numBatchesTracked; // [] int64
    private final double eps;
    private final double momentum;

    /**
     * @param channels number of channels C
     * @param eps      added to the variance (1e-5)
     * @param momentum weight of the newest batch in the running statistics (0.1)
     */
    public BatchNorm2d(int channels, double eps, double momentum) {
        this.eps = eps;
        this.momentum = momentum;
        weight = registerParameter("weight", torch.ones(channels));
        bias = registerParameter("bias", torch.zeros(channels));
        runningMean = registerBuffer("running_mean", torch.zeros(channels));
        runningVar = registerBuffer("running_var", torch.ones(channels));
        numBatchesTracked = registerBuffer("num_batches_tracked",
                torch.zeros(new long[0], new TensorOptions(torch.ScalarType.Long)));
    }

    /** Weight of the newest batch in the running statistics. */
    public double momentum() {
        return momentum;
    }

    public BatchNorm2d(int channels) {
        this(channels, 1e-5, 0.1);
    }

    public Tensor forward(Tensor x) { // [N,C,H,W]
        boolean training = isTraining();
        RunningStats deferred = training ? RunningStats.current() : null;
        if (deferred != null) {
            // Batch statistics without touching the running buffers; the recorder applies the update later.
            T_TensorTensorTensor_T r = torch.native_batch_norm(x, new TensorOptional(weight), new TensorOptional(bias),
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
        if (training) {
            try (NoGrad ng = new NoGrad(); Scalar one = new Scalar(1L)) {
                numBatchesTracked.add_(one);
            }
        }
        return torch.batch_norm(x, new TensorOptional(weight), new TensorOptional(bias),
                new TensorOptional(runningMean), new TensorOptional(runningVar), training, momentum, eps, false);
    }
}

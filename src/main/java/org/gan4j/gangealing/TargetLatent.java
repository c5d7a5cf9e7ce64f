package org.gan4j.gangealing;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Module;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Tensors;

/**
 * The learned congealing target ({@code DirectionInterpolator}, the checkpoint's {@code ll}): the target mode
 * <pre>  c_k = w̄ + a_k·D      (a_k ∈ R^ndirs, D the top PCA directions of W, {@code [ndirs,S]})</pre>
 * for each of K clusters, and the target W+ code of a sample w: layers below {@code inject} get lerp(c_k, w, ψ),
 * the others keep w — the target shares the sample's fine style but takes the learned coarse pose; as ψ anneals
 * from 1 to 0 the pairs go from identical to the full alignment task. Keys {@code coefficients} {@code [K,ndirs]}
 * (zero-initialised: c starts at w̄), buffers {@code directions}, {@code lat_mean} {@code [1,S]}.
 */
public final class TargetLatent extends Module {

    private final Tensor coefficients;
    private final Tensor directions;
    private final Tensor latMean;
    private final int nLatent;
    private final int inject;
    private final int heads;

    public TargetLatent(int styleDim, int ndirs, int inject, int nLatent, int heads) {
        if (inject < 1 || inject > nLatent) {
            throw new org.gan4j.Gan4jException("--inject must be in 1.." + nLatent + " for this generator, got " + inject);
        }
        this.nLatent = nLatent;
        this.inject = inject;
        this.heads = heads;
        directions = registerBuffer("directions", Tensors.randn(ndirs, styleDim));
        latMean = registerBuffer("lat_mean", Tensors.randn(1, styleDim));
        coefficients = registerParameter("coefficients", Tensors.zeros(heads, ndirs));
    }

    public int heads() {
        return heads;
    }

    public int inject() {
        return inject;
    }

    public Tensor coefficients() {
        return coefficients;
    }

    /** The target modes c_k {@code [K,S]}. */
    public Tensor modes() {
        return latMean.add(torch.matmul(coefficients, directions));
    }

    /** Sets the PCA basis ({@code assign_buffers}): directions {@code [ndirs,S]}, mean {@code [1,S]}. */
    public void assign(Tensor dirs, Tensor mean) {
        try (NoGrad ng = new NoGrad()) {
            directions.copy_(dirs);
            latMean.copy_(mean.view(1, -1));
        }
    }

    /** Sets a_k ({@code assign_coefficients}), e.g. from the K-means++ centroids' PCA codes. */
    public void assignCoefficients(Tensor a) {
        try (NoGrad ng = new NoGrad()) {
            coefficients.copy_(a);
        }
    }

    /** The target W+ codes {@code [N·K,L,S]} (sample i, head k at row i·K + k) of samples w {@code [N,S]}. */
    public Tensor interpolate(Tensor w, double psi) {
        long n = w.size(0);
        long s = w.size(1);
        Tensor c = modes().repeat(n, 1); // [N·K,S]
        Tensor wk = Stn.repeatInterleave(w, heads); // [N·K,S]
        Tensor coarse = c.lerp(wk, Tensors.s(psi)).unsqueeze(1).repeat(1, inject, 1);
        Tensor fine = wk.unsqueeze(1).repeat(1, nLatent - inject, 1);
        return torch.cat(new TensorVector(coarse, fine), 1);
    }
}

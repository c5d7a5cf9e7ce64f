package org.gan4j.cocosnet;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * CoCosNet's dense correspondence between the input's positions (queries, rows) and the exemplar's (columns), used
 * without ever holding the whole matrix:
 * <pre>
 *   M(u, v) = θ̂(u)ᵀ φ̂(v)                      cosine similarity of centred, normalised features   [HWq, HWr]
 *   warp(r)   = softmax_v(M / τ) · r          each input position takes a soft average of exemplar values
 *   warpBack(x) = softmax_u(Mᵀ / τ) · x        each exemplar position takes one of input values (the cycle)
 * </pre>
 * τ = 0.01. The official code forms M for all positions at once (a 4096×4096 matrix per image at 64×64 features, the
 * memory complaint of microsoft/CoCosNet #21); here M is formed {@code blockRows} rows at a time, each block's
 * softmax complete in itself (a softmax runs along its row), so the result equals the full product while the
 * largest temporary is N·blockRows·HW floats. With gradients, autograd still keeps every block's softmax; the saving
 * is in inference and in the transient M and M/τ. Formed whole (blockRows ≥ rows), each direction's softmax is made once
 * and shared by every warp of this correlation (the image, the label map, the cycle), as the official code does.
 */
public final class Correlation {

    /** The official temperature. */
    public static final double TAU = 0.01;

    private final Tensor thetaHat; // [N,HWq,D]
    private final Tensor phiHat;   // [N,D,HWr]
    private final double tau;
    private final int blockRows;
    private Tensor forwardSoftmax;  // softmax_v(M/τ) when formed whole, shared by every warp
    private Tensor backwardSoftmax; // softmax_u(Mᵀ/τ)

    /**
     * @param thetaHat  the input's features, centred and normalised, [N,HWq,D]
     * @param phiHat    the exemplar's, [N,D,HWr]
     * @param tau       temperature (0.01)
     * @param blockRows rows of M formed at once (HWq or more: the whole matrix, as the official code)
     */
    public Correlation(Tensor thetaHat, Tensor phiHat, double tau, int blockRows) {
        this.thetaHat = thetaHat;
        this.phiHat = phiHat;
        this.tau = tau;
        this.blockRows = Math.max(1, blockRows);
    }

    /** softmax_v(M/τ)·r: exemplar values r [N,HWr,C] carried to the input's positions, [N,HWq,C]. */
    public Tensor warp(Tensor r) {
        if (blockRows >= thetaHat.size(1)) {
            if (forwardSoftmax == null) {
                forwardSoftmax = Scope.run(() -> torch.softmax(matrix(), -1)); // M and M/τ freed at once
            }
            return torch.matmul(forwardSoftmax, r);
        }
        return blocked(thetaHat, phiHat, r);
    }

    /** softmax_u(Mᵀ/τ)·x: input values x [N,HWq,C] carried to the exemplar's positions, [N,HWr,C]. */
    public Tensor warpBack(Tensor x) {
        if (blockRows >= phiHat.size(2)) {
            if (backwardSoftmax == null) {
                backwardSoftmax = Scope.run(() -> torch.softmax(matrix().transpose(1, 2), -1));
            }
            return torch.matmul(backwardSoftmax, x);
        }
        return blocked(phiHat.transpose(1, 2), thetaHat.transpose(1, 2), x);
    }

    /** The whole matrix M/τ [N,HWq,HWr] (small maps, tests and pictures only). */
    public Tensor matrix() {
        return torch.matmul(thetaHat, phiHat).div(Tensors.s(tau));
    }

    /** argmax_v M(u, v): each input position's best exemplar position, [N,HWq] int64, formed in row blocks. */
    public Tensor bestMatches() {
        long r = thetaHat.size(1);
        TensorVector parts = new TensorVector();
        for (long start = 0; start < r; start += blockRows) {
            long from = start;
            long len = Math.min(blockRows, r - start);
            parts.push_back(Scope.run(() -> torch.argmax(torch.matmul(thetaHat.narrow(1, from, len), phiHat),
                    new org.bytedeco.pytorch.LongOptional(-1), false)));
        }
        return parts.size() == 1 ? parts.get(0) : torch.cat(parts, 1);
    }

    private Tensor blocked(Tensor rows, Tensor cols, Tensor values) { // [N,R,D], [N,D,S], [N,S,C] -> [N,R,C]
        long r = rows.size(1);
        TensorVector parts = new TensorVector();
        for (long start = 0; start < r; start += blockRows) {
            long from = start;
            long len = Math.min(blockRows, r - start);
            // each block in a scope of its own: its M and softmax are freed before the next block is formed
            parts.push_back(Scope.run(() -> torch.matmul(torch.softmax(
                    torch.matmul(rows.narrow(1, from, len), cols).div(Tensors.s(tau)), -1), values))); // [N,len,C]
        }
        return parts.size() == 1 ? parts.get(0) : torch.cat(parts, 1);
    }
}

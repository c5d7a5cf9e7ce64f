package org.gan4j.gangealing;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorIndex;
import org.bytedeco.pytorch.TensorIndexVector;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.ImageDistance;
import org.gan4j.nn.BilinearDownsample;
import org.gan4j.nn.Padding2d;
import org.gan4j.torch.Tensors;

/**
 * Generated images congealed by every head (and, with flips, also mirrored), each assigned to the head and flip
 * whose output is nearest its target ({@code assign_fake_images_to_clusters}). Candidates are numbered
 * f·K + k (flip f, head k).
 *
 * @param best     the smallest distance per image {@code [N]}
 * @param choice   its candidate index {@code [N]}
 * @param outs     T's outputs per candidate {@code [N,C',3,F,F]} (C' = K, or 2K with flips)
 * @param targets  the targets per candidate {@code [N,C',3,F,F]}
 * @param deltas   the residual flows per candidate {@code [N,C',H,W,2]}
 */
record Assignment(Tensor best, Tensor choice, Tensor outs, Tensor targets, Tensor deltas) {

    static Assignment of(ComposedStn t, ImageDistance distance, CongealingPairs pair, BilinearDownsample toStn,
            boolean flips, boolean fullRes, Padding2d padding) {
        int k = t.shape().heads();
        Tensor x = pair.unaligned();
        long n = x.size(0);
        Tensor y = pair.target();
        if (flips) {
            x = torch.cat(new org.bytedeco.pytorch.TensorVector(x, x.flip(new long[] {3})), 0);
            y = y.repeat(2, 1, 1, 1);
        }
        Tensor in = toStn == null ? x : toStn.forward(x);
        Warped w = t.forward(in, fullRes ? x : in, Warping.defaults().padding(padding), null);
        int f = flips ? 2 : 1;
        Tensor d = distance.distance(w.out(), y); // [(f·N)·K]
        Tensor perImage = perImage(d.view(f, n, k), n); // [N,f·K]
        T_TensorTensor_T min = perImage.min(1, false);
        return new Assignment(min.get0(), min.get1(), perImage(w.out(), f, n, k), perImage(y, f, n, k),
                perImage(w.warp(), f, n, k));
    }

    /** {@code [f,N,K]} to {@code [N,f·K]}. */
    private static Tensor perImage(Tensor d, long n) {
        return d.permute(1, 0, 2).reshape(n, -1);
    }

    /** {@code [(f·N)·K, ...]} to {@code [N,f·K,...]}. */
    private static Tensor perImage(Tensor t, int f, long n, int k) {
        long[] rest = t.sizes().vec().get();
        long[] shape = new long[rest.length + 2];
        shape[0] = f;
        shape[1] = n;
        shape[2] = k;
        System.arraycopy(rest, 1, shape, 3, rest.length - 1);
        long[] perm = new long[shape.length];
        perm[0] = 1;
        perm[1] = 0;
        for (int i = 2; i < perm.length; i++) {
            perm[i] = i;
        }
        long[] out = new long[rest.length + 1];
        out[0] = n;
        out[1] = (long) f * k;
        System.arraycopy(rest, 1, out, 2, rest.length - 1);
        return t.view(shape).permute(perm).reshape(out);
    }

    private Tensor chosen(Tensor perCandidate) {
        Tensor rows = Tensors.arange(perCandidate.size(0));
        return perCandidate.index(new TensorIndexVector(new TensorIndex(rows), new TensorIndex(choice)));
    }

    /** The chosen candidates' residual flows {@code [N,H,W,2]}. */
    Tensor chosenDelta() {
        return chosen(deltas);
    }

    Tensor chosenOut() {
        return chosen(outs);
    }

    Tensor chosenTarget() {
        return chosen(targets);
    }
}

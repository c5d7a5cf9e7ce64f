package org.gan4j.gangealing;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.GridSampling;
import org.gan4j.nn.Linear;
import org.gan4j.nn.MipmapWarp;
import org.gan4j.nn.Module;
import org.gan4j.torch.Tensors;

/**
 * Regresses and applies a similarity warp ({@code SimilarityHead}): a linear layer, zero-initialised so the first
 * warp is the identity, gives per head (rot, scale, s_x, s_y), and
 * <pre>  θ = π·tanh(rot),  s = exp(scale),  M = [[s cos θ, −s sin θ, s_x], [s sin θ, s cos θ, s_y]]</pre>
 * maps output coordinates to source coordinates in [−1, 1] ({@code affine_grid}); the source is sampled with
 * {@link MipmapWarp} (3.5 levels). Keys {@code linear.weight} {@code [4K,D]}, {@code linear.bias}, and the
 * official's constant buffer {@code one_hot}.
 */
final class SimilarityHead extends Module {

    private final Linear linear;
    private final MipmapWarp warper;
    private final int heads;

    SimilarityHead(int in, int heads) {
        this.heads = heads;
        linear = registerModule("linear", new Linear(in, 4 * heads));
        try (org.gan4j.torch.NoGrad ng = new org.gan4j.torch.NoGrad()) {
            linear.weight.zero_();
            linear.bias.zero_();
        }
        warper = registerModule("warper", new MipmapWarp(3.5));
        registerBuffer("one_hot", Tensors.of(new float[] {0, 0, 1}, 1, 1, 1, 3));
    }

    /**
     * @param img      the source {@code [N,C,H,W]}
     * @param features {@code [N,D]}
     * @param assign   null to warp every image by every head (N·K outputs), or {@code [N]} head indices
     * @param baseWarp {@code [N·split,2,3]} or {@code [N,K,2,3]} composed before this warp (iterations), or null
     */
    Warped forward(Tensor img, Tensor features, int outputResolution, Warping w, Tensor assign, Tensor baseWarp) {
        long n = features.size(0);
        Tensor params = linear.forward(features); // [N,4K]
        int split;
        Tensor rot;
        Tensor scale;
        Tensor sx;
        Tensor sy;
        if (assign != null) {
            Tensor p = params.reshape(n, 4, heads).permute(0, 2, 1); // [N,K,4]
            p = p.gather(1, assign.view(n, 1, 1).expand(new long[] {n, 1, 4})).squeeze(1); // [N,4]
            split = 1;
            rot = p.narrow(1, 0, 1);
            scale = p.narrow(1, 1, 1);
            sx = p.narrow(1, 2, 1);
            sy = p.narrow(1, 3, 1);
        } else {
            split = heads;
            rot = params.narrow(1, 0, heads);
            scale = params.narrow(1, heads, heads);
            sx = params.narrow(1, 2 * heads, heads);
            sy = params.narrow(1, 3 * heads, heads);
        }
        Tensor m = affine(rot, scale, sx, sy); // [N,split,2,3]
        if (baseWarp != null) {
            Tensor base = baseWarp.dim() == 3 ? baseWarp.view(n, -1, 2, 3) : baseWarp;
            m = torch.matmul(base, threeByThree(m));
        }
        if (w.alpha() != null) {
            Tensor identity = Tensors.eye(2, 3).view(1, 1, 2, 3);
            m = identity.lerp(m, w.alpha().view(-1, 1, 1, 1));
        }
        m = m.reshape(n * split, 2, 3);
        Tensor source = split == 1 ? img : Stn.repeatInterleave(img, split);
        Tensor grid = GridSampling.affineGrid(m, n * split, img.size(1), outputResolution, outputResolution);
        Tensor out = warper.forward(source, grid, w.padding());
        return new Warped(out, grid, m);
    }

    /** {@code make_affine_matrix}: raw outputs {@code [N,K]} each to matrices {@code [N,K,2,3]}. */
    static Tensor affine(Tensor rot, Tensor scale, Tensor sx, Tensor sy) {
        Tensor theta = torch.tanh(rot).mul(Tensors.s(Math.PI));
        Tensor s = torch.exp(scale);
        Tensor cos = s.mul(torch.cos(theta));
        Tensor sin = s.mul(torch.sin(theta));
        Tensor m = torch.stack(new TensorVector(cos, sin.neg(), sx, sin, cos, sy), 2); // [N,K,6]
        return m.reshape(rot.size(0), rot.size(1), 2, 3);
    }

    /** Appends the row [0, 0, 1]: {@code [N,K,2,3]} to {@code [N,K,3,3]}. */
    static Tensor threeByThree(Tensor m) {
        Tensor row = Tensors.of(new float[] {0, 0, 1}, 1, 1, 1, 3).expand(new long[] {m.size(0), m.size(1), 1, 3});
        return torch.cat(new TensorVector(m, row), 2);
    }
}

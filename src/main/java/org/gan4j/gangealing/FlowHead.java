package org.gan4j.gangealing;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.EqualConv2d;
import org.gan4j.nn.GridSampling;
import org.gan4j.nn.MipmapWarp;
import org.gan4j.nn.Module;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Tensors;

/**
 * Regresses and applies a dense warp ({@code FlowHead}): from features {@code [N,D,h,w]} a residual flow Δ at h×w
 * ({@code flow_out}: conv 3×3, ReLU, conv 3×3 to 2K channels, the last zero-initialised so Δ starts at 0) and the
 * weights of RAFT's convex upsampling ({@code mask_out}: to 9·d²·K channels), so the flow at d·h × d·w is, per
 * fine pixel, a softmax-weighted combination of the 3×3 coarse neighbours' d·Δ. The sampling grid is
 * <pre>  grid = identity + Δ   (then, composed: grid ← M·[grid; 1] with the similarity STN's M)</pre>
 * resized bilinearly to the output resolution before the source is sampled once ({@link MipmapWarp}).
 */
final class FlowHead extends Module {

    private final Seq flowOut;
    private final EqualConv2d flow0;
    private final EqualConv2d flow2;
    private final EqualConv2d mask0;
    private final EqualConv2d mask2;
    private final MipmapWarp warper;
    private final int heads;
    private final int d;
    private final Tensor identityFlow; // [1,d·h,d·w,2]

    FlowHead(int channels, int side, int heads, int flowDownsample) {
        this.heads = heads;
        this.d = flowDownsample;
        flowOut = registerModule("flow_out", new Seq());
        flow0 = flowOut.registerChild("0", new EqualConv2d(channels, channels, 3, 1, 1, true));
        flow2 = flowOut.registerChild("2", new EqualConv2d(channels, 2 * heads, 3, 1, 1, true));
        try (NoGrad ng = new NoGrad()) {
            flow2.weight.zero_();
            flow2.bias.zero_();
        }
        Seq maskOut = registerModule("mask_out", new Seq());
        mask0 = maskOut.registerChild("0", new EqualConv2d(channels, channels, 3, 1, 1, true));
        mask2 = maskOut.registerChild("2", new EqualConv2d(channels, 9 * d * d * heads, 3, 1, 1, true));
        warper = registerModule("warper", new MipmapWarp(3.5));
        try (NoGrad ng = new NoGrad()) {
            identityFlow = org.gan4j.torch.Scope.keepAlive(GridSampling.affineGrid(Tensors.eye(2, 3).unsqueeze(0), 1, 1,
                    (long) d * side, (long) d * side));
        }
    }

    /** The identity sampling grid at the flow's resolution, {@code [1,H,W,2]}. */
    Tensor identityFlow() {
        return identityFlow;
    }

    /**
     * @param img      the source {@code [N',C,H,W]} (N' = N when assigning, else N images warped by all K heads)
     * @param features {@code [N,D,h,w]}
     * @param assign   null for every head on every image, or {@code [N]} head indices
     * @param baseWarp {@code [N·split,2,3]} similarity composed after the flow, or null
     */
    Warped forward(Tensor img, Tensor features, int outputResolution, Warping w, Tensor assign, Tensor baseWarp) {
        long n = features.size(0);
        long h = features.size(2);
        long wd = features.size(3);
        Tensor lowRes = flow2.forward(torch.relu(flow0.forward(features))) // [N,2K,h,w]
                .reshape(n, heads, 2, h, wd).permute(0, 1, 3, 4, 2); // [N,K,h,w,2]
        Tensor mask = mask2.forward(torch.relu(mask0.forward(features))).reshape(n, heads, 9L * d * d, h, wd);
        int split;
        if (assign != null) {
            Tensor batch = Tensors.arange(n);
            org.bytedeco.pytorch.TensorIndexVector idx = new org.bytedeco.pytorch.TensorIndexVector(
                    new org.bytedeco.pytorch.TensorIndex(batch), new org.bytedeco.pytorch.TensorIndex(assign));
            lowRes = lowRes.index(idx);
            mask = mask.index(idx);
            split = 1;
        } else {
            split = heads;
        }
        lowRes = lowRes.reshape(n * split, h, wd, 2);
        mask = mask.reshape(n * split, -1, h, wd);
        Tensor delta = upsample(lowRes, mask); // [N·split,d·h,d·w,2]
        Tensor grid = identityFlow.add(delta);
        if (baseWarp != null) {
            grid = applyAffine(baseWarp, grid);
        }
        if (w.alpha() != null) {
            grid = identityFlow.lerp(grid, w.alpha().view(-1, 1, 1, 1));
        }
        if (outputResolution != grid.size(1)) {
            double f = (double) outputResolution / grid.size(1);
            grid = org.gan4j.torch.Resize.bilinearScaled(grid.permute(0, 3, 1, 2), f).permute(0, 2, 3, 1);
        }
        Tensor source = split == 1 ? img : Stn.repeatInterleave(img, split);
        Tensor out = warper.forward(source, grid, w.padding());
        return new Warped(out, grid, delta);
    }

    /** RAFT's convex upsampling: Δ {@code [N,h,w,2]} and mask {@code [N,9·d²,h,w]} to d·Δ at {@code [N,d·h,d·w,2]}. */
    Tensor upsample(Tensor flow, Tensor mask) {
        long n = flow.size(0);
        long h = flow.size(1);
        long w = flow.size(2);
        Tensor weights = torch.softmax(mask.view(n, 1, 9, d, d, h, w), 2);
        Tensor up = torch.im2col(flow.permute(0, 3, 1, 2).mul(Tensors.s(d)), new long[] {3, 3}, new long[] {1, 1},
                new long[] {1, 1}, new long[] {1, 1}).view(n, 2, 9, 1, 1, h, w);
        Tensor sum = weights.mul(up).sum(new long[] {2}, false, new org.bytedeco.pytorch.ScalarTypeOptional()); // [N,2,d,d,h,w]
        return sum.permute(0, 4, 2, 5, 3, 1).reshape(n, d * h, d * w, 2);
    }

    /** {@code apply_affine}: every grid point p to M·[p; 1]. */
    static Tensor applyAffine(Tensor matrix, Tensor grid) { // [N,2,3], [N,H,W,2] -> [N,H,W,2]
        long n = grid.size(0);
        Tensor flat = grid.reshape(n, -1, 2);
        Tensor ones = Tensors.ones(n, flat.size(1), 1);
        Tensor homo = torch.cat(new TensorVector(flat, ones), 2);
        return torch.matmul(homo, matrix.permute(0, 2, 1)).reshape(grid.sizes().vec().get());
    }

    /** An {@code nn.Sequential} holder for the official keys (its ReLU at index 1 has no parameters). */
    private static final class Seq extends Module {
        <M extends Module> M registerChild(String name, M m) {
            return registerModule(name, m);
        }
    }
}

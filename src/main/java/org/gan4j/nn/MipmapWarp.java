package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * Antialiased {@code grid_sample} with a mipmap (Tim Brooks's {@code MipmapWarp}, used by GANgealing's spatial
 * transformers). Where the grid samples the input sparsely (a zoom-out), a plain bilinear sample aliases; instead
 * each output pixel reads a Gaussian stack at the level
 * <pre>  ℓ = clamp(log₂ max(1, d_max), 0, L − 1),</pre>
 * d_max the largest distance, in input pixels, from its sample point to the four neighbours' (replicated at the
 * border), linearly between ⌊ℓ⌋ and ⌈ℓ⌉. Level i of the stack is the input blurred i times with [1, 3, 3, 1]
 * (reflection padded, stride 2) and upsampled bilinearly by 2^i back to the input size; inputs whose side is not a
 * power of two are reflection padded to the next one first. At ℓ = 0 everywhere this is plain bilinear sampling.
 * Buffer {@code blur_filter} {@code [1,1,4,4]}.
 */
public final class MipmapWarp extends Module {

    private final double maxLevels;
    private final Tensor blurFilter;

    /** @param maxLevels the largest level count L (GANgealing: 3.5) */
    public MipmapWarp(double maxLevels) {
        this.maxLevels = maxLevels;
        float[] f = {1, 3, 3, 1};
        float[] k = new float[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                k[i * 4 + j] = f[i] * f[j] / 64f;
            }
        }
        blurFilter = registerBuffer("blur_filter", Tensors.of(k, 1, 1, 4, 4));
    }

    public Tensor forward(Tensor x, Tensor grid, Padding2d padding) { // [N,C,H,W], [N,h,w,2] -> [N,C,h,w]
        Tensor levels = levels(grid, x.size(2), x.size(3));
        int numLevels = (int) Math.ceil(levels.max().item_double()) + 1;
        if (numLevels == 1) {
            return GridSampling.sample(x, grid, padding);
        }
        Tensor stack = stack(x, numLevels); // [N,C,D,H,W]
        long n = x.size(0);
        long c = x.size(1);
        Tensor warped = GridSampling.sample(stack.reshape(n, c * numLevels, x.size(2), x.size(3)), grid, padding)
                .reshape(n, c, numLevels, grid.size(1), grid.size(2));
        Tensor l = levels.unsqueeze(1).unsqueeze(2).expand(new long[] {n, c, 1, grid.size(1), grid.size(2)});
        Tensor l0 = l.floor().to(torch.ScalarType.Long);
        Tensor l1 = l.ceil().to(torch.ScalarType.Long);
        Tensor out0 = warped.gather(2, l0);
        Tensor out1 = warped.gather(2, l1);
        Tensor weight = l.remainder(Tensors.s(1.0));
        return out0.add(weight.mul(out1.sub(out0))).select(2, 0);
    }

    /** The mipmap level of every output pixel, {@code [N,h,w]}. */
    public Tensor levels(Tensor grid, long height, long width) {
        Tensor gx = grid.select(3, 0).add(Tensors.s(1.0)).mul(Tensors.s((width - 1.0) / 2));
        Tensor gy = grid.select(3, 1).add(Tensors.s(1.0)).mul(Tensors.s((height - 1.0) / 2));
        Tensor coords = torch.stack(new TensorVector(gx, gy), 3); // [N,h,w,2] in input pixels
        Tensor padded = torch.replication_pad2d(coords.permute(0, 3, 1, 2), 1, 1, 1, 1).permute(0, 2, 3, 1);
        long h = coords.size(1);
        long w = coords.size(2);
        Tensor left = padded.narrow(1, 1, h).narrow(2, 0, w);
        Tensor right = padded.narrow(1, 1, h).narrow(2, 2, w);
        Tensor up = padded.narrow(1, 0, h).narrow(2, 1, w);
        Tensor down = padded.narrow(1, 2, h).narrow(2, 1, w);
        Tensor dmax = distance(left, coords);
        for (Tensor other : new Tensor[] {right, up, down}) {
            dmax = torch.maximum(dmax, distance(other, coords));
        }
        return torch.log2(dmax).clamp_min(Tensors.s(0.0)).clamp_max(Tensors.s(maxLevels - 1.0));
    }

    /** sqrt(max(1, |a − b|²)): the clamp keeps log₂ at level 0 for neighbours closer than a pixel. */
    private static Tensor distance(Tensor a, Tensor b) {
        return a.sub(b).pow(Tensors.s(2)).sum(new long[] {3}, false, new org.bytedeco.pytorch.ScalarTypeOptional())
                .clamp_min(Tensors.s(1.0)).sqrt();
    }

    /** The Gaussian stack {@code [N,C,D,H,W]}: level i blurred and halved i times, then upsampled by 2^i. */
    private Tensor stack(Tensor x, int numLevels) {
        long side = x.size(3);
        double log = Math.log(side) / Math.log(2);
        boolean pad = log != Math.floor(log);
        int left = 0;
        int right = 0;
        Tensor in = x;
        if (pad) {
            long target = 1L << (long) Math.ceil(log);
            long total = target - side;
            left = (int) (total / 2);
            right = (int) (total - left);
            in = torch.reflection_pad2d(x, new long[] {left, right, left, right});
        }
        TensorVector levels = new TensorVector(in);
        Tensor level = in;
        long c = x.size(1);
        Tensor filter = blurFilter.repeat(c, 1, 1, 1);
        for (int i = 1; i < numLevels; i++) {
            level = torch.conv2d(torch.reflection_pad2d(level, new long[] {1, 1, 1, 1}), filter,
                    new org.bytedeco.pytorch.TensorOptional(), new long[] {2, 2}, new long[] {0, 0}, new long[] {1, 1}, c);
            double f = Math.pow(2, i);
            levels.push_back(org.gan4j.torch.Resize.bilinearScaled(level, f));
        }
        Tensor stack = torch.stack(levels, 2);
        if (pad) {
            long h = stack.size(3);
            stack = stack.narrow(3, left, h - left - right).narrow(4, left, h - left - right);
        }
        return stack;
    }
}

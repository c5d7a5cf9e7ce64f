package org.gan4j.gangealing;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * Laplacian pyramid blending (the official {@code LaplacianBlender}, as a stack without downsampling): both images'
 * Laplacian stacks (5 levels, Gaussian blurs of width 45 and σ = 1, 2, 4, 8, replicate padding) are lerped by the
 * mask's Gaussian stack and summed, so an edit's colours blend into the image at every scale.
 */
final class LaplacianBlend {

    static final int LEVELS = 5;
    static final int WIDTH = 45;

    private LaplacianBlend() {}

    /** img0 where mask = 0, img1 where mask = 1: {@code [N,C,H,W]}, {@code [N,C,H,W]}, {@code [N,1,H,W]}. */
    static Tensor blend(Tensor img0, Tensor img1, Tensor mask) {
        Tensor[] l0 = stack(img0, true);
        Tensor[] l1 = stack(img1, true);
        Tensor[] gm = stack(mask, false);
        Tensor out = null;
        for (int k = 0; k < LEVELS; k++) {
            Tensor level = l0[k].lerp(l1[k], gm[k]);
            out = out == null ? level : out.add(level);
        }
        return out;
    }

    /** The Laplacian (or Gaussian) stack of {@code x}. */
    private static Tensor[] stack(Tensor x, boolean laplacian) {
        Tensor[] out = new Tensor[LEVELS];
        Tensor img = x;
        for (int k = 0; k < LEVELS; k++) {
            if (k < LEVELS - 1) {
                Tensor blurred = blur(img, Math.pow(2, k));
                out[k] = laplacian ? img.sub(blurred) : img;
                img = blurred;
            } else {
                out[k] = img;
            }
        }
        return out;
    }

    /** cv2.getGaussianKernel(45, σ) outer itself, depthwise, replicate padding 22. */
    private static Tensor blur(Tensor x, double sigma) {
        float[] g = new float[WIDTH];
        double sum = 0;
        for (int i = 0; i < WIDTH; i++) {
            double d = i - (WIDTH - 1) / 2.0;
            g[i] = (float) Math.exp(-d * d / (2 * sigma * sigma));
            sum += g[i];
        }
        for (int i = 0; i < WIDTH; i++) {
            g[i] /= (float) sum;
        }
        long c = x.size(1);
        int p = WIDTH / 2;
        Tensor kx = Tensors.of(g, 1, 1, 1, WIDTH).repeat(c, 1, 1, 1);
        Tensor ky = Tensors.of(g, 1, 1, WIDTH, 1).repeat(c, 1, 1, 1);
        Tensor padded = torch.replication_pad2d(x, p, p, p, p);
        Tensor h = torch.conv2d(padded, kx, new org.bytedeco.pytorch.TensorOptional(), new long[] {1, 1}, new long[] {0, 0},
                new long[] {1, 1}, c);
        return torch.conv2d(h, ky, new org.bytedeco.pytorch.TensorOptional(), new long[] {1, 1}, new long[] {0, 0},
                new long[] {1, 1}, c);
    }
}

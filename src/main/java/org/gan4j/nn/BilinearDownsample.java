package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * Antialiased downsampling by an integer stride with a separable tent filter (Richard Zhang's
 * {@code BilinearDownsample}, as GANgealing uses it to bring images to the STN's resolution): reflection padding by
 * stride/2, then the normalised kernel [1, 3, …, 2s−1, 2s−1, …, 3, 1] along x with stride s, then along y. Buffers
 * {@code kernel_horz} {@code [C,1,1,2s]} and {@code kernel_vert} {@code [C,1,2s,1]}.
 */
public final class BilinearDownsample extends Module {

    private final int stride;
    private final int channels;
    private final Tensor kernelHorz;
    private final Tensor kernelVert;

    public BilinearDownsample(int stride, int channels) {
        this.stride = stride;
        this.channels = channels;
        float[] k = new float[2 * stride];
        float sum = 0;
        for (int i = 0; i < stride; i++) {
            k[i] = 2 * i + 1;
            k[2 * stride - 1 - i] = 2 * i + 1;
            sum += 2 * (2 * i + 1);
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        Tensor base = Tensors.of(k, k.length);
        kernelHorz = registerBuffer("kernel_horz", base.view(1, 1, 1, k.length).repeat(channels, 1, 1, 1).contiguous());
        kernelVert = registerBuffer("kernel_vert", base.view(1, 1, k.length, 1).repeat(channels, 1, 1, 1).contiguous());
    }

    public Tensor forward(Tensor x) { // [N,C,H,W] -> [N,C,H/s,W/s]
        int p = stride / 2;
        Tensor padded = p == 0 ? x : torch.reflection_pad2d(x, new long[] {p, p, p, p});
        Tensor h = torch.conv2d(padded, kernelHorz, new org.bytedeco.pytorch.TensorOptional(), new long[] {1, stride}, new long[] {0, 0},
                new long[] {1, 1}, channels);
        return torch.conv2d(h, kernelVert, new org.bytedeco.pytorch.TensorOptional(), new long[] {stride, 1}, new long[] {0, 0}, new long[] {1, 1},
                channels);
    }
}

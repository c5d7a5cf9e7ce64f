package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * Self-attention (SAGAN, Zhang et al. 2019) as CoCosNet's {@code Attention} block, at a C-channel feature map:
 * <pre>
 *   θ = W_θ x  [C/8, HW],   φ = maxpool2(W_φ x)  [C/8, HW/4],   g = maxpool2(W_g x)  [C/2, HW/4]
 *   β = softmax(θᵀ φ) over the pooled positions                 [HW, HW/4]
 *   out = γ · W_o (g βᵀ) + x                                    γ learned, 0 at initialisation
 * </pre>
 * 1×1 convolutions without bias, spectrally normalised when asked. Keys as the official: {@code theta.*},
 * {@code phi.*}, {@code g.*}, {@code o.*} ({@code weight} or {@code weight_orig/_u/_v}), {@code gamma}.
 */
public final class Attention extends Module {

    private final int ch;
    private final Layer theta;
    private final Layer phi;
    private final Layer g;
    private final Layer o;
    public final Tensor gamma; // 0-dim

    /**
     * @param ch       channels C (a multiple of 8)
     * @param spectral spectral normalisation on the four convolutions ({@code 'spectral' in norm_G})
     */
    public Attention(int ch, boolean spectral) {
        this.ch = ch;
        theta = conv("theta", ch, ch / 8, spectral);
        phi = conv("phi", ch, ch / 8, spectral);
        g = conv("g", ch, ch / 2, spectral);
        o = conv("o", ch / 2, ch, spectral);
        gamma = registerParameter("gamma", Tensors.zeros(new long[] {}));
    }

    private Layer conv(String name, int in, int out, boolean spectral) {
        return spectral ? registerModule(name, new SpectralNormConv2d(in, out, 1, 1, 0, false))
                : registerModule(name, new Conv2d(in, out, 1, 1, 0, false));
    }

    public Tensor forward(Tensor x) { // [N,C,H,W] -> same
        long n = x.size(0);
        long h = x.size(2);
        long w = x.size(3);
        long[] pool = {2, 2};
        Tensor th = theta.forward(x).view(n, ch / 8, h * w);
        Tensor ph = torch.max_pool2d(phi.forward(x), pool).view(n, ch / 8, h * w / 4);
        Tensor gg = torch.max_pool2d(g.forward(x), pool).view(n, ch / 2, h * w / 4);
        Tensor beta = torch.softmax(torch.bmm(th.transpose(1, 2), ph), -1); // [N,HW,HW/4]
        Tensor out = o.forward(torch.bmm(gg, beta.transpose(1, 2)).view(n, ch / 2, h, w));
        return gamma.mul(out).add(x);
    }
}

package org.gan4j.spade;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Layer;
import org.gan4j.nn.Linear;
import org.gan4j.nn.Module;
import org.gan4j.nn.NonSpadeNorm;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Tensors;

/**
 * SPADE's style encoder ({@code ConvEncoder}, Park et al. 2019, Fig. 14): 3×3 stride-2 convolutions
 * (spectral + instance norm, LeakyReLU 0.2) ngf → 2 → 4 → 8 → 8 [→ 8]·ngf down to 4×4, then two linear maps
 * to the mean and log-variance of q(z|x):
 * <pre>
 *   μ, log σ² = fc_mu(h), fc_var(h),    z = μ + ε·exp(½·log σ²),  ε ~ N(0, I)   (the reparameterisation)
 * </pre>
 * Keys as the official: {@code layer1.0.weight_orig} … {@code layer6.*}, {@code fc_mu.*}, {@code fc_var.*}.
 */
public final class ConvEncoder extends Module {

    /** Spatial size of the last feature map (the official {@code s0}). */
    static final int S0 = 4;
    /** z size (the official encoder's linear layers are 256 wide whatever z_dim says). */
    public static final int Z_DIM = 256;

    private final List<Layer> layers = new ArrayList<>();
    private final int inputSize;
    private final Linear fcMu;
    private final Linear fcVar;

    /**
     * @param ngf      the encoder's width (the official uses the generator's ngf as its ndf)
     * @param cropSize the training size; at 256 and above there is a sixth layer
     * @param norm     the norm (spectralinstance)
     */
    public ConvEncoder(int ngf, int cropSize, NonSpadeNorm norm) {
        int ndf = ngf;
        int[] widths = {3, ndf, ndf * 2, ndf * 4, ndf * 8, ndf * 8, ndf * 8};
        int count = cropSize >= 256 ? 6 : 5;
        for (int i = 1; i <= count; i++) {
            NonSpadeNorm.Normed c = norm.conv(widths[i - 1], widths[i], 3, 2, 1);
            registerModule("layer" + i, c.module());
            layers.add(c.layer());
        }
        // DEVIATION: the official resizes every input to 256 px, which with crop_size < 256 (five layers) leaves an
        // 8×8 map that fc_mu cannot take; gan4j resizes to S0·2^layers (256, or 128 for small crops) so both work.
        inputSize = S0 << count;
        fcMu = registerModule("fc_mu", new Linear(ndf * 8 * S0 * S0, Z_DIM));
        fcVar = registerModule("fc_var", new Linear(ndf * 8 * S0 * S0, Z_DIM));
    }

    /** The size images are resized to before encoding (256, or 128 for crops below 256). */
    public int inputSize() {
        return inputSize;
    }

    /** μ and log σ² of q(z|x) for images x [N,3,H,W] in [−1,1], each [N,256]. */
    public Posterior forward(Tensor x) {
        Tensor h = x.size(2) == inputSize && x.size(3) == inputSize ? x : Resize.bilinear(x, inputSize, inputSize, false);
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(i == 0 ? h : torch.leaky_relu(h, Tensors.s(0.2)));
        }
        h = torch.leaky_relu(h, Tensors.s(0.2)).reshape(h.size(0), -1);
        return new Posterior(fcMu.forward(h), fcVar.forward(h));
    }

    /** q(z|x) = N(μ, diag(exp(logvar))). */
    public record Posterior(Tensor mu, Tensor logvar) {

        /** z = μ + ε·exp(½·logvar), for a given ε [N,256] (drawn by the caller, so runs are repeatable). */
        public Tensor sample(Tensor eps) {
            return eps.mul(torch.exp(logvar.mul(Tensors.s(0.5)))).add(mu);
        }
    }
}

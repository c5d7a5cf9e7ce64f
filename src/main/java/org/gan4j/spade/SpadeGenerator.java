package org.gan4j.spade;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Linear;
import org.gan4j.nn.Module;
import org.gan4j.nn.NormG;
import org.gan4j.nn.SpadeResnetBlock;
import org.gan4j.nn.SpadeSegmap;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Tensors;

/**
 * SPADE's generator ({@code SPADEGenerator}, Park et al. 2019, Fig. 4 right): from a start grid of 16·ngf
 * channels, SPADE residual blocks with ×2 nearest upsampling between them, each conditioned on the label map m:
 * <pre>
 *   x  = fc(z).view(16·ngf, sh, sw)            with the style encoder (use_vae), z ∈ R^256
 *   x  = fc(m↓(sh, sw))                        otherwise: a 3×3 conv on the label map resized (nearest)
 *   x  = head_0 → ↑ → G_middle_0 → [↑ if more/most] → G_middle_1 → ↑ up_0 → ↑ up_1 → ↑ up_2 → ↑ up_3 [→ ↑ up_4]
 *        channels 16·ngf, 16, 16, 8, 4, 2, 1 (·ngf) [, ngf/2]
 *   G(m, z) = tanh(conv_img(lrelu_0.2(x)))
 * </pre>
 * Keys as the official: {@code fc.*}, {@code head_0.*}, {@code G_middle_0.*}, {@code G_middle_1.*},
 * {@code up_0.*} … {@code up_4.*}, {@code conv_img.*}.
 */
public final class SpadeGenerator extends Module {

    private final SpadeNets nets;
    private final Module fc; // Linear (use_vae) or Conv2d
    private final SpadeResnetBlock head0;
    private final SpadeResnetBlock middle0;
    private final SpadeResnetBlock middle1;
    private final SpadeResnetBlock[] ups;
    private final Conv2d convImg;

    public SpadeGenerator(SpadeNets nets) {
        this.nets = nets;
        int nf = nets.ngf();
        int snc = nets.semanticNc();
        NormG normG = nets.parsedNormG();
        fc = nets.useVae() ? registerModule("fc", new Linear(nets.zDim(), 16 * nf * nets.sw() * nets.sh()))
                : registerModule("fc", new Conv2d(snc, 16 * nf, 3, 1, 1, true));
        head0 = registerModule("head_0", new SpadeResnetBlock(16 * nf, 16 * nf, snc, normG));
        middle0 = registerModule("G_middle_0", new SpadeResnetBlock(16 * nf, 16 * nf, snc, normG));
        middle1 = registerModule("G_middle_1", new SpadeResnetBlock(16 * nf, 16 * nf, snc, normG));
        boolean most = nets.upsampling() == Upsampling.MOST;
        int[] widths = most ? new int[] {16 * nf, 8 * nf, 4 * nf, 2 * nf, nf, nf / 2} : new int[] {16 * nf, 8 * nf, 4 * nf, 2 * nf, nf};
        ups = new SpadeResnetBlock[widths.length - 1];
        for (int i = 0; i < ups.length; i++) {
            ups[i] = registerModule("up_" + i, new SpadeResnetBlock(widths[i], widths[i + 1], snc, normG));
        }
        convImg = registerModule("conv_img", new Conv2d(widths[widths.length - 1], 3, 3, 1, 1, true));
    }

    public SpadeNets nets() {
        return nets;
    }

    /**
     * The image for label map {@code seg} [N,semantic_nc,H,W] and, with the style encoder, style codes
     * {@code z} [N,z_dim]. The start grid is (H, W)/2^n, so the output has the label map's size when H and W are
     * multiples of 2^n (the trained size being one of them).
     */
    public Tensor forward(Tensor seg, Tensor z) { // -> [N,3,H,W]
        return forward(SpadeSegmap.of(seg), z);
    }

    /** As {@link #forward(Tensor, Tensor)}, for a label map whose windows are already found (one per batch). */
    public Tensor forward(SpadeSegmap m, Tensor z) { // -> [N,3,H,W]
        Tensor seg = m.seg();
        int n = nets.upsampling().layers;
        int sh = (int) (seg.size(2) >> n);
        int sw = (int) (seg.size(3) >> n);
        if (sh < 1 || sw < 1) {
            throw new Gan4jException("label map " + seg.size(2) + "x" + seg.size(3) + " is smaller than the generator's "
                    + (1 << n) + " px minimum (num_upsampling_layers " + nets.upsampling().word() + ")");
        }
        Tensor x;
        if (nets.useVae()) {
            if (z == null) {
                throw new IllegalArgumentException("this generator starts from a style code z; give one");
            }
            x = ((Linear) fc).forward(z).view(-1, 16L * nets.ngf(), nets.sh(), nets.sw());
            if (sh != nets.sh() || sw != nets.sw()) {
                // DEVIATION: the official generator only makes its trained size from z; gan4j resizes the start grid
                // (nearest) so a label map of another size gets an image of its own size.
                x = Resize.nearest(x, sh, sw);
            }
        } else {
            x = ((Conv2d) fc).forward(m.at(sh, sw));
        }
        x = head0.forward(x, m);
        x = up(x);
        x = middle0.forward(x, m);
        if (nets.upsampling() != Upsampling.NORMAL) {
            x = up(x);
        }
        x = middle1.forward(x, m);
        for (SpadeResnetBlock block : ups) {
            x = up(x);
            x = block.forward(x, m);
        }
        return torch.tanh(convImg.forward(torch.leaky_relu(x, Tensors.s(0.2))));
    }

    private static Tensor up(Tensor x) { // nn.Upsample(scale_factor=2), nearest
        return Resize.nearest(x, (int) x.size(2) * 2, (int) x.size(3) * 2);
    }
}

package org.gan4j.cocosnet;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Attention;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Module;
import org.gan4j.nn.NormG;
import org.gan4j.nn.Padding;
import org.gan4j.nn.SpadeResnetBlock;
import org.gan4j.nn.SpadeSegmap;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Tensors;

/**
 * CoCosNet's translation network (Sec. 3.2; official {@code SPADEGenerator}, {@code netG}): SPADE's generator
 * conditioned, instead of on the label map alone, on the warped exemplar r_{y→x} beside the input map
 * ({@code CBN_intype warp_mask}), with positional normalisation and reflection padding in its SPADE blocks and
 * self-attention at a quarter of the output size:
 * <pre>
 *   c = [r_{y→x} ; x_A]                                          [N,3+semantic_nc,H,W]
 *   x = fc(c↓(sh, sw)) → head_0 → ↑ → G_middle_0 → G_middle_1 → ↑ up_0 → ↑ up_1 → ↑ [attn] → up_2 → ↑ up_3
 *       channels 16·ngf, 16, 16, 8, 4, (4), 2, 1 (·ngf)       every block conditioned on c
 *   G = tanh(conv_img(lrelu_0.2(x)))
 * </pre>
 * There is no noise input: the exemplar decides the style. Keys as the official: {@code fc.*}, {@code head_0.*},
 * {@code G_middle_0.*}, {@code G_middle_1.*}, {@code up_0.*} … {@code up_3.*}, {@code attn.*}, {@code conv_img.*}.
 */
public final class CocosGenerator extends Module {

    private final CocosNets nets;
    private final Conv2d fc;
    private final SpadeResnetBlock head0;
    private final SpadeResnetBlock middle0;
    private final SpadeResnetBlock middle1;
    private final SpadeResnetBlock[] ups = new SpadeResnetBlock[4];
    private final Attention attn; // null without --use_attention
    private final Conv2d convImg;

    public CocosGenerator(CocosNets nets) {
        this.nets = nets;
        int nf = nets.ngfG();
        int ic = nets.generatorInputNc();
        NormG normG = nets.spadeNorm();
        fc = registerModule("fc", new Conv2d(ic, 16 * nf, 3, 1, 1, true));
        head0 = registerModule("head_0", new SpadeResnetBlock(16 * nf, 16 * nf, ic, normG, Padding.REFLECT));
        middle0 = registerModule("G_middle_0", new SpadeResnetBlock(16 * nf, 16 * nf, ic, normG, Padding.REFLECT));
        middle1 = registerModule("G_middle_1", new SpadeResnetBlock(16 * nf, 16 * nf, ic, normG, Padding.REFLECT));
        int[] widths = {16 * nf, 8 * nf, 4 * nf, 2 * nf, nf};
        for (int i = 0; i < 4; i++) {
            ups[i] = registerModule("up_" + i, new SpadeResnetBlock(widths[i], widths[i + 1], ic, normG, Padding.REFLECT));
            if (i == 1 && nets.useAttention()) {
                registerModule("attn", new Attention(4 * nf, normG.spectral()));
            }
        }
        attn = nets.useAttention() ? (Attention) children().get("attn") : null;
        convImg = registerModule("conv_img", new Conv2d(nf, 3, 3, 1, 1, true));
    }

    public CocosNets nets() {
        return nets;
    }

    /**
     * The image for conditioning {@code c} = [warped exemplar ; input map] [N,3+semantic_nc,H,W]; H and W are
     * 32·sh and 32·sw for the trained grid, or any multiple of 32 (the start grid follows the input's size).
     */
    public Tensor forward(Tensor c) { // -> [N,3,H,W]
        // DEVIATION: the official start grid is fixed by --crop_size; gan4j takes it from the input (the same at the
        // trained size), so other sizes translate to their own size.
        int sh = (int) c.size(2) >> 5;
        int sw = (int) c.size(3) >> 5;
        if (sh < 2 || sw < 2) { // the head's reflection padding needs a 2×2 start grid
            throw new Gan4jException("input " + c.size(2) + "x" + c.size(3) + " is smaller than CoCosNet's generator takes"
                    + " (64 px on each side, as 32 times its smallest start grid)");
        }
        SpadeSegmap m = SpadeSegmap.dense(c); // a continuous map: the resizes are shared, no windows
        Tensor x = fc.forward(m.at(sh, sw));
        x = head0.forward(x, m);
        x = up(x);
        x = middle0.forward(x, m);
        x = middle1.forward(x, m);
        x = up(x);
        x = ups[0].forward(x, m);
        x = up(x);
        x = ups[1].forward(x, m);
        x = up(x);
        if (attn != null) {
            x = attn.forward(x);
        }
        x = ups[2].forward(x, m);
        x = up(x);
        x = ups[3].forward(x, m);
        return torch.tanh(convImg.forward(torch.leaky_relu(x, Tensors.s(0.2))));
    }

    private static Tensor up(Tensor x) {
        return Resize.nearest(x, (int) x.size(2) * 2, (int) x.size(3) * 2);
    }
}

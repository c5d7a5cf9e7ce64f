package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * The PatchGAN discriminator of pix2pixHD and SPADE ({@code NLayerDiscriminator}): 4×4 convolutions, padding 2,
 * <pre>
 *   model0 = lrelu(conv(input_nc → ndf, stride 2))                        plain conv with bias
 *   model_n = lrelu(norm(conv(nf_{n−1} → min(2·nf_{n−1}, 512), stride 2, or 1 for the last)))   n = 1 .. n_layers−1
 *   model_{n_layers} = conv(nf → 1, stride 1)                              the patch logits
 * </pre>
 * returning every group's output (the intermediate features for feature matching, the logits last). Keys
 * {@code model0.0.*}, {@code model1.0.0.weight_orig} (spectral conv inside {@code Sequential(Sequential(conv, IN),
 * LeakyReLU)}), ..., {@code model4.0.*}. CoCosNet's variant ({@link PatchGan#cocosnet}) pads by 1, may put
 * self-attention ({@code attn.*}) before {@code model_{n_layers−1}}, and carries an unused decoder ({@code dec.*}).
 */
public final class NLayerDiscriminator extends Module {

    private final List<Layer> groups = new ArrayList<>();
    private final int nLayers;
    private Attention attn; // null unless PatchGan.attention

    /**
     * @param inputNc channels of the input (label channels + 3 for SPADE)
     * @param ndf     channels of the first layer (64)
     * @param nLayers number of layers before the logits (4)
     * @param norm    the norm of the middle layers (spectralinstance)
     */
    public NLayerDiscriminator(int inputNc, int ndf, int nLayers, NonSpadeNorm norm) {
        this(inputNc, ndf, nLayers, norm, PatchGan.SPADE);
    }

    /** As {@link #NLayerDiscriminator(int, int, int, NonSpadeNorm)} in a method's variant. */
    public NLayerDiscriminator(int inputNc, int ndf, int nLayers, NonSpadeNorm norm, PatchGan variant) {
        this.nLayers = nLayers;
        int kw = 4;
        int padw = variant.padding();
        int nf = ndf;
        List<Module> groupModules = new ArrayList<>();
        ModuleList<Conv2d> first = new ModuleList<>();
        groupModules.add(first);
        groups.add(first.add(new Conv2d(inputNc, nf, kw, 2, padw, true)));
        for (int n = 1; n < nLayers; n++) {
            int prev = nf;
            nf = Math.min(nf * 2, 512);
            int stride = n == nLayers - 1 ? 1 : 2;
            if (n == nLayers - 1) { // the official registers attn and dec here, before the groups
                if (variant.attention()) {
                    attn = registerModule("attn", new Attention(prev, norm.spectral()));
                }
                if (variant.decoderNc() > 0) {
                    registerModule("dec", decoder(prev, nLayers, norm, variant.decoderNc()));
                }
            }
            NonSpadeNorm.Normed c = norm.conv(prev, nf, kw, stride, padw);
            ModuleList<Module> g = new ModuleList<>();
            g.add(c.module());
            groupModules.add(g);
            groups.add(c.layer());
        }
        ModuleList<Conv2d> last = new ModuleList<>();
        groupModules.add(last);
        groups.add(last.add(new Conv2d(nf, 1, kw, 1, padw, true)));
        for (int n = 0; n < groupModules.size(); n++) {
            registerModule("model" + n, groupModules.get(n));
        }
    }

    /**
     * CoCosNet's {@code dec}: (Upsample, norm(conv3×3 c → c/2), LeakyReLU) × (n_layers − 1), then conv3×3 → nc;
     * built for its keys only (the official forward never runs it).
     */
    private static ModuleList<Module> decoder(int c, int nLayers, NonSpadeNorm norm, int nc) {
        ModuleList<Module> dec = new ModuleList<>();
        for (int i = 0; i < nLayers - 1; i++) {
            dec.skipIndex(); // Upsample
            dec.add(norm.conv(c, c / 2, 3, 1, 1).module());
            dec.skipIndex(); // LeakyReLU
            c /= 2;
        }
        dec.add(new Conv2d(c, nc, 3, 1, 1, true));
        return dec;
    }

    /** The outputs of model0 .. model_{n_layers}; the last is the [N,1,h,w] patch logits. */
    public List<Tensor> forward(Tensor x) {
        List<Tensor> out = new ArrayList<>();
        Tensor h = x;
        for (int i = 0; i <= nLayers; i++) {
            if (i == nLayers - 1 && attn != null) {
                h = attn.forward(h);
            }
            h = groups.get(i).forward(h);
            if (i < nLayers) {
                h = torch.leaky_relu(h, Tensors.s(0.2));
            }
            out.add(h);
        }
        return out;
    }
}

package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * SPADE ResBlk (Park et al. 2019, Fig. 4), normalisation first and convolution after:
 * <pre>
 *   dx  = conv_1(lrelu_0.2(SPADE_1(conv_0(lrelu_0.2(SPADE_0(x, m))), m)))     3×3 convs, fin → fmiddle → fout
 *   x_s = conv_s(SPADE_s(x, m))  when fin ≠ fout (1×1, no bias), else x
 *   out = x_s + dx,               fmiddle = min(fin, fout)
 * </pre>
 * With {@link NormG#spectral()} the three convolutions are spectrally normalised. Keys as the official
 * {@code SPADEResnetBlock}: {@code conv_0.*}, {@code conv_1.*}, {@code conv_s.*}, {@code norm_0.*}, {@code norm_1.*},
 * {@code norm_s.*}.
 */
public final class SpadeResnetBlock extends Module {

    private final Layer conv0;
    private final Layer conv1;
    private final Layer convS; // null without a learned shortcut
    private final Spade norm0;
    private final Spade norm1;
    private final Spade normS;

    /**
     * @param fin        input channels
     * @param fout       output channels
     * @param semanticNc channels of the label map
     * @param normG      spectral norm or not, SPADE's norm and kernel
     */
    public SpadeResnetBlock(int fin, int fout, int semanticNc, NormG normG) {
        boolean learnedShortcut = fin != fout;
        int fmiddle = Math.min(fin, fout);
        conv0 = conv("conv_0", fin, fmiddle, 3, true, normG.spectral());
        conv1 = conv("conv_1", fmiddle, fout, 3, true, normG.spectral());
        convS = learnedShortcut ? conv("conv_s", fin, fout, 1, false, normG.spectral()) : null;
        norm0 = registerModule("norm_0", new Spade(normG.norm(), normG.kernel(), fin, semanticNc));
        norm1 = registerModule("norm_1", new Spade(normG.norm(), normG.kernel(), fmiddle, semanticNc));
        normS = learnedShortcut ? registerModule("norm_s", new Spade(normG.norm(), normG.kernel(), fin, semanticNc)) : null;
    }

    private Layer conv(String name, int in, int out, int k, boolean bias, boolean spectral) {
        return spectral ? registerModule(name, new SpectralNormConv2d(in, out, k, 1, k / 2, bias))
                : registerModule(name, new Conv2d(in, out, k, 1, k / 2, bias));
    }

    public Tensor forward(Tensor x, Tensor seg) { // [N,fin,H,W], [N,semantic_nc,*,*] -> [N,fout,H,W]
        Tensor xs = convS == null ? x : convS.forward(normS.forward(x, seg));
        Tensor dx = conv0.forward(torch.leaky_relu(norm0.forward(x, seg), Tensors.s(0.2)));
        dx = conv1.forward(torch.leaky_relu(norm1.forward(dx, seg), Tensors.s(0.2)));
        return xs.add(dx);
    }
}

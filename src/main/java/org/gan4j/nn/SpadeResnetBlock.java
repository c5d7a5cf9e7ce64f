package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Scope;
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
    private final Padding padding;

    /**
     * @param fin        input channels
     * @param fout       output channels
     * @param semanticNc channels of the label map
     * @param normG      spectral norm or not, SPADE's norm and kernel
     */
    public SpadeResnetBlock(int fin, int fout, int semanticNc, NormG normG) {
        this(fin, fout, semanticNc, normG, Padding.ZERO);
    }

    /**
     * @param fin        input channels
     * @param fout       output channels
     * @param semanticNc channels of the conditioning map
     * @param normG      spectral norm or not, SPADE's norm ({@link ParamFreeNorm#POSITIONAL} for CoCosNet's PONO)
     *                   and kernel
     * @param padding    zero (SPADE) or reflection (CoCosNet: {@code pad_type 'nozero'}) padding of every 3×3 conv
     */
    public SpadeResnetBlock(int fin, int fout, int semanticNc, NormG normG, Padding padding) {
        this.padding = padding;
        boolean learnedShortcut = fin != fout;
        int fmiddle = Math.min(fin, fout);
        conv0 = conv("conv_0", fin, fmiddle, 3, true, normG.spectral());
        conv1 = conv("conv_1", fmiddle, fout, 3, true, normG.spectral());
        convS = learnedShortcut ? conv("conv_s", fin, fout, 1, false, normG.spectral()) : null;
        norm0 = registerModule("norm_0", new Spade(normG.norm(), padding, normG.kernel(), fin, semanticNc));
        norm1 = registerModule("norm_1", new Spade(normG.norm(), padding, normG.kernel(), fmiddle, semanticNc));
        normS = learnedShortcut ? registerModule("norm_s", new Spade(normG.norm(), padding, normG.kernel(), fin,
                semanticNc)) : null;
    }

    private Layer conv(String name, int in, int out, int k, boolean bias, boolean spectral) {
        int p = padding.convPadding(k / 2);
        return spectral ? registerModule(name, new SpectralNormConv2d(in, out, k, 1, p, bias))
                : registerModule(name, new Conv2d(in, out, k, 1, p, bias));
    }

    public Tensor forward(Tensor x, Tensor seg) { // [N,fin,H,W], [N,semantic_nc,*,*] -> [N,fout,H,W]
        return forward(x, SpadeSegmap.of(seg));
    }

    /** As {@link #forward(Tensor, Tensor)}, with the label map's resizes and windows shared across blocks. */
    public Tensor forward(Tensor x, SpadeSegmap seg) { // [N,fin,H,W] -> [N,fout,H,W]
        // Each stage in a scope of its own, so its temporaries (norm, γ, β, activations) are freed as it ends.
        Tensor xs = convS == null ? x : Scope.run(() -> convS.forward(normS.forward(x, seg)));
        Tensor dx0 = Scope.run(() -> conv0.forward(padding.pad(torch.leaky_relu(norm0.forward(x, seg), Tensors.s(0.2)), 1)));
        Tensor dx = Scope.run(() -> conv1.forward(padding.pad(torch.leaky_relu(norm1.forward(dx0, seg), Tensors.s(0.2)), 1)));
        return xs.add(dx);
    }
}

package org.gan4j.stylegan2;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.EqualLinear;
import org.gan4j.nn.Module;
import org.gan4j.nn.PixelNorm;
import org.gan4j.torch.Shapes;

/**
 * The mapping network f: Z → W, rosinality's {@code style} Sequential: PixelNorm ({@code style.0}, no keys),
 * then {@code nMlp} EqualLinear layers ({@code style.1 ... style.n}) with lr_mul 0.01 and fused leaky ReLU.
 * <pre>  w = f(z) = (FC_lrelu ∘ ... ∘ FC_lrelu)(z / sqrt(mean(z²) + 1e-8))</pre>
 */
public final class MappingNetwork extends Module {

    private final PixelNorm norm = new PixelNorm();
    private final EqualLinear[] layers;
    private final int styleDim;

    /**
     * @param styleDim dimension of z and w
     * @param nMlp     number of fully connected layers
     * @param lrMlp    their learning-rate multiplier (0.01)
     */
    public MappingNetwork(int styleDim, int nMlp, double lrMlp) {
        this.styleDim = styleDim;
        this.layers = new EqualLinear[nMlp];
        for (int i = 0; i < nMlp; i++) {
            layers[i] = registerModule(Integer.toString(i + 1), new EqualLinear(styleDim, styleDim, true, 0, lrMlp, true));
        }
    }

    public Tensor forward(Tensor z) { // [N,S] -> [N,S]
        Shapes.check(z, "mapping network input z", -1, styleDim);
        Tensor x = norm.forward(z);
        for (EqualLinear l : layers) {
            x = l.forward(x);
        }
        return x;
    }
}

package org.gan4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Module;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;

/**
 * Exponential moving average of a module's parameters into a shadow module of the same structure, as
 * StyleGAN2's {@code accumulate(g_ema, g, decay)}: {@code ema = decay * ema + (1 - decay) * param}, in place.
 *
 * <p>Buffers (running statistics, fixed noise) are copied rather than averaged, as StyleGAN2-ADA does. The
 * shadow's parameters stop requiring gradients: it is only ever evaluated.
 */
public final class Ema {

    private final List<Tensor> sources = new ArrayList<>();
    private final List<Tensor> targets = new ArrayList<>();
    private final List<Tensor> sourceBuffers = new ArrayList<>();
    private final List<Tensor> targetBuffers = new ArrayList<>();
    private final double decay;

    /**
     * @param source the module being trained
     * @param target the shadow module (e.g. {@code g_ema}); same parameter and buffer names and shapes as
     *               {@code source}, else the error names the keys that differ
     * @param decay  weight of the old average per update, in [0, 1]; rosinality's StyleGAN2 uses
     *               {@code 0.5^(32/10000)} (see {@link #halfLifeDecay})
     */
    public Ema(Module source, Module target, double decay) {
        if (!(decay >= 0 && decay <= 1)) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1], got " + decay);
        }
        this.decay = decay;
        // Validates names and shapes once, with a message naming every mismatch, and starts the average at
        // the source's weights (accumulate(g_ema, g, 0) in StyleGAN2).
        target.copyFrom(source);
        target.requiresGrad(false);
        pair(source.namedParameters(), target.namedParameters(), sources, targets);
        pair(source.namedBuffers(), target.namedBuffers(), sourceBuffers, targetBuffers);
    }

    private static void pair(Map<String, Tensor> from, Map<String, Tensor> to, List<Tensor> a, List<Tensor> b) {
        for (Map.Entry<String, Tensor> e : from.entrySet()) {
            Tensor t = to.get(e.getKey());
            if (t == null) {
                // A name that is a parameter in one module and a buffer in the other passes copyFrom.
                throw new IllegalArgumentException("EMA target has no tensor of the same kind named '" + e.getKey() + "'");
            }
            a.add(e.getValue());
            b.add(t);
        }
    }

    /** The decay this EMA was built with. */
    public double decay() {
        return decay;
    }

    /** One update with the configured decay. */
    public void update() {
        update(decay);
    }

    /**
     * One update: {@code ema = d * ema + (1 - d) * param} for every parameter, then buffers copied. Runs under
     * no-grad in its own scope.
     *
     * @param d this update's decay (StyleGAN2-ADA ramps it up early in training), in [0, 1]
     */
    public void update(double d) {
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1], got " + d);
        }
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Scalar keep = new Scalar(d);
            Scalar take = new Scalar(1 - d);
            for (int i = 0; i < targets.size(); i++) {
                // mul_ then add_(alpha), exactly accumulate()'s par1.mul_(decay).add_(par2, alpha=1-decay).
                targets.get(i).mul_(keep).add_(sources.get(i).detach(), take);
            }
            for (int i = 0; i < targetBuffers.size(); i++) {
                targetBuffers.get(i).copy_(sourceBuffers.get(i));
            }
        }
    }

    /**
     * The decay that halves a weight's influence after {@code halfLifeImages} training images, with
     * {@code batchSize} images per update: {@code 0.5^(batchSize / halfLifeImages)} (StyleGAN2-ADA's
     * {@code ema_kimg}; rosinality's 0.5^(32/10000) is batch 32, half-life 10k images).
     */
    public static double halfLifeDecay(long batchSize, double halfLifeImages) {
        if (batchSize < 1 || !(halfLifeImages > 0)) {
            throw new IllegalArgumentException("need batchSize >= 1 and halfLifeImages > 0");
        }
        return Math.pow(0.5, batchSize / halfLifeImages);
    }
}

package org.gan4j.mystyle;

import java.util.Map;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Shapes;
import org.gan4j.torch.Tensors;

/**
 * MyStyle++'s attribute term for enhancement (inpainting, super-resolution) with attributes the user fixes:
 * <pre>
 *   λ·Σ_m mean_l |(w⁺_l − w̄)·d_m − c_m|
 * </pre>
 * with w⁺ = α̂·A the projection's latent (W*α in the paper), d_m the attribute's axis and c_m the coordinate its
 * requested value maps to ({@link AttributeControl#coordinate}); summed over the fixed attributes.
 *
 * @param mean    the anchors' mean w̄, {@code [S]}
 * @param axes    the fixed attributes' axes, {@code [M',S]}
 * @param targets their coordinates c_m, {@code [M']}
 * @param weight  λ
 */
// DEVIATION: the paper writes the term for one W code; gan4j's projection is in W+ (per-layer α, as the official
// alpha_projector), so the distance is averaged over the layers, which leaves λ's scale that of one code.
public record AttributeTerm(Tensor mean, Tensor axes, Tensor targets, double weight) {

    /** λ when none is given: the coordinates are in W's units (the anchors span tens), so one unit of error costs 1. */
    public static final double DEFAULT_WEIGHT = 1.0;

    /** The term for the requested values (name → value) of {@code control}'s attributes. */
    public static AttributeTerm of(AttributeControl control, Map<String, Double> values, double weight) {
        if (!(weight > 0)) {
            throw new Gan4jException("--attribute-weight must be above 0, got " + weight);
        }
        int s = (int) control.axes().axes().size(1);
        float[] ax = new float[values.size() * s];
        float[] c = new float[values.size()];
        float[] all = Tensors.floats(control.axes().axes());
        int k = 0;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            int m = control.table().index(e.getKey());
            System.arraycopy(all, m * s, ax, k * s, s);
            c[k] = (float) control.coordinate(m, e.getValue());
            k++;
        }
        return new AttributeTerm(Scope.keepAlive(control.axes().mean().clone()),
                Scope.keepAlive(Tensors.of(ax, values.size(), s)), Scope.keepAlive(Tensors.of(c, values.size())), weight);
    }

    /** The term for latents {@code [1,L,S]} (a scalar). */
    public Tensor loss(Tensor wPlus) {
        Shapes.check(wPlus, "w+", 1, -1, mean.size(0));
        Tensor coords = wPlus.squeeze(0).sub(mean).matmul(axes.t());                      // [L,M']
        Tensor err = coords.sub(targets).abs().mean(new long[] {0}, false, new ScalarTypeOptional()); // [M']
        return err.sum().mul(Tensors.s(weight));
    }

    /** The mean over layers of each fixed attribute's coordinate in {@code wPlus} {@code [1,L,S]}. */
    public double[] coordinates(Tensor wPlus) {
        Tensor coords = wPlus.detach().squeeze(0).sub(mean).matmul(axes.t());
        float[] f = Tensors.floats(coords.mean(new long[] {0}, false, new ScalarTypeOptional()));
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }
}

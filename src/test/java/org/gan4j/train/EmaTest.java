package org.gan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Module;
import org.gan4j.torch.FloatBounds;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

class EmaTest {

    /** A parameter and a buffer, in a child so that names are dotted as in real models. */
    static final class Leaf extends Module {
        final Tensor weight;
        final Tensor stat;

        Leaf(float[] w, float[] s) {
            weight = registerParameter("weight", Tensors.of(w, w.length));
            stat = registerBuffer("stat", Tensors.of(s, s.length));
        }
    }

    static final class Net extends Module {
        final Leaf leaf;
        final Tensor bias;

        Net(float[] w, float[] s, float b) {
            leaf = registerModule("leaf", new Leaf(w, s));
            bias = registerParameter("bias", Tensors.of(new float[] {b}, 1));
        }
    }

    private static void set(Tensor t, float... values) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            t.copy_(Tensors.of(values, values.length));
        }
    }

    @Test
    void averagesParametersAndCopiesBuffers() {
        Net g = new Net(new float[] {1, 2, 3}, new float[] {5, 6}, 10);
        Net gEma = new Net(new float[] {0, 0, 0}, new float[] {0, 0}, 0);
        Ema ema = new Ema(g, gEma, 0.9);
        // Starts at the source's weights, as accumulate(g_ema, g, 0) does.
        assertThat(Tensors.floats(gEma.leaf.weight)).containsExactly(1, 2, 3);
        assertThat(gEma.leaf.weight.requires_grad()).isFalse();
        assertThat(g.leaf.weight.requires_grad()).isTrue();

        set(g.leaf.weight, 11, -8, 3);
        set(g.bias, 0);
        set(g.leaf.stat, 7, 8);
        ema.update();
        // By hand: 0.9 * old + 0.1 * new. mul_(0.9) then add_(new, 0.1) in float32 rounds at most 4 times per
        // update (both scalars, the product, the sum), each relative to the largest value involved (11): γ_{4k}·11
        // after k updates (measured: one ulp, 9.5e-7 at 8.1 after two).
        float once = (float) (FloatBounds.gamma(4) * 11);
        float twice = (float) (FloatBounds.gamma(8) * 11);
        assertThat(Tensors.floats(gEma.leaf.weight)).containsExactly(new float[] {2, 1, 3}, within(once));
        assertThat(Tensors.floats(gEma.bias)).containsExactly(new float[] {9}, within(once));
        assertThat(Tensors.floats(gEma.leaf.stat)).containsExactly(7, 8);
        ema.update();
        assertThat(Tensors.floats(gEma.leaf.weight)).containsExactly(new float[] {2.9f, 0.1f, 3}, within(twice));
        assertThat(Tensors.floats(gEma.bias)).containsExactly(new float[] {8.1f}, within(twice));
        ema.update(0);
        assertThat(Tensors.floats(gEma.leaf.weight)).containsExactly(11, -8, 3);
    }

    @Test
    void refusesADifferentStructure() {
        Net g = new Net(new float[] {1, 2, 3}, new float[] {5, 6}, 10);
        Net wrongShape = new Net(new float[] {1, 2}, new float[] {5, 6}, 10);
        assertThatThrownBy(() -> new Ema(g, wrongShape, 0.9)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("wrong shapes [leaf.weight [3] (expected [2])]");
        Net other = new Net(new float[] {1, 2, 3}, new float[] {5, 6}, 10);
        assertThatThrownBy(() -> new Ema(g, other, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void halfLifeDecayMatchesStyleGan2() {
        // rosinality's train.py: accum = 0.5 ** (32 / (10 * 1000)).
        assertThat(Ema.halfLifeDecay(32, 10_000)).isCloseTo(Math.pow(0.5, 32 / 10_000.0), within(1e-15));
        assertThat(Ema.halfLifeDecay(32, 10_000)).isCloseTo(0.997784, within(5e-7)); // the literal's 6 decimals
    }
}

package org.gan4j.orojar;

import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.AffineInstanceNorm;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.ConvTranspose2d;
import org.gan4j.nn.Linear;
import org.gan4j.nn.Module;

/**
 * The official {@code Conv2dBlock} / {@code ConvTranspose2dBlock} / {@code LinearBlock} ({@code base_networks.py}): a
 * sequential {@code layers} of {@code conv}, an optional {@code instancenorm} (affine, ε 1e-6) and an activation;
 * keys {@code layers.conv.weight}, {@code layers.conv.bias} (only without a norm), {@code layers.instancenorm.*}.
 * The conv output is what OroJaR and the Hessian Penalty regularise ({@code reg_layer='conv'}).
 */
final class Block extends Module {

    /** The official activations. */
    enum Activation { NONE, RELU, LRELU, TANH }

    /** The official {@code add_normalization_2d}'s instance-norm ε. */
    static final double NORM_EPS = 1e-6;

    private final UnaryOperator<Tensor> conv;
    private final AffineInstanceNorm norm;
    private final Activation activation;

    private Block(Module convModule, UnaryOperator<Tensor> conv, int channels, boolean normed, Activation activation) {
        Layers layers = registerModule("layers", new Layers());
        layers.add("conv", convModule);
        this.conv = conv;
        this.norm = normed ? layers.add("instancenorm", new AffineInstanceNorm(channels, NORM_EPS)) : null;
        this.activation = activation;
    }

    /** {@code ConvTranspose2dBlock(in, out, k, stride, padding)}: a bias only without a norm. */
    static Block transposed(int in, int out, int k, int stride, int padding, boolean normed, Activation a) {
        ConvTranspose2d c = new ConvTranspose2d(in, out, k, stride, padding, !normed);
        return new Block(c, c::forward, out, normed, a);
    }

    /** {@code Conv2dBlock(in, out, k, stride, padding)}: a bias only without a norm. */
    static Block conv(int in, int out, int k, int stride, int padding, boolean normed, Activation a) {
        Conv2d c = new Conv2d(in, out, k, stride, padding, !normed);
        return new Block(c, c::forward, out, normed, a);
    }

    /** {@code LinearBlock(in, out, use_bias=True)}, no norm. */
    static Block linear(int in, int out, Activation a) {
        Linear l = new Linear(in, out);
        return new Block(l, l::forward, out, false, a);
    }

    /** The conv alone (what the regularisers see). */
    Tensor conv(Tensor x) {
        return conv.apply(x);
    }

    /** Norm and activation after the conv. */
    Tensor after(Tensor c) {
        Tensor y = norm != null ? norm.forward(c) : c;
        return switch (activation) {
            case NONE -> y;
            case RELU -> torch.relu(y);
            case LRELU -> torch.leaky_relu(y, org.gan4j.torch.Tensors.s(0.2));
            case TANH -> torch.tanh(y);
        };
    }

    Tensor forward(Tensor x) {
        return after(conv(x));
    }

    /** The official {@code nn.Sequential(OrderedDict(...))} holding the named layers. */
    private static final class Layers extends Module {
        <M extends Module> M add(String name, M m) {
            return registerModule(name, m);
        }
    }
}

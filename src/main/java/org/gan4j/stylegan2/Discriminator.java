package org.gan4j.stylegan2;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.EqualLinear;
import org.gan4j.nn.Module;
import org.gan4j.nn.ModuleList;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Shapes;
import org.gan4j.torch.Tensors;

/**
 * StyleGAN2's residual discriminator, rosinality's {@code Discriminator} key for key: {@code convs.0} (1×1
 * FromRGB), {@code convs.1..} ResBlocks down to 4×4, minibatch standard deviation (group 4, one feature),
 * {@code final_conv} and {@code final_linear.0/1}. Output: one logit per image.
 * <pre>
 *   σ = mean_{c,h,w} sqrt(Var_group(x) + 1e-8)   per group of G = min(N, 4) images, appended as a channel
 * </pre>
 */
public final class Discriminator extends Module {

    /** Minibatch standard-deviation group size. */
    public static final int STDDEV_GROUP = 4;

    private final Stylegan2Config config;
    private final ConvLayer fromRgb;
    private final List<ResBlock> blocks = new ArrayList<>();
    private final ConvLayer finalConv;
    private final EqualLinear fc;
    private final EqualLinear out;

    public Discriminator(Stylegan2Config config) {
        this.config = config;
        int size = config.size();
        List<Integer> k = Generator.BLUR_KERNEL;
        ModuleList<Module> convs = registerModule("convs", new ModuleList<>());
        fromRgb = (ConvLayer) convs.add(new ConvLayer(3, config.channels(size), 1));
        int in = config.channels(size);
        for (int l = config.logSize(); l > 2; l--) {
            int o = config.channels(1 << (l - 1));
            blocks.add((ResBlock) convs.add(new ResBlock(in, o, k)));
            in = o;
        }
        int c4 = config.channels(4);
        finalConv = registerModule("final_conv", new ConvLayer(in + 1, c4, 3));
        ModuleList<EqualLinear> head = registerModule("final_linear", new ModuleList<>());
        fc = head.add(new EqualLinear(c4 * 16, c4, true, 0, 1, true));
        out = head.add(new EqualLinear(c4, 1));
    }

    public Stylegan2Config config() {
        return config;
    }

    /**
     * The trunk's features, from RGB (at the input size) and after each residual block (halving down to 4×4): what
     * GANgealing's default perceptual distance compares when no VGG weights are given.
     */
    public List<Tensor> features(Tensor x) { // [N,3,size,size] -> [N,C_r,r,r] for r = size .. 4
        Shapes.check(x, "discriminator input", -1, 3, config.size(), config.size());
        List<Tensor> out = new ArrayList<>();
        Tensor y = fromRgb.forward(x);
        out.add(y);
        for (ResBlock b : blocks) {
            y = b.forward(y);
            out.add(y);
        }
        return out;
    }

    public Tensor forward(Tensor x) { // [N,3,size,size] -> [N,1]
        Shapes.check(x, "discriminator input", -1, 3, config.size(), config.size());
        long n = x.size(0);
        int group = (int) Math.min(n, STDDEV_GROUP);
        if (n % group != 0) {
            throw new IllegalArgumentException("discriminator batch " + n + " must be a multiple of the minibatch-stddev group "
                    + STDDEV_GROUP + " (or smaller than it)");
        }
        Tensor h;
        try (Scope s = new Scope()) {
            Tensor y = fromRgb.forward(x);
            for (ResBlock b : blocks) {
                y = b.forward(y);
            }
            h = Scope.keepAlive(y);
        }
        h = Scope.adopt(h); // [N,C,4,4]
        long c = h.size(1);
        long hh = h.size(2);
        long ww = h.size(3);
        Tensor sd = h.view(group, -1, 1, c, hh, ww); // [G,N/G,1,C,H,W]
        sd = torch.sqrt(sd.var(new long[] {0}, false, false).add(Tensors.s(1e-8))); // [N/G,1,C,H,W]
        sd = sd.mean(new long[] {2, 3, 4}, true, new org.bytedeco.pytorch.ScalarTypeOptional()).squeeze(2); // [N/G,1,1,1]
        sd = sd.repeat(group, 1, hh, ww); // [N,1,H,W]
        Tensor y = finalConv.forward(torch.cat(new TensorVector(h, sd), 1)); // [N,C4,4,4]
        return out.forward(fc.forward(y.view(n, -1)));
    }
}

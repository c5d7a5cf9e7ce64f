package org.gan4j.gangealing;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.BilinearDownsample;
import org.gan4j.nn.EqualLinear;
import org.gan4j.nn.Module;
import org.gan4j.nn.ModuleList;
import org.gan4j.stylegan2.ConvLayer;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.ResBlock;

/**
 * One spatial transformer T ({@code SpatialTransformer}): a StyleGAN2-discriminator-style residual trunk regresses
 * a warp from the image (brought to the flow size first), and its head samples the source with it.
 *
 * <p>Trunk ({@code convs}): a 1×1 {@code ConvLayer} from RGB, then residual blocks from log₂(flow size) down — to
 * 4×4 for a similarity (each block halves), or four blocks for a flow, halving only while the features are above
 * flowSize / flowDownsample — then {@code final_conv} (3×3) and, for a similarity, {@code final_linear} (fused
 * leaky ReLU) on the flattened 4×4 features. Keys as the official module.
 */
public final class SpatialTransformer extends Module {

    private final StnShape shape;
    private final Transform transform;
    private final BilinearDownsample inputDownsample;
    private final ModuleList<Module> convs;
    private final ConvLayer finalConv;
    private final EqualLinear finalLinear;
    private final SimilarityHead similarityHead;
    private final FlowHead flowHead;

    public SpatialTransformer(StnShape shape, Transform transform) {
        this.shape = shape;
        this.transform = transform;
        boolean isFlow = transform == Transform.FLOW;
        inputDownsample = shape.supersize() > shape.flowSize()
                ? registerModule("input_downsample", new BilinearDownsample(shape.supersize() / shape.flowSize(), 3))
                : null;
        convs = registerModule("convs", new ModuleList<>());
        int flow = shape.flowSize();
        convs.add(new ConvLayer(3, shape.channels(flow), 1));
        int logSize = Integer.numberOfTrailingZeros(flow);
        int logDownsample = Integer.numberOfTrailingZeros(shape.flowDownsample());
        int endLog = isFlow ? logSize - 4 : 2;
        int in = shape.channels(flow);
        int downsamples = 0;
        int res = flow;
        for (int i = logSize; i > endLog; i--) {
            boolean down = !isFlow || downsamples < logDownsample;
            downsamples += down ? 1 : 0;
            int out = shape.channels(1 << (i - 1));
            convs.add(new ResBlock(in, out, Generator.BLUR_KERNEL, down));
            in = out;
            res = down ? res / 2 : res;
        }
        int c4 = shape.channels(4);
        finalConv = registerModule("final_conv", new ConvLayer(in, c4, 3));
        if (isFlow) {
            finalLinear = null;
            similarityHead = null;
            flowHead = registerModule("warp_head", new FlowHead(c4, res, shape.heads(), shape.flowDownsample()));
        } else {
            finalLinear = registerModule("final_linear", new EqualLinear(c4 * 16, c4, true, 0, 1, true));
            similarityHead = registerModule("warp_head", new SimilarityHead(c4, shape.heads()));
            flowHead = null;
        }
    }

    public StnShape shape() {
        return shape;
    }

    public Transform transform() {
        return transform;
    }

    /** The identity sampling grid at the flow's resolution (flow STNs). */
    Tensor identityFlow() {
        return flowHead.identityFlow();
    }

    /**
     * T applied to {@code input}: the warp is regressed from {@code input}, the pixels sampled from {@code source}
     * (the same image, or a larger one of it); similarity STNs may iterate ({@link Warping#iters()}).
     *
     * @param assign   null to warp by every head, or {@code [N]} head indices
     * @param baseWarp a warp this one composes with (see {@link Warped#warp()}), or null
     */
    public Warped forward(Tensor input, Tensor source, Warping w, Tensor assign, Tensor baseWarp) {
        int outRes = w.outputResolution() == 0 ? shape.flowSize() : w.outputResolution();
        if (w.iters() <= 1) {
            return single(input, source, outRes, w, assign, baseWarp);
        }
        if (transform == Transform.FLOW) {
            throw new IllegalArgumentException("only a similarity STN can be iterated");
        }
        Tensor out = input;
        Tensor m = baseWarp;
        Warped step = null;
        for (int it = 0; it < w.iters(); it++) {
            boolean last = it == w.iters() - 1;
            Warping wt = last ? w : w.alpha(null);
            step = single(out, source, last ? outRes : shape.flowSize(), wt, assign, m);
            out = step.out();
            m = step.warp();
        }
        return step;
    }

    private Warped single(Tensor input, Tensor source, int outRes, Warping w, Tensor assign, Tensor baseWarp) {
        Tensor x = input.size(-1) > shape.flowSize() ? inputDownsample.forward(input) : input;
        for (Module m : convs.items()) {
            x = m instanceof ConvLayer c ? c.forward(x) : ((ResBlock) m).forward(x);
        }
        x = finalConv.forward(x);
        if (transform == Transform.SIMILARITY) {
            x = finalLinear.forward(x.view(x.size(0), -1));
            return similarityHead.forward(source, x, outRes, w, assign, baseWarp);
        }
        return flowHead.forward(source, x, outRes, w, assign, baseWarp);
    }
}

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
 * The cluster classifier of K-head GANgealing ({@code ResnetClassifier}, trained by
 * {@code train_cluster_classifier.py}): the similarity STN's trunk (initialised from it) with a linear head over
 * K·(1 + flips) classes — class f·K + k means "head k, mirrored if f = 1" — that picks each image's head and flip at
 * test time. Keys as the official module ({@code convs.*}, {@code final_conv.*}, {@code to_logits.*}).
 */
public final class ClusterClassifier extends Module {

    private final StnShape shape;
    private final int classes;
    private final BilinearDownsample inputDownsample;
    private final ModuleList<Module> convs;
    private final ConvLayer finalConv;
    private final EqualLinear toLogits;

    public ClusterClassifier(StnShape shape, int classes) {
        this.shape = shape;
        this.classes = classes;
        int flow = shape.flowSize();
        inputDownsample = shape.supersize() > flow
                ? registerModule("input_downsample", new BilinearDownsample(shape.supersize() / flow, 3)) : null;
        convs = registerModule("convs", new ModuleList<>());
        convs.add(new ConvLayer(3, shape.channels(flow), 1));
        int in = shape.channels(flow);
        for (int i = Integer.numberOfTrailingZeros(flow); i > 2; i--) {
            int out = shape.channels(1 << (i - 1));
            convs.add(new ResBlock(in, out, Generator.BLUR_KERNEL));
            in = out;
        }
        int c4 = shape.channels(4);
        finalConv = registerModule("final_conv", new ConvLayer(in, c4, 3));
        // The official head ends in a fused leaky ReLU (activation='fused_lrelu'), logits included.
        toLogits = registerModule("to_logits", new EqualLinear(c4 * 16, classes, true, 0, 1, true));
    }

    public int classes() {
        return classes;
    }

    /** Starts the trunk at the similarity STN's weights (the official {@code load_state_dict(strict=False)}). */
    public void initialiseFrom(SpatialTransformer similarity) {
        java.util.Map<String, Tensor> src = similarity.stateDict();
        java.util.Map<String, Tensor> mine = stateDict();
        java.util.Map<String, Tensor> start = new java.util.LinkedHashMap<>();
        mine.forEach((k, v) -> start.put(k, src.containsKey(k)
                && java.util.Arrays.equals(src.get(k).sizes().vec().get(), v.sizes().vec().get()) ? src.get(k) : v));
        loadStateDict(start, "the similarity STN");
    }

    public Tensor forward(Tensor x) { // [N,3,S,S] -> [N,classes]
        Tensor h = x.size(-1) > shape.flowSize() ? inputDownsample.forward(x) : x;
        for (Module m : convs.items()) {
            h = m instanceof ConvLayer c ? c.forward(h) : ((ResBlock) m).forward(h);
        }
        h = finalConv.forward(h);
        return toLogits.forward(h.view(h.size(0), -1));
    }
}

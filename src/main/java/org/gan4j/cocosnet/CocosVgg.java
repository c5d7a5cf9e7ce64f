package org.gan4j.cocosnet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Vgg19Features;
import org.gan4j.spade.Perceptual;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;

/**
 * The VGG19 of CoCosNet's losses (official {@code VGG19_feature_color_torchversion}, {@code vggnet_fix}), frozen,
 * giving relu1_2, relu2_2, relu3_2, relu4_2 and relu5_2 of an image in [−1, 1]:
 * <pre>
 *   CoCosNet's vgg19_conv.pth (Caffe weights):   x' = 255·(BGR((x+1)/2) − (0.4076, 0.4580, 0.4850))   (vgg_normal_correct)
 *   torchvision's vgg19 and the random default:   x' = ((x+1)/2 − μ_ImageNet) / σ_ImageNet
 * </pre>
 * Without a weights file gan4j uses VGG19 with fixed-seed random weights ({@link Vgg19Features#randomConvs}): it
 * needs no download and replaces the ImageNet features in every VGG term (feature matching on pseudo pairs,
 * the relu5_2/relu4_2 perceptual term, the contextual loss).
 */
public final class CocosVgg implements AutoCloseable {

    /** Seed of the random VGG19 (the same as SPADE's). */
    static final long RANDOM_SEED = 19;
    private static final double[] CAFFE_BGR_MEAN = {0.40760392, 0.45795686, 0.48501961};
    private static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    private static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

    private final Vgg19Features f;
    private final Vgg19Features.Layout layout;

    private CocosVgg(Vgg19Features f, Vgg19Features.Layout layout) {
        this.f = f;
        this.layout = layout;
    }

    /** The network the config names: a weights file (either layout) or the random default. */
    public static CocosVgg of(Perceptual p, String weights) {
        return switch (p) {
            case VGG19 -> load(Path.of(weights));
            case RANDOM_VGG19 -> new CocosVgg(Vgg19Features.randomConvs(RANDOM_SEED, 14), Vgg19Features.Layout.TORCHVISION);
            case NONE -> throw new Gan4jException("CoCosNet's losses need a VGG19 (a weights file or random), not none");
        };
    }

    static CocosVgg load(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new Gan4jException("VGG19 weights not found: " + file + " (CoCosNet's vgg19_conv.pth or torchvision's"
                    + " vgg19-dcbb9e9d.pth)");
        }
        try (Scope s = new Scope()) {
            Object o = PtFile.load(file);
            if (!(o instanceof Map<?, ?>)) {
                throw new Gan4jException(file + " is not a VGG19 state dict (it holds no dict of tensors)");
            }
            Map<String, Tensor> state = StateDict.tensors(o, file.toString());
            Vgg19Features f = Vgg19Features.of(state, file.toString());
            return new CocosVgg(f, Vgg19Features.layoutOf(state));
        }
    }

    /** Which layout (and so which input scaling) the weights came in. */
    Vgg19Features.Layout layout() {
        return layout;
    }

    /** relu1_2 … relu5_2 of images x in [−1, 1], [N,3,H,W] (H, W ≥ 16). */
    List<Tensor> features(Tensor x) {
        return f.taps(preprocess(x, layout), Vgg19Features.COCOS_TAPS);
    }

    /** The network's input for one pixel in [−1, 1] (tests). */
    static double[] preprocessPixel(double[] rgb, Vgg19Features.Layout layout) {
        try (Scope s = new Scope()) {
            float[] v = Tensors.floats(preprocess(Tensors.of(new float[] {(float) rgb[0], (float) rgb[1], (float) rgb[2]},
                    1, 3, 1, 1), layout));
            return new double[] {v[0], v[1], v[2]};
        }
    }

    private static Tensor preprocess(Tensor x, Vgg19Features.Layout layout) {
        Tensor x01 = x.add(Tensors.s(1.0)).div(Tensors.s(2.0));
        if (layout == Vgg19Features.Layout.CAFFE) {
            Tensor bgr = torch.cat(new TensorVector(x01.narrow(1, 2, 1), x01.narrow(1, 1, 1), x01.narrow(1, 0, 1)), 1);
            return bgr.sub(column(CAFFE_BGR_MEAN)).mul(Tensors.s(255.0));
        }
        return x01.sub(column(IMAGENET_MEAN)).div(column(IMAGENET_STD));
    }

    private static Tensor column(double[] v) {
        return Tensors.of(new float[] {(float) v[0], (float) v[1], (float) v[2]}, 1, 3, 1, 1);
    }

    /** Frees the weights. */
    @Override
    public void close() {
        f.close();
    }
}

package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * pix2pixHD's multiscale discriminator as SPADE uses it: num_D {@link NLayerDiscriminator}s
 * ({@code discriminator_0}, {@code discriminator_1}, ...), the i-th on the input average-pooled i times
 * (3×3, stride 2, padding 1, padded cells not counted).
 */
public final class MultiscaleDiscriminator extends Module {

    private final List<NLayerDiscriminator> ds = new ArrayList<>();

    /**
     * @param numD    number of scales (2)
     * @param inputNc input channels
     * @param ndf     first layer's channels (64)
     * @param nLayers layers of each discriminator (4)
     * @param norm    norm of the middle layers (spectralinstance)
     */
    public MultiscaleDiscriminator(int numD, int inputNc, int ndf, int nLayers, NonSpadeNorm norm) {
        this(numD, inputNc, ndf, nLayers, norm, PatchGan.SPADE);
    }

    /** As {@link #MultiscaleDiscriminator(int, int, int, int, NonSpadeNorm)} with a method's variant of each scale. */
    public MultiscaleDiscriminator(int numD, int inputNc, int ndf, int nLayers, NonSpadeNorm norm, PatchGan variant) {
        for (int i = 0; i < numD; i++) {
            ds.add(registerModule("discriminator_" + i, new NLayerDiscriminator(inputNc, ndf, nLayers, norm, variant)));
        }
    }

    /** For every scale, every group's output (the logits last): num_D lists of n_layers + 1 tensors. */
    public List<List<Tensor>> forward(Tensor x) { // [N,C,H,W]
        List<List<Tensor>> result = new ArrayList<>();
        Tensor input = x;
        for (int i = 0; i < ds.size(); i++) {
            result.add(ds.get(i).forward(input));
            if (i < ds.size() - 1) {
                input = downsample(input);
            }
        }
        return result;
    }

    /**
     * D on [m ; fake] and [m ; real] in one batch (so batch norms see both, as the official {@code discriminate}),
     * split back into the fake and the real halves ({@code divide_pred}).
     */
    public Predictions fakeAndReal(Tensor seg, Tensor fake, Tensor real) { // [N,Cs,H,W], [N,3,H,W], [N,3,H,W]
        Tensor fakeConcat = torch.cat(new TensorVector(seg, fake), 1);
        Tensor realConcat = torch.cat(new TensorVector(seg, real), 1);
        List<List<Tensor>> out = forward(torch.cat(new TensorVector(fakeConcat, realConcat), 0));
        long n = fake.size(0);
        List<List<Tensor>> f = new ArrayList<>();
        List<List<Tensor>> r = new ArrayList<>();
        for (List<Tensor> scale : out) {
            f.add(scale.stream().map(t -> t.narrow(0, 0, n)).toList());
            r.add(scale.stream().map(t -> t.narrow(0, n, n)).toList());
        }
        return new Predictions(f, r);
    }

    /** Every scale's outputs for the fake half and for the real half. */
    public record Predictions(List<List<Tensor>> fake, List<List<Tensor>> real) {}

    /** {@code F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False)}. */
    public static Tensor downsample(Tensor x) {
        return torch.avg_pool2d(x, new long[] {3, 3}, new long[] {2, 2}, new long[] {1, 1}, false, false, new LongOptional());
    }

    public int numD() {
        return ds.size();
    }
}

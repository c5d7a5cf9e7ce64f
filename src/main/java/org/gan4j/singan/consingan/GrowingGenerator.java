package org.gan4j.singan.consingan;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Module;
import org.gan4j.nn.ModuleList;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Tensors;

/**
 * ConSinGAN's one growing generator (official models.GrowingGenerator): a head, a body of stages that grows by
 * one stage per pyramid level, and a tail. With ↑ the bicubic upsampling (align_corners) to the next stage's size,
 * [·]₊ₚ that size plus p px on each side, and h_n the features after stage n (generation mode):
 * <pre>
 *   h_0 = body_0(pad_{L-1}( (head(pad_1(z_0)))↑[H_0+2, W_0+2] ))
 *   h_n = body_n( h_{n-1}↑[·]₊L + σ_n·z_n ) + h_{n-1}↑,   n = 1..N-1     (z_n: nfc channels, L = numLayer px border)
 *   x̃   = tanh(tail(pad_1(h_{N-1})))
 * </pre>
 * so noise enters at every stage and the whole generator runs end to end in one pass. (Harmonization mode pads
 * the sum instead of upsampling with a border: h_n = body_n(pad_L(h_{n-1}↑ + σ_n·z_n)) + h_{n-1}↑, and no extra
 * upsampling at the head.) Keys {@code head.conv.*}, {@code body.n.blockK.conv.*}, {@code tail.0.*}, as official.
 */
public final class GrowingGenerator extends Module {

    final ConvBlock head;
    final ModuleList<Stage> body;
    final Tail tail;
    private final ConSinGANConfig c;

    /**
     * One stage to begin with, initialised as the official weights_init.
     *
     * @param c the run's configuration: nfc (64), kerSize (3: the paddings below assume it, as official),
     *          numLayer (3), batchNorm (off), lreluAlpha (0.05), trainMode (generation)
     */
    public GrowingGenerator(ConSinGANConfig c) {
        this.c = c;
        head = registerModule("head", new ConvBlock(3, c.nfc(), c.kerSize(), c.batchNorm(), c.lreluAlpha()));
        body = registerModule("body", new ModuleList<>());
        body.add(newStage());
        tail = registerModule("tail", new Tail(c.nfc(), c.kerSize()));
    }

    private Stage newStage() {
        return new Stage(c.nfc(), c.kerSize(), c.numLayer(), c.batchNorm(), c.lreluAlpha());
    }

    /** The official init_next_stage: appends a copy of the newest stage (its weights, buffers and mode). */
    public void initNextStage() {
        Stage last = body.get(body.size() - 1);
        Stage next = newStage();
        next.copyFrom(last);
        next.train(last.isTraining());
        body.add(next);
    }

    /** Number of stages the body has grown to. */
    public int stages() {
        return body.size();
    }

    /** The parameters of stage n's body. */
    public List<Tensor> stageParameters(int n) {
        return body.get(n).parameters();
    }

    public List<Tensor> headParameters() {
        return head.parameters();
    }

    public List<Tensor> tailParameters() {
        return tail.parameters();
    }

    /**
     * @param noise    z_0 [N,3,H_0,W_0] and z_n [N,nfc,H_n+2L,W_n+2L] (generation) for every stage
     * @param heights  H_n of every stage (at least {@link #stages()} entries; the sample's size, not the image's)
     * @param widths   W_n of every stage
     * @param noiseAmp σ_n of every stage (σ_0 is not used: z_0 is the head's input as is)
     * @return x̃, [N,3,H_{S-1},W_{S-1}] with S = {@link #stages()}
     */
    public Tensor forward(List<Tensor> noise, int[] heights, int[] widths, double[] noiseAmp) {
        boolean generation = c.mode().paddedNoise();
        int l = c.numLayer();
        Tensor x = head.forward(pad(noise.get(0), 1)); // [N,C,H_0,W_0]
        if (generation) {
            // extra upsampling "to increase the image diversity at the edges of generated images" (official)
            x = upsample(x, x.size(2) + 2, x.size(3) + 2);
        }
        x = pad(x, generation ? l - 1 : l);
        Tensor prevOut = body.get(0).forward(x); // [N,C,H_0,W_0]
        for (int n = 1; n < body.size(); n++) {
            Tensor up = upsample(prevOut, heights[n], widths[n]); // [N,C,H_n,W_n]
            Tensor z = noise.get(n).mul(Tensors.s(noiseAmp[n]));
            Tensor in = generation ? upsample(prevOut, heights[n] + 2L * l, widths[n] + 2L * l).add_(z)
                    : pad(up.add(z), l); // [N,C,H_n+2L,W_n+2L]
            prevOut = body.get(n).forward(in).add(up); // not in place: the last LeakyReLU keeps its output for backward
        }
        return tail.forward(pad(prevOut, 1)); // [N,3,H,W]
    }

    /** F.interpolate(x, size, mode='bicubic', align_corners=True). */
    static Tensor upsample(Tensor x, long h, long w) {
        return Resize.bicubicTorch(x, (int) h, (int) w, true);
    }

    /** nn.ZeroPad2d(p). */
    static Tensor pad(Tensor x, int p) {
        return p == 0 ? x : torch.constant_pad_nd(x, p, p, p, p);
    }

    /** {@code tail}: conv nfc → 3 ({@code tail.0}), then tanh. */
    static final class Tail extends Module {
        final Conv2d conv;

        Tail(int in, int kernel) {
            conv = registerModule("0", new Conv2d(in, 3, kernel, 1, 0, true));
            ConvBlock.initWeights(conv, null);
        }

        Tensor forward(Tensor x) {
            return conv.forward(x).tanh_();
        }
    }
}

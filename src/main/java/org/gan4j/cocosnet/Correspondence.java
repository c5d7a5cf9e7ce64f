package org.gan4j.cocosnet;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.FeatureNormalize;
import org.gan4j.nn.Module;
import org.gan4j.nn.ModuleList;
import org.gan4j.torch.Resize;

/**
 * CoCosNet's cross-domain correspondence network (Zhang et al. 2020, Sec. 3.1; official {@code NoVGGCorrespondence},
 * {@code netCorr}): the input map x_A and the exemplar y_B are embedded into a shared domain S by their adaptors,
 * a residual trunk and 1×1 projections, and matched by cosine similarity:
 * <pre>
 *   x_S = F_{A→S}(x_A)/‖·‖,  y_S = F_{B→S}(y_B)/‖·‖                       channel-wise L2, [N,256,H/4,W/4]
 *   θ = W_θ T([x_S ; m_A↓]),  φ = W_φ T([y_S ; m_B↓])                      maskmix adds the label maps
 *   θ̂, φ̂ = 3×3 patches of θ, φ, centred (per position: PONO-C) and L2-normalised      [N,2304,HW]
 *   M(u, v) = θ̂(u)ᵀφ̂(v),   r_{y→x}(u) = Σ_v softmax_v(M(u, v)/τ) · y_B↓(v)         τ = 0.01
 * </pre>
 * r_{y→x} (the warped exemplar, at H/4, then upsampled ×4) conditions the generator; the warped exemplar label map
 * (direct: M·m_B↓; cycle: M·Mᵀ·m_A↓) feeds the mask loss, and the cycle warp Mᵀ·r_{y→x} the cycle loss. Keys as
 * the official: {@code adaptive_model_seg.*}, {@code adaptive_model_img.*}, {@code layer.0–3.*}, {@code phi.*},
 * {@code theta.*}.
 */
public final class Correspondence extends Module {

    /** The official correspondence width: adaptors of ngf 64, a trunk of 4·64 = 256 ({@code feature_channel * 4}). */
    public static final int OFFICIAL_NGF = 64;

    private final CocosNets nets;
    private final DomainAdaptor adaptorSeg;
    private final DomainAdaptor adaptorImg;
    private final ModuleList<CorrResidualBlock> layer;
    private final Conv2d phi;
    private final Conv2d theta;
    private int blockRows = Integer.MAX_VALUE;

    public CocosNets nets() {
        return nets;
    }

    public Correspondence(CocosNets nets) {
        this.nets = nets;
        // DEVIATION: the official trunk and θ/φ are 256 wide whatever --ngf is (so only ngf 64 runs); gan4j makes them
        // 4·ngf, the same at ngf 64, so that a narrower correspondence can be trained on a CPU (the fast preset's 32).
        int features = 4 * nets.ngfCorr();
        int inter = 4 * nets.ngfCorr();
        adaptorSeg = registerModule("adaptive_model_seg", new DomainAdaptor(nets.semanticNc(), nets.ngfCorr(),
                nets.adaptorKernel(), nets.normE(), nets.spadeNorm()));
        adaptorImg = registerModule("adaptive_model_img", new DomainAdaptor(3, nets.ngfCorr(), nets.adaptorKernel(),
                nets.normE(), nets.spadeNorm()));
        int c = features + (nets.maskmix() ? nets.semanticNc() : 0);
        layer = registerModule("layer", new ModuleList<>());
        for (int i = 0; i < 4; i++) {
            layer.add(new CorrResidualBlock(c));
        }
        phi = registerModule("phi", new Conv2d(c, inter, 1, 1, 0, true));
        theta = registerModule("theta", new Conv2d(c, inter, 1, 1, 0, true));
    }

    /**
     * Forms the correspondence {@code rows} query positions at a time (default: all, as the official code). A
     * smaller value bounds the memory of M (see {@link Correlation}); the results are the same.
     */
    public Correspondence blockRows(int rows) {
        this.blockRows = rows;
        return this;
    }

    /**
     * The correspondence of input map {@code seg} (x_A, with its labels m_A) and exemplar {@code ref} (y_B, with
     * its labels m_B).
     *
     * @param ref    the exemplar image in [-1, 1], [N,3,H,W]
     * @param seg    the input map, [N,semantic_nc,H,W]
     * @param refSeg the exemplar's label map, [N,semantic_nc,H,W] (used with maskmix and the warped mask)
     */
    public Warp forward(Tensor ref, Tensor seg, Tensor refSeg) {
        long n = ref.size(0);
        int h = (int) ref.size(2) / CocosNets.DOWN;
        int w = (int) ref.size(3) / CocosNets.DOWN;
        Tensor xS = FeatureNormalize.apply(adaptorSeg.forward(seg)); // [N,256,h,w]
        Tensor yS = FeatureNormalize.apply(adaptorImg.forward(ref));
        Tensor segDown = Resize.nearest(seg, h, w);
        Tensor refSegDown = Resize.nearest(refSeg, h, w);
        Tensor cont = trunk(nets.maskmix() ? torch.cat(new TensorVector(xS, segDown), 1) : xS);
        Tensor refF = trunk(nets.maskmix() ? torch.cat(new TensorVector(yS, refSegDown), 1) : yS);
        Tensor thetaHat = patches(theta.forward(cont)).transpose(1, 2); // [N,HW,D]
        Tensor phiHat = patches(phi.forward(refF)); // [N,D,HW]
        Correlation m = new Correlation(thetaHat, phiHat, Correlation.TAU, blockRows);

        Tensor refColours = flat(torch.avg_pool2d(ref, new long[] {CocosNets.DOWN, CocosNets.DOWN})); // [N,HW,3]
        Tensor warped = unflat(m.warp(refColours), n, h, w); // [N,3,h,w]
        Tensor warpOut = nets.warpBilinear() ? Resize.bilinear(warped, h * CocosNets.DOWN, w * CocosNets.DOWN, false)
                : Resize.nearest(warped, h * CocosNets.DOWN, w * CocosNets.DOWN);
        Tensor warpMask = switch (nets.warpMask()) {
            case NONE -> null;
            case DIRECT -> unflat(m.warp(flat(refSegDown)), n, h, w);
            case CYCLE -> unflat(m.warp(m.warpBack(flat(segDown))), n, h, w);
        };
        Tensor warpCycle = nets.warpCycle() ? unflat(m.warpBack(flat(warped)), n, h, w) : null;
        return new Warp(warpOut, warped, warpMask, warpCycle, xS, yS, m);
    }

    /**
     * F_{B→S}(x)/‖·‖: an image's features from the exemplar adaptor, [N,256,H/4,W/4]. On the ground truth x_B
     * they give the domain alignment loss ‖x_S − F_{B→S}(x_B)‖₁ (the official {@code loss_novgg_featpair}).
     */
    public Tensor imageFeatures(Tensor image) {
        return FeatureNormalize.apply(adaptorImg.forward(image));
    }

    private Tensor trunk(Tensor x) {
        for (CorrResidualBlock b : layer.items()) {
            x = b.forward(x);
        }
        return x;
    }

    /** k×k patches (zero padded), centred per position across the patch vector (PONO-C) or per channel over positions, L2-normalised. */
    private Tensor patches(Tensor f) { // [N,256,h,w] -> [N,256·k²,HW]
        int k = nets.matchKernel();
        Tensor p = k == 1 ? f.flatten(2, -1) : torch.im2col(f, new long[] {k, k}, new long[] {1, 1}, new long[] {k / 2, k / 2},
                new long[] {1, 1});
        p = p.sub(p.mean(new long[] {nets.ponoC() ? 1 : -1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()));
        return FeatureNormalize.apply(p);
    }

    private static Tensor flat(Tensor x) { // [N,C,h,w] -> [N,hw,C]
        return x.flatten(2, -1).transpose(1, 2);
    }

    private static Tensor unflat(Tensor x, long n, long h, long w) { // [N,hw,C] -> [N,C,h,w]
        return x.transpose(1, 2).reshape(n, -1, h, w);
    }

    /**
     * What the correspondence gives.
     *
     * @param warpOut   the warped exemplar r_{y→x} at the image size, [N,3,H,W]
     * @param warped    the same at the correspondence size, [N,3,H/4,W/4]
     * @param warpMask  the warped label map [N,semantic_nc,H/4,W/4], or null ({@link WarpMask#NONE})
     * @param warpCycle the warp back to the exemplar [N,3,H/4,W/4], or null
     * @param xS        the input's features in the shared domain, [N,256,H/4,W/4]
     * @param yS        the exemplar's
     * @param m         the correlation, for further warps
     */
    public record Warp(Tensor warpOut, Tensor warped, Tensor warpMask, Tensor warpCycle, Tensor xS, Tensor yS,
            Correlation m) {}
}

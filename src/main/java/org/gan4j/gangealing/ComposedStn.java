package org.gan4j.gangealing;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Module;
import org.gan4j.nn.ModuleList;
import org.gan4j.torch.Tensors;

/**
 * GANgealing's spatial transformer T = T_flow ∘ T_sim ({@code ComposedSTN}, keys {@code stns.0.*} similarity and
 * {@code stns.1.*} flow): the similarity STN aligns coarsely and samples the source at the flow size; the flow STN
 * regresses a residual flow from that image, and its grid, composed with the similarity (grid ← M·[id + Δ; 1]),
 * samples the original source once at the output resolution. With K heads every image is aligned by every head's
 * similarity, and each of the K results goes on through the flow head of its own cluster.
 */
public final class ComposedStn extends Module {

    private final ModuleList<SpatialTransformer> stns;
    private final StnShape shape;

    public ComposedStn(StnShape shape) {
        this.shape = shape;
        stns = registerModule("stns", new ModuleList<>());
        stns.add(new SpatialTransformer(shape, Transform.SIMILARITY));
        stns.add(new SpatialTransformer(shape, Transform.FLOW));
    }

    public StnShape shape() {
        return shape;
    }

    public SpatialTransformer similarity() {
        return stns.get(0);
    }

    public SpatialTransformer flow() {
        return stns.get(1);
    }

    /** The identity grid at the flow resolution, {@code [1,H,W,2]}. */
    public Tensor identityFlow() {
        return flow().identityFlow();
    }

    /** T(input), pixels sampled from {@code input} itself. */
    public Warped forward(Tensor input, Warping w) {
        return forward(input, input, w, null);
    }

    /**
     * T(input) with pixels from {@code source} (the same image at a higher resolution, or the same).
     *
     * @param assign null to warp every image by every head (N·K outputs), or {@code [N]} head indices
     */
    public Warped forward(Tensor input, Tensor source, Warping w, Tensor assign) {
        int k = shape.heads();
        long n = source.size(0);
        Warped sim = similarity().forward(input, source, w.alpha(null).at(shape.flowSize()), assign, null);
        Tensor flowAssign = assign;
        Tensor flowSource = source;
        if (k > 1 && assign == null) {
            flowAssign = Tensors.arange(n * k).remainder(Tensors.s(k)); // each output through its head
            flowSource = Stn.repeatInterleave(source, k);
        }
        return flow().forward(sim.out(), flowSource, w.iters(1), flowAssign, sim.warp());
    }
}

package org.gan4j.gangealing;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.GridSampling;
import org.gan4j.nn.Padding2d;
import org.gan4j.torch.Tensors;

/**
 * Carrying points through a congealing (the official {@code congeal_points}, {@code uncongeal_points},
 * {@code transfer_points}). Points are (x, y) in pixels of an image of side {@code res}, pixel centres at integers.
 *
 * <p>Into the congealed frame (forward): the similarity is inverted in closed form; the flow, which is only known as
 * reverse sampling, by nearest neighbour — the point goes to the flow-grid cell whose sampling position is nearest
 * (an integer (x, y) index on the H×W grid, as the official). Out of it (reverse): the image's sampling grid is
 * read at the point (bilinear, border). A → B is A → congealed → B.
 */
public final class PointTransfer {

    private PointTransfer() {}

    /** Pixels of a res-side image to the STN's normalised frame ({@code SpatialTransformer.normalize}). */
    public static Tensor normalize(Tensor p, int res, int outRes) {
        return p.div(Tensors.s(outRes - 1.0)).add(Tensors.s(-0.5)).mul(Tensors.s(2.0)).mul(Tensors.s((res - 1.0) / res));
    }

    /** The inverse of {@link #normalize} ({@code SpatialTransformer.unnormalize}). */
    public static Tensor unnormalize(Tensor p, int res, int outRes) {
        return p.div(Tensors.s((res - 1.0) / res)).div(Tensors.s(2.0)).add(Tensors.s(0.5)).mul(Tensors.s(outRes - 1.0));
    }

    /**
     * Points of images A into the congealed frame: for a composed STN, integer (x, y) indices on the flow grid
     * {@code [N,P,2]} (long); the similarity stage alone gives normalised coordinates.
     *
     * @param input  the images as the STN takes them {@code [N,3,S,S]}
     * @param source the images the points are in (their side is the points' resolution)
     * @param points {@code [N,P,2]} pixels of {@code source}
     */
    public static Tensor congeal(ComposedStn t, Tensor input, Tensor source, Tensor points, int iters) {
        return congeal(t, input, source, points, iters, null);
    }

    /** As {@link #congeal}, each image through its cluster's head ({@code assign} [N]; null for one head). */
    public static Tensor congeal(ComposedStn t, Tensor input, Tensor source, Tensor points, int iters, Tensor assign) {
        if (assign == null) {
            requireOneHead(t, "carrying points into the congealed frame");
        }
        int res = (int) source.size(-1);
        Warped sim = t.similarity().forward(input, source, Warping.defaults().iters(iters), assign, null);
        Tensor normalised = normalize(points, res, res);
        Tensor inSim = applyInverse(sim.warp(), normalised); // similarity-congealed, normalised
        Warped flow = t.flow().forward(sim.out(), source, Warping.defaults(), assign, sim.warp());
        Tensor grid = t.identityFlow().add(flow.warp()); // [N,H,W,2], the flow's own frame
        return nearest(grid, inSim);
    }

    /** Points of the congealed frame (flow-grid indices, as {@link #congeal} gives) into images B, in pixels of {@code source}. */
    public static Tensor uncongeal(ComposedStn t, Tensor input, Tensor source, Tensor congealed, int iters) {
        return uncongeal(t, input, source, congealed, iters, null);
    }

    /** As {@link #uncongeal}, each image through its cluster's head ({@code assign} [N]; null for one head). */
    public static Tensor uncongeal(ComposedStn t, Tensor input, Tensor source, Tensor congealed, int iters, Tensor assign) {
        int res = (int) source.size(-1);
        return uncongealNormalised(t, input, source, normalize(congealed.to(torch.ScalarType.Float), res,
                t.shape().flowSize()), iters, assign);
    }

    /** Normalised points of the congealed frame {@code [N,P,2]} into images B, in pixels of {@code source}. */
    public static Tensor uncongealNormalised(ComposedStn t, Tensor input, Tensor source, Tensor p, int iters) {
        return uncongealNormalised(t, input, source, p, iters, null);
    }

    /** As {@link #uncongealNormalised}, each image through its cluster's head ({@code assign} [N]; null for one head). */
    public static Tensor uncongealNormalised(ComposedStn t, Tensor input, Tensor source, Tensor p, int iters,
            Tensor assign) {
        if (assign == null) {
            requireOneHead(t, "carrying points out of the congealed frame");
        }
        int res = (int) source.size(-1);
        Warped w = t.forward(input, source, Warping.defaults().iters(iters), assign);
        Tensor onGrid = GridSampling.sample(w.grid().permute(0, 3, 1, 2), p.unsqueeze(2), Padding2d.BORDER); // [N,2,P,1]
        return unnormalize(onGrid.squeeze(3).permute(0, 2, 1), res, res);
    }

    /** A's points to B: A → congealed → B (pixels of the sources). */
    public static Tensor transfer(ComposedStn t, Tensor inputA, Tensor sourceA, Tensor inputB, Tensor sourceB,
            Tensor pointsA, int iters) {
        return uncongeal(t, inputB, sourceB, congeal(t, inputA, sourceA, pointsA, iters), iters);
    }

    /** The similarity stage alone: points into its congealed frame, normalised ([M; 0 0 1]⁻¹ applied). */
    public static Tensor congealSimilarity(SpatialTransformer sim, Tensor input, Tensor source, Tensor points, int iters) {
        int res = (int) source.size(-1);
        Warped w = sim.forward(input, source, Warping.defaults().iters(iters), null, null);
        return applyInverse(w.warp(), normalize(points, res, res));
    }

    /** The similarity stage alone: normalised congealed points to pixels of {@code source}. */
    public static Tensor uncongealSimilarity(SpatialTransformer sim, Tensor input, Tensor source, Tensor congealed,
            int iters) {
        int res = (int) source.size(-1);
        Warped w = sim.forward(input, source, Warping.defaults().iters(iters), null, null);
        return unnormalize(apply(w.warp(), congealed), res, res);
    }

    /** Fails in one line when a clustering model (K &gt; 1) is given no head per image. */
    static void requireOneHead(ComposedStn t, String what) {
        if (t.shape().heads() > 1) {
            throw new org.gan4j.Gan4jException(what + " with a clustering model (K=" + t.shape().heads() + ") needs each"
                    + " image's cluster (the head its classifier or its smoothest flow picks)");
        }
    }

    /** M·[p; 1] for matrices {@code [N,2,3]} and points {@code [N,P,2]}. */
    static Tensor apply(Tensor m, Tensor p) {
        Tensor homo = torch.cat(new TensorVector(p, Tensors.ones(p.size(0), p.size(1), 1)), 2);
        return torch.matmul(homo, threeByThree(m).permute(0, 2, 1)).narrow(2, 0, 2);
    }

    /** [M; 0 0 1]⁻¹·[p; 1]. */
    static Tensor applyInverse(Tensor m, Tensor p) {
        Tensor homo = torch.cat(new TensorVector(p, Tensors.ones(p.size(0), p.size(1), 1)), 2);
        return torch.matmul(homo, torch.inverse(threeByThree(m)).permute(0, 2, 1)).narrow(2, 0, 2);
    }

    private static Tensor threeByThree(Tensor m) {
        Tensor row = Tensors.of(new float[] {0, 0, 1}, 1, 1, 3).expand(new long[] {m.size(0), 1, 3});
        return torch.cat(new TensorVector(m, row), 1);
    }

    /** The (x, y) index of the grid cell whose value is nearest each point: {@code [N,H,W,2]}, {@code [N,P,2]} → long. */
    static Tensor nearest(Tensor grid, Tensor points) {
        long n = grid.size(0);
        long h = grid.size(1);
        long w = grid.size(2);
        Tensor g = grid.reshape(n, h * w, 2); // [N,HW,2]
        // ‖x − y‖² = ‖x‖² + ‖y‖² − 2⟨x, y⟩, as the official
        Tensor dot = torch.matmul(g, points.permute(0, 2, 1)); // [N,HW,P]
        Tensor d = points.pow(Tensors.s(2)).sum(new long[] {2}, false, new org.bytedeco.pytorch.ScalarTypeOptional())
                .unsqueeze(1).add(g.pow(Tensors.s(2)).sum(new long[] {2}, true, new org.bytedeco.pytorch.ScalarTypeOptional()))
                .sub(dot.mul(Tensors.s(2)));
        Tensor idx = d.argmin(new org.bytedeco.pytorch.LongOptional(1), false); // [N,P]
        return torch.stack(new TensorVector(idx.remainder(Tensors.s(w)), idx.floor_divide(Tensors.s(w))), 2);
    }
}

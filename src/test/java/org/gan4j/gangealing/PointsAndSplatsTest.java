package org.gan4j.gangealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** Splatting by hand; points carried into the congealed frame and back land where they started. */
class PointsAndSplatsTest {

    @Test
    void splattingByHand() {
        // One point at (2, 3), σ 1: the window is x 0..4, y 1..5; every pixel in it gets the value (one point: the
        // weights cancel), and the soft-normalised mask is the Gaussian itself (weights below 1).
        float[][] v = Splat.splat(new double[][] {{2, 3}}, new float[][] {{0.5f, -1f}}, 1, 8, 8, false);
        assertThat(v[0][3 * 8 + 2]).isCloseTo(0.5f, within(1e-6f));
        assertThat(v[1][1 * 8 + 4]).isCloseTo(-1f, within(1e-6f));
        assertThat(v[0][0]).isZero(); // outside the window
        float[][] m = Splat.splat(new double[][] {{2, 3}}, new float[][] {{1f}}, 1, 8, 8, true);
        assertThat(m[0][3 * 8 + 2]).isCloseTo(1f, within(1e-6f));
        assertThat(m[0][3 * 8 + 3]).isCloseTo((float) Math.exp(-0.5), within(1e-6f));
        assertThat(m[0][5 * 8 + 4]).isCloseTo((float) Math.exp(-4), within(1e-6f));
        // Two points averaging where they overlap: midway between values 0 and 1 at equal distance is 0.5.
        float[][] two = Splat.splat(new double[][] {{2, 2}, {4, 2}}, new float[][] {{0f}, {1f}}, 1, 8, 8, false);
        assertThat(two[0][2 * 8 + 3]).isCloseTo(0.5f, within(1e-6f));
        // Points outside the image add nothing.
        float[][] out = Splat.splat(new double[][] {{-1, 2}}, new float[][] {{1f}}, 1, 8, 8, true);
        assertThat(out[0][2 * 8 + 0]).isZero();
    }

    @Test
    void pointsRoundTripThroughTheCongealedFrame() throws Exception {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            // The official composed STN of the parity fixtures (formula weights): rotations of ~50°, residual flows
            // of a few pixels. A → congealed (nearest flow-grid cell) → A again is off by at most about a grid cell.
            ComposedStn t = new ComposedStn(new StnShape(64, 128, 512, 0.5, 8, 1));
            OfficialWeights.fill(t, "comp64");
            Tensor x = SpatialTransformerTest.pictures(2, 128);
            Tensor p = Tensors.of(new float[] {40, 50, 64, 64, 80, 70, 60, 90, 70, 40, 50, 60}, 2, 3, 2);
            Tensor c = PointTransfer.congeal(t, x, x, p, 1);
            Tensor back = PointTransfer.uncongeal(t, x, x, c, 1);
            double err = Tensors.value(back.sub(p).pow(Tensors.s(2)).sum(new long[] {2}, false,
                    new org.bytedeco.pytorch.ScalarTypeOptional()).sqrt().max());
            assertThat(err).as("round-trip error in pixels of 128").isLessThan(3.0);
            // the similarity alone is exact
            Tensor cs = PointTransfer.congealSimilarity(t.similarity(), x, x, p, 1);
            assertThat(Tensors.value(PointTransfer.uncongealSimilarity(t.similarity(), x, x, cs, 1).sub(p).abs().max()))
                    .isLessThan(1e-3);
        }
    }
}

package org.gan4j.gangealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.gan4j.models.ShippedModel;
import org.junit.jupiter.api.Test;

class PlacementRecoveryTest {

    @Test
    void fitIsTheLeastSquaresSlopeAndPearsonsR() {
        double[] x = {0, 1, 2, 3};
        PlacementRecovery.Fit line = PlacementRecovery.Fit.of(x, new double[] {1, 3, 5, 7});
        assertThat(line.slope()).isCloseTo(2, within(1e-12));
        assertThat(line.correlation()).isCloseTo(1, within(1e-12));
        // by hand: x̄ 1.5, ȳ 0, Sxy = −2, Sxx = 5, Syy = 4
        PlacementRecovery.Fit zigzag = PlacementRecovery.Fit.of(x, new double[] {1, -1, 1, -1});
        assertThat(zigzag.slope()).isCloseTo(-0.4, within(1e-12));
        assertThat(zigzag.correlation()).isCloseTo(-2 / Math.sqrt(20), within(1e-12));
        PlacementRecovery.Fit flat = PlacementRecovery.Fit.of(x, new double[] {2, 2, 2, 2});
        assertThat(flat.slope()).isZero();
        assertThat(flat.correlation()).isNaN();
    }

    @Test
    void anUntrainedTransformerUndoesNothingAndTheShippedOneFollowsTheTruePlacement() {
        try (GangealingModel fresh = new GangealingModel(new ComposedStn(new StnShape(32, 32, 16, 0.125, 4, 1)),
                org.gan4j.nn.Padding2d.BORDER, 1)) {
            PlacementRecovery r = PlacementRecovery.measure(fresh, KeypointSets.FACES_HELD_OUT, 8, 1);
            assertThat(r.rotation().slope()).isZero(); // a zero-initialised head: the identity for every face
            assertThat(r.shiftX().correlation()).isNaN();
        }
        // The shipped model shifts faces back towards the centre: the predicted source shift grows with the true one
        // (a sign or index slip in reading M would give a negative or flat line).
        try (GangealingModel shipped = GangealingModel.load(Path.of(ShippedModel.NAME))) {
            PlacementRecovery r = PlacementRecovery.measure(shipped, KeypointSets.FACES_HELD_OUT, 40, 1);
            assertThat(r.shiftX().slope()).isGreaterThan(0.3);
            assertThat(r.shiftX().correlation()).isGreaterThan(0.6);
            assertThat(r.shiftY().correlation()).isGreaterThan(0.4);
            assertThat(r.rotation().correlation()).isGreaterThan(0.1);
            assertThat(r.describe()).startsWith("rotation ").contains("x shift ");
        }
    }
}

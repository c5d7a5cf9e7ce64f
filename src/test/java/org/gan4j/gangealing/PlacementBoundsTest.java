package org.gan4j.gangealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gan4j.data.FaceAttributes;
import org.gan4j.data.FaceSample;
import org.junit.jupiter.api.Test;

class PlacementBoundsTest {

    private static FaceAttributes placed(double angleDeg, double scale, double tx, double ty) {
        return new FaceAttributes(0, 0, 1, Math.toRadians(angleDeg), scale, tx, ty, 0, new double[] {0, 0, 2, 2});
    }

    @Test
    void carryUndoesAsMuchOfThePlacementAsAsked() {
        int size = 100; // pixel p ↔ side coordinate (p + 0.5)/100 − 0.5
        FaceAttributes a = placed(0, 1, 0.1, 0);
        FaceAttributes b = placed(90, 2, 0, 0.05);
        double[] p = {69.5, 49.5}; // (0.2, 0) from the centre: (0.1, 0) from A's face centre
        // shift only: (0.1, 0) + B's shift (0, 0.05) → (0.1, 0.05)
        assertThat(PlacementBounds.carry(p, a, b, size, PlacementBounds.Undo.SHIFT))
                .containsExactly(new double[] {59.5, 54.5}, within(1e-9));
        // + rotation by 90°: (0.1, 0) → (0, 0.1), then (0, 0.15)
        assertThat(PlacementBounds.carry(p, a, b, size, PlacementBounds.Undo.SHIFT_ROTATION))
                .containsExactly(new double[] {49.5, 64.5}, within(1e-9));
        // + scale ×2: (0, 0.2), then (0, 0.25)
        assertThat(PlacementBounds.carry(p, a, b, size, PlacementBounds.Undo.SIMILARITY))
                .containsExactly(new double[] {49.5, 74.5}, within(1e-9));
    }

    @Test
    void boundsGrowWithWhatIsUndoneAndStayBelowOneOnHeldOutFaces() {
        List<FaceSample> faces = KeypointSets.heldOutFaces(40, 64);
        int[][] pairs = KeypointSets.pairs(40, 40, 1);
        double[] shift = PlacementBounds.pck(faces, pairs, 64, PlacementBounds.Undo.SHIFT);
        double[] rigid = PlacementBounds.pck(faces, pairs, 64, PlacementBounds.Undo.SHIFT_ROTATION);
        double[] similarity = PlacementBounds.pck(faces, pairs, 64, PlacementBounds.Undo.SIMILARITY);
        assertThat(rigid[0]).isGreaterThan(shift[0] + 0.05); // faces are rotated by up to 35°
        assertThat(similarity[0]).isGreaterThanOrEqualTo(rigid[0]);
        // yaw, expression and the deformation move points that no rigid warp can follow
        assertThat(similarity[0]).isBetween(0.7, 0.98);
        assertThat(similarity[1]).isLessThan(similarity[0]);
        // a face carried onto itself lands on its own points
        assertThat(PlacementBounds.pck(faces, new int[][] {{3, 3}}, 64, PlacementBounds.Undo.SIMILARITY)[2])
                .isEqualTo(1.0);
    }
}

package org.gan4j.gangealing;

import java.util.List;
import org.gan4j.data.FaceAttributes;
import org.gan4j.data.FaceSample;

/**
 * Upper bounds on the PCK-Transfer a rigid warp can reach on {@code builtin:faces}, from each face's true placement:
 * a point q of picture A (in image sides from the centre) is carried back through A's placement S_A and forward
 * through B's, q_B = S_B(S_A⁻¹(q)), then compared with B's own point as {@link Pck} does (α·max(H, W), both ways).
 * What is left above the full similarity's score — yaw, expression, eye opening and the small deformation — only a
 * non-rigid warp (GANgealing's flow) can recover. No model is involved; the numbers depend on the pairs only.
 */
public final class PlacementBounds {

    /** How much of the true placement is undone. */
    public enum Undo {
        /** The shift t only: q_B = q − t_A + t_B. */
        SHIFT,
        /** Shift and rotation R(θ). */
        SHIFT_ROTATION,
        /** The whole similarity s·R(θ)·u + t. */
        SIMILARITY
    }

    private PlacementBounds() {}

    /**
     * PCK per {@link Pck#ALPHAS} of the oracle transfer.
     *
     * @param faces the pictures, with key points in pixels of a {@code size}-px image
     * @param pairs pairs (i, j) of indices into {@code faces}
     */
    public static double[] pck(List<FaceSample> faces, int[][] pairs, int size, Undo undo) {
        double[] correct = new double[Pck.ALPHAS.length];
        long counted = 0;
        for (int[] pair : pairs) {
            for (int way = 0; way < 2; way++) {
                FaceSample a = faces.get(pair[way]);
                FaceSample b = faces.get(pair[1 - way]);
                for (int k = 0; k < a.keypoints().length; k++) {
                    double[] q = carry(a.keypoints()[k], a.attributes(), b.attributes(), size, undo);
                    double err = Math.hypot(q[0] - b.keypoints()[k][0], q[1] - b.keypoints()[k][1]);
                    counted++;
                    for (int al = 0; al < Pck.ALPHAS.length; al++) {
                        correct[al] += err <= Pck.ALPHAS[al] * size ? 1 : 0;
                    }
                }
            }
        }
        for (int al = 0; al < correct.length; al++) {
            correct[al] /= Math.max(1, counted);
        }
        return correct;
    }

    /** S_B(S_A⁻¹(p)) for a pixel point p, restricted to the parts of the placement {@code undo} names. */
    static double[] carry(double[] p, FaceAttributes from, FaceAttributes to, int size, Undo undo) {
        double qx = (p[0] + 0.5) / size - 0.5 - from.tx(); // image sides, shift removed
        double qy = (p[1] + 0.5) / size - 0.5 - from.ty();
        if (undo != Undo.SHIFT) {
            double d = to.angle() - from.angle();
            double r = undo == Undo.SIMILARITY ? to.scale() / from.scale() : 1;
            double c = Math.cos(d) * r;
            double s = Math.sin(d) * r;
            double x = c * qx - s * qy;
            qy = s * qx + c * qy;
            qx = x;
        }
        return new double[] {(qx + to.tx() + 0.5) * size - 0.5, (qy + to.ty() + 0.5) * size - 0.5};
    }
}

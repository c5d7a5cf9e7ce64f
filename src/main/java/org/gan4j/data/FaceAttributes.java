package org.gan4j.data;

import java.util.Random;

/**
 * What changes between pictures of one {@code builtin:faces} identity: continuous attributes of the face, and
 * where the face is put in the picture.
 *
 * @param yaw        head turn, −1 (towards the image's left) .. 1 (right); ±1 is a turn of 25°
 * @param smile      expression, −1 (frown) .. 1 (smile)
 * @param eyeOpening 0.15 (nearly shut) .. 1 (wide open)
 * @param angle      rotation of the placement, radians (positive turns x towards y: clockwise on screen, y pointing down)
 * @param scale      scale of the placement (0.75 .. 1.15)
 * @param tx         horizontal translation, in image sides
 * @param ty         vertical translation, in image sides
 * @param warpAmp    amplitude of the smooth deformation, in image sides
 * @param warpPhase  phases and frequencies of the deformation (4 values)
 */
public record FaceAttributes(double yaw, double smile, double eyeOpening, double angle, double scale, double tx,
        double ty, double warpAmp, double[] warpPhase) {

    /** Maximum rotation of a placement, radians (35°). */
    public static final double MAX_ANGLE = Math.toRadians(35);

    /** The attributes of picture {@code variant} of an identity: the same for the same (identity, variant). */
    public static FaceAttributes draw(int identity, long variant) {
        Random r = new Random((0xA77L * 1_000_003 + identity) * 1_000_033 + variant);
        double angle = Math.max(-MAX_ANGLE, Math.min(MAX_ANGLE, r.nextGaussian() * Math.toRadians(16)));
        return new FaceAttributes(uniform(r, -1, 1), uniform(r, -1, 1), uniform(r, 0.15, 1), angle,
                uniform(r, 0.75, 1.15), uniform(r, -0.12, 0.12), uniform(r, -0.10, 0.10), uniform(r, 0.004, 0.014),
                new double[] {uniform(r, 0, 2 * Math.PI), uniform(r, 0, 2 * Math.PI), uniform(r, 2, 5),
                    uniform(r, 2, 5)});
    }

    private static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** The smooth deformation d(u) at canonical point u (both in image sides): the picture shows u + d(u) at u. */
    double[] deformation(double ux, double uy) {
        return new double[] {warpAmp * Math.sin(warpPhase[2] * uy * 2 * Math.PI + warpPhase[0]),
            warpAmp * Math.sin(warpPhase[3] * ux * 2 * Math.PI + warpPhase[1])};
    }
}

package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** builtin:faces: deterministic pictures, keypoints on the drawn features, poses and identities that vary. */
class FacesTest {

    @Test
    void theSameIndexGivesTheSamePictureAndKeypoints() {
        for (long i : new long[] {0, 17, 123_456}) {
            FaceSample a = Faces.sample(i, 32);
            FaceSample b = Faces.sample(i, 32);
            assertThat(b.image().getRGB(0, 0, 32, 32, null, 0, 32)).isEqualTo(a.image().getRGB(0, 0, 32, 32, null, 0, 32));
            assertThat(b.keypoints()).isDeepEqualTo(a.keypoints());
            assertThat(b.identity().id()).isEqualTo((int) (i / Faces.PER_IDENTITY));
        }
    }

    @Test
    void eyeKeypointsLieOnTheIrisOrPupil() {
        // At an open eye's keypoint the picture shows the iris or the pupil, not skin: a keypoint carried through
        // the placement the wrong way (inverse rotation, missing deformation) lands elsewhere.
        int checked = 0;
        int onEye = 0;
        for (int i = 0; i < 120; i++) {
            FaceSample s = Faces.sample(i, 128);
            if (s.attributes().eyeOpening() < 0.7) {
                continue;
            }
            for (int k = 0; k < 2; k++) {
                double[] p = s.keypoints()[k];
                int x = (int) Math.round(p[0]);
                int y = (int) Math.round(p[1]);
                if (x < 0 || y < 0 || x >= 128 || y >= 128) {
                    continue;
                }
                float[] c = rgb(s.image().getRGB(x, y));
                double toEye = Math.min(distance(c, s.identity().iris()), distance(c, new float[] {0.04f, 0.04f, 0.05f}));
                checked++;
                onEye += toEye < distance(c, s.identity().skin()) ? 1 : 0;
            }
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(onEye).as("eye keypoints on iris or pupil, of %d", checked).isGreaterThan(checked * 9 / 10);
    }

    @Test
    void keypointsFollowThePlacement() {
        // Without deformation, a keypoint is the similarity transform of its canonical point; the distance between
        // the eyes scales with the placement's scale.
        FaceAttributes a = Faces.sample(3, 64).attributes();
        FaceAttributes flat = new FaceAttributes(a.yaw(), a.smile(), a.eyeOpening(), 0, 1, 0, 0, 0, a.warpPhase());
        FaceAttributes moved = new FaceAttributes(a.yaw(), a.smile(), a.eyeOpening(), Math.PI / 6, 0.8, 0.1, -0.05, 0,
                a.warpPhase());
        double[] k = {0.07, -0.11};
        double[] p = Faces.place(k, flat);
        assertThat(p[0]).isCloseTo(0.07, org.assertj.core.data.Offset.offset(1e-12));
        double[] q = Faces.place(k, moved);
        double c = Math.cos(Math.PI / 6) * 0.8;
        double s = Math.sin(Math.PI / 6) * 0.8;
        assertThat(q[0]).isCloseTo(c * 0.07 + s * 0.11 + 0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(q[1]).isCloseTo(s * 0.07 - c * 0.11 - 0.05, org.assertj.core.data.Offset.offset(1e-12));
        // With a deformation, u + d(u) = k holds for the point found.
        FaceAttributes warped = Faces.sample(5, 64).attributes();
        FaceAttributes noPlacement = new FaceAttributes(0, 0, 1, 0, 1, 0, 0, warped.warpAmp(), warped.warpPhase());
        double[] u = Faces.place(k, noPlacement);
        double[] d = noPlacement.deformation(u[0], u[1]);
        assertThat(u[0] + d[0]).isCloseTo(k[0], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(u[1] + d[1]).isCloseTo(k[1], org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void posesAndIdentitiesVary() {
        double sum = 0;
        double sum2 = 0;
        int n = 400;
        java.util.Set<Integer> hair = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            FaceAttributes a = FaceAttributes.draw(i, i % 7);
            sum += a.angle();
            sum2 += a.angle() * a.angle();
            hair.add(FaceIdentity.of(i).hairStyle());
            assertThat(Math.abs(a.angle())).isLessThanOrEqualTo(FaceAttributes.MAX_ANGLE);
            assertThat(a.scale()).isBetween(0.75, 1.15);
        }
        double sd = Math.sqrt(sum2 / n - (sum / n) * (sum / n));
        assertThat(Math.toDegrees(sd)).isBetween(12.0, 20.0);
        assertThat(hair).hasSize(4);
        // Two pictures of one identity share its skin; two identities differ somewhere.
        FaceIdentity a = Faces.sample(20, 32).identity();
        assertThat(Faces.sample(29, 32).identity().skin()).isEqualTo(a.skin());
        assertThat(Faces.sample(29, 32).identity().hair()).isEqualTo(a.hair());
        FaceIdentity b = Faces.sample(30, 32).identity();
        assertThat(java.util.Arrays.equals(a.skin(), b.skin()) && java.util.Arrays.equals(a.hair(), b.hair())).isFalse();
    }

    @Test
    void theTrainingSetOpensByName() {
        ImageDataset d = Datasets.open(Faces.NAME, 16);
        assertThat(d.size()).isEqualTo(Faces.DEFAULT_COUNT);
        BufferedImage img = d.image(9);
        assertThat(img.getWidth()).isEqualTo(16);
        assertThat(img.getRGB(0, 0, 16, 16, null, 0, 16)).isEqualTo(Faces.sample(9, 16).image().getRGB(0, 0, 16, 16, null, 0, 16));
        assertThat(d.describe()).contains("builtin:faces");
    }

    private static float[] rgb(int p) {
        return new float[] {((p >> 16) & 255) / 255f, ((p >> 8) & 255) / 255f, (p & 255) / 255f};
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }
}

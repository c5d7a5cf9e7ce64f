package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.FaceAttributes;
import org.gan4j.data.FaceSample;
import org.gan4j.data.Faces;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** The demo's hand-made pieces: the yaw direction and the eye mask. */
class MystyleDemoPartsTest {

    @Test
    void yawDirectionRecoversAPlantedSlope() {
        int id = MystyleDemo.IDENTITY;
        double[] offset = {1, 2, 3};
        double[] slope = {0.5, -1, 2};
        double[][] anchors = new double[6][3];
        for (int i = 0; i < anchors.length; i++) {
            double yaw = FaceAttributes.draw(id, i).yaw();
            for (int k = 0; k < 3; k++) {
                anchors[i][k] = offset[k] + yaw * slope[k];
            }
        }
        double[] d = MystyleDemo.yawDirection(anchors, id);
        for (int k = 0; k < 3; k++) {
            assertThat(d[k]).isCloseTo(slope[k], within(1e-9));
        }
    }

    @Test
    void eyesMaskHidesBothEyesAndKeepsMostOfThePicture() {
        try (Scope s = new Scope()) {
            FaceSample face = Faces.draw(MystyleDemo.IDENTITY, MystyleDemo.HELD_OUT_VARIANT, 64);
            Tensor m = org.gan4j.mystyle.HeldOutApplications.eyesMask(face, 64);
            float[] f = Tensors.floats(m.contiguous());
            for (int e = 0; e < 2; e++) {
                double[] p = face.keypoints()[e];
                assertThat(f[(int) Math.round(p[1]) * 64 + (int) Math.round(p[0])]).as("eye " + e).isZero();
            }
            double known = 0;
            for (float v : f) {
                known += v / f.length;
            }
            assertThat(known).isBetween(0.6, 0.97);
        }
    }
}

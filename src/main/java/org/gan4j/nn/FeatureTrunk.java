package org.gan4j.nn;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/** A frozen image network whose intermediate activations a perceptual distance compares (VGG16, AlexNet). */
public interface FeatureTrunk {

    /** The tapped activations of an ImageNet-normalised batch {@code [N,3,H,W]}, shallow to deep. */
    List<Tensor> forward(Tensor x);

    /** The channels of each tapped activation. */
    int[] channels();
}

package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;

/** A differentiable distance between two batches of images in [−1, 1], one value per image. */
public interface ImageDistance {

    /** {@code [N]} distances between {@code x[n]} and {@code y[n]}, with a graph to {@code x}. */
    Tensor distance(Tensor x, Tensor y);

    /** One line for logs. */
    String describe();
}

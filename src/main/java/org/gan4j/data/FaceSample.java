package org.gan4j.data;

import java.awt.image.BufferedImage;

/**
 * One {@code builtin:faces} picture with its ground truth.
 *
 * @param image      size × size RGB
 * @param keypoints  [K][2] (x, y) in pixels, pixel centres at integers (0 .. size−1), in the order of
 *                   {@link Faces#KEYPOINTS}; a point may lie outside the picture when the placement pushes it out
 * @param identity   the identity (the same person in other pictures)
 * @param attributes yaw, expression, eye opening and the placement
 */
public record FaceSample(BufferedImage image, double[][] keypoints, FaceIdentity identity, FaceAttributes attributes) {}

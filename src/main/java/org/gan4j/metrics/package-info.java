/**
 * Image-quality metrics. Those that need no pretrained network work out of the box (sliced Wasserstein distance
 * of patch distributions); those that do (FID/KID, LPIPS) take a weights file. For semantic image synthesis, a
 * segmentation network gan4j trains itself on a dataset's real photos ({@link org.gan4j.metrics.Segmenter},
 * {@link org.gan4j.metrics.SegmenterTraining}) and the scores of its segmentations against label maps
 * ({@link org.gan4j.metrics.SegmentationScores}: confusion matrix, per-class IoU, mIoU, pixel accuracy).
 */
package org.gan4j.metrics;

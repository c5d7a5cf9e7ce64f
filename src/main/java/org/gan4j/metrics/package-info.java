/**
 * Image-quality metrics. Those that need no pretrained network work out of the box (sliced Wasserstein distance
 * of patch distributions); those that do take a weights file: FID ({@link org.gan4j.metrics.Fid} on
 * {@link org.gan4j.nn.FidInception}, pytorch-fid's InceptionV3 from its {@code pt_inception-2015-12-05-6726825d.pth}). For semantic image synthesis, a
 * segmentation network gan4j trains itself on a dataset's real photos ({@link org.gan4j.metrics.Segmenter},
 * {@link org.gan4j.metrics.SegmenterTraining}) and the scores of its segmentations against label maps
 * ({@link org.gan4j.metrics.SegmentationScores}: confusion matrix, per-class IoU, mIoU, pixel accuracy).
 */
package org.gan4j.metrics;

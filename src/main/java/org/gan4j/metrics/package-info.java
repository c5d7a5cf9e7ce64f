/**
 * Image-quality metrics. Those that need no pretrained network work out of the box (sliced Wasserstein distance
 * of patch distributions); those that do (FID/KID, LPIPS) take a weights file.
 */
package org.gan4j.metrics;

/**
 * Data: reading and writing image files, image folders and paired datasets, procedural datasets that ship
 * inside the jar, augmentation and batching.
 *
 * <p>{@link org.gan4j.data.Images} is the one place image files are decoded: every reader hands the rest of
 * gan4j an 8-bit {@code TYPE_INT_RGB} image, or a one-line {@link org.gan4j.Gan4jException} naming the file.
 * {@link org.gan4j.data.Npy} reads and writes NumPy arrays (latent codes), {@link org.gan4j.data.AnimatedGif}
 * writes looping animations. Training sets ({@link org.gan4j.data.ImageDataset}): a folder of images of any
 * sizes ({@link org.gan4j.data.ImageFolder}, centre-cropped and resized), or a procedural set shipped as code
 * ({@link org.gan4j.data.ProceduralImages}, {@code builtin:landscapes}); {@link org.gan4j.data.Batches} cuts
 * them into seeded minibatches.
 */
package org.gan4j.data;

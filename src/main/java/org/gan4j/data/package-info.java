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
 *
 * <p>Semantic image synthesis (SPADE) trains on {@link org.gan4j.data.SceneDataset}s of label map → photo pairs
 * ({@link org.gan4j.data.ScenePair}): folders matched by file name ({@link org.gan4j.data.PairedFolders}) or the
 * procedural {@code builtin:scenes} ({@link org.gan4j.data.Scenes}). Label maps ({@link org.gan4j.data.LabelMap})
 * are ids, read from gray or palette-indexed files or through a colour {@link org.gan4j.data.Palette}, checked
 * against the number of classes with SPADE's don't-care rule ({@link org.gan4j.data.LabelCoding}); they are
 * resampled by nearest neighbour or majority, never blended. {@link org.gan4j.data.SemanticInputs} turns them into
 * the generator's one-hot input with instance edges.
 *
 * <p>Edge maps for edge-to-photo translation (CoCosNet's {@code --input edges}): {@link org.gan4j.data.Canny} (as
 * scikit-image's {@code feature.canny}), {@link org.gan4j.data.CityBlock} (exact L1 distance transform) and
 * {@link org.gan4j.data.EdgeMap} (edges + distance, from a photo or an edge drawing); {@link org.gan4j.data.PhotoPairs}
 * serves a folder of photos, without label maps, as such a method's pairs.
 */
package org.gan4j.data;

package org.gan4j.spade;

import org.gan4j.Gan4jException;

/**
 * What a SPADE training run needs besides the model settings, stored with them as the run's {@code config.json}
 * so that {@code --resume} reopens the same data.
 *
 * @param config      the model and its training
 * @param labels      the label maps: a folder, or {@code builtin:scenes}; null for an imported model
 * @param images      the photos' folder (null for builtin:scenes)
 * @param instances   the instance maps' folder, or null
 * @param palette     a palette JSON for colour-coded label images, or null for files of ids
 * @param sampleCount label maps in each sample grid
 */
public record SpadeRun(SpadeConfig config, String labels, String images, String instances, String palette, int sampleCount) {

    public SpadeRun {
        if (sampleCount < 1) {
            throw new Gan4jException("--samples must be at least 1, got " + sampleCount);
        }
    }

    /** A run on the built-in procedural scenes. */
    public static SpadeRun onScenes(SpadeConfig config, int sampleCount) {
        return new SpadeRun(config, org.gan4j.data.Scenes.NAME, null, null, null, sampleCount);
    }
}

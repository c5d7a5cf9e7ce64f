package org.gan4j.cocosnet;

import org.gan4j.Gan4jException;

/**
 * What a CoCosNet training run needs besides the model settings, stored with them as the run's {@code config.json}
 * so that {@code --resume} reopens the same data.
 *
 * @param config      the model and its training
 * @param labels      the label maps: a folder, or {@code builtin:scenes}; null for an imported model
 * @param images      the photos' folder (null for builtin:scenes)
 * @param palette     a palette JSON for colour-coded label images, or null
 * @param labelNc     classes (ids 0..labelNc−1)
 * @param dontcare    id 255 marks unlabelled pixels (one more channel, id labelNc)
 * @param sceneCount  pairs of builtin:scenes used for training (and retrieval)
 * @param sampleCount input maps in each sample grid
 */
public record CocosRun(CocosConfig config, String labels, String images, String palette, int labelNc, boolean dontcare,
        int sceneCount, int sampleCount) {

    /** builtin:scenes pairs in a CoCosNet run: enough variety, and retrieval over them takes seconds. */
    public static final int SCENES = 2000;

    public CocosRun {
        if (sampleCount < 1) {
            throw new Gan4jException("--samples must be at least 1, got " + sampleCount);
        }
        if (labelNc + (dontcare ? 1 : 0) != config.nets().semanticNc()) {
            throw new Gan4jException(labelNc + " classes" + (dontcare ? " + don't-care" : "") + " do not make the model's "
                    + config.nets().semanticNc() + " input channels");
        }
    }

    /** A run on the built-in procedural scenes. */
    public static CocosRun onScenes(CocosConfig config, int sampleCount) {
        return new CocosRun(config, org.gan4j.data.Scenes.NAME, null, null, org.gan4j.data.Scenes.LABEL_NC, false, SCENES,
                sampleCount);
    }
}

package org.gan4j.cocosnet;

import org.gan4j.Gan4jException;
import org.gan4j.data.Scenes;

/**
 * What a CoCosNet training run needs besides the model settings, stored with them as the run's {@code config.json}
 * so that {@code --resume} reopens the same data.
 *
 * @param config      the model and its training (its {@link CocosConfig#input} says labels or edges)
 * @param labels      the label maps: a folder, or {@code builtin:scenes} (whose labels an edges run ignores); null
 *                    for an imported model and for an edges run on a folder of photos
 * @param images      the photos' folder (null for builtin:scenes)
 * @param palette     a palette JSON for colour-coded label images, or null
 * @param labelNc     classes (ids 0..labelNc−1); 0 for an edges run
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
        if (config.input() == InputKind.EDGES) {
            if (labelNc != 0 || dontcare || palette != null) {
                throw new Gan4jException("an edges run computes its input maps from the photos; drop --label-nc,"
                        + " --dontcare and --palette");
            }
        } else if (labelNc + (dontcare ? 1 : 0) != config.nets().semanticNc()) {
            throw new Gan4jException(labelNc + " classes" + (dontcare ? " + don't-care" : "") + " do not make the model's "
                    + config.nets().semanticNc() + " input channels");
        }
    }

    /** A run on the built-in procedural scenes: their label maps, or edge maps of their photos. */
    public static CocosRun onScenes(CocosConfig config, int sampleCount) {
        boolean edges = config.input() == InputKind.EDGES;
        return new CocosRun(config, Scenes.NAME, null, null, edges ? 0 : Scenes.LABEL_NC, false, SCENES, sampleCount);
    }

    /** An edges run on a folder of photos. */
    public static CocosRun onPhotos(CocosConfig config, String images, int sampleCount) {
        return new CocosRun(config, null, images, null, 0, false, 0, sampleCount);
    }
}

package org.gan4j.metrics;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.LabelMap;
import org.gan4j.data.SceneDataset;

/**
 * What segmentation-based evaluation needs of a segmentation network: a class id for every pixel of a batch of
 * images. gan4j's own is {@link Segmenter}; a network imported from elsewhere (DRN, UperNet) would be another.
 */
public interface ImageSegmenter {

    /** Classes it predicts: ids 0..labelNc−1. */
    int labelNc();

    /** Whether its data marks unlabelled pixels with id {@link #labelNc()} (never predicted, never scored). */
    boolean dontCare();

    /** A label map of H × W class ids per image of {@code images} {@code [N,3,H,W]} in [−1, 1]. */
    List<LabelMap> predict(Tensor images);

    /** Fails with one line when {@code data}'s classes are not this segmenter's. */
    default void checkData(SceneDataset data) {
        if (data.labelNc() != labelNc() || data.dontCare() != dontCare()) {
            throw new Gan4jException("the segmenter knows " + labelNc() + " classes" + (dontCare() ? " + don't-care" : "")
                    + " but the data has " + data.labelNc() + (data.dontCare() ? " + don't-care" : "")
                    + "; train a segmenter on this data");
        }
    }
}

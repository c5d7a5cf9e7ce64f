package org.gan4j.data;

import java.util.List;

/**
 * A finite, indexable set of {@link ScenePair}s (label map → image) for semantic image synthesis: a pair of
 * folders ({@link PairedFolders}) or the procedural {@code builtin:scenes} ({@link Scenes#dataset}).
 */
public interface SceneDataset {

    /** Number of pairs. */
    int size();

    /** Number of classes: label ids are 0..labelNc−1, plus {@code labelNc} itself for don't-care pixels. */
    int labelNc();

    /** Whether labels may hold the don't-care id {@code labelNc} (one more one-hot channel). */
    boolean dontCare();

    /** One-hot channels of a label map: {@code labelNc}, plus one with don't-care (not counting the edge map). */
    default int channels() {
        return labelNc() + (dontCare() ? 1 : 0);
    }

    /** Whether {@link #pair} returns instance maps. */
    boolean hasInstances();

    /**
     * Pair {@code i} (0 ≤ i &lt; size) at {@code width × height}: label and instance maps resampled without
     * blending ids, the image with antialiasing. The same arguments always give the same pixels.
     */
    ScenePair pair(int i, int width, int height);

    /** Pair {@code i} at {@code size × size}. */
    default ScenePair pair(int i, int size) {
        return pair(i, size, size);
    }

    /** The class names and display colours. */
    Palette palette();

    /** One line for logs and the CLI, e.g. "300 pairs from labels/ and images/ (12 classes)". */
    String describe();

    /** Remarks found while opening the data, one line each, for the CLI to print (none by default). */
    default List<String> notes() {
        return List.of();
    }
}

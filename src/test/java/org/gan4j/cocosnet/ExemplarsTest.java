package org.gan4j.cocosnet;

import static org.assertj.core.api.Assertions.assertThat;

import org.gan4j.data.LabelMap;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.Scenes;
import org.junit.jupiter.api.Test;

/** Retrieval by label statistics: the descriptor by hand, the order of neighbours, retrieval over builtin:scenes. */
class ExemplarsTest {

    @Test
    void descriptorIsTheWholeHistogramThenEachQuartersEachSummingToOne() {
        // 4×2 map, 3 classes: top-left quarter class 0, top-right 1, bottom row 2 2 | 2 1
        LabelMap m = new LabelMap(4, 2, new int[] {0, 0, 1, 1, 2, 2, 2, 1});
        float[] d = Exemplars.descriptor(m, 3);
        assertThat(d).containsExactly(new float[] {2 / 8f, 3 / 8f, 3 / 8f, // whole
            1, 0, 0, // top-left (0, 0)
            0, 1, 0, // top-right (1, 1)
            0, 0, 1, // bottom-left (2, 2)
            0, 0.5f, 0.5f}, // bottom-right (2, 1)
                org.assertj.core.data.Offset.offset(1e-7f));
    }

    @Test
    void nearestIsOrderedByL1AndSkipsTheQuery() {
        float[][] all = {{0, 0}, {5, 0}, {1, 0}, {0, 3}, {0.5f, 0}};
        assertThat(Exemplars.nearest(all[0], all, 3, 0)).containsExactly(4, 2, 3);
        assertThat(Exemplars.nearest(all[0], all, 2, -1)).containsExactly(0, 4);
    }

    @Test
    void scenesNeighboursShareTheirLayoutsClasses() {
        SceneDataset data = Scenes.dataset(60);
        Exemplars ex = Exemplars.retrieve(data);
        int size = Exemplars.SIZE;
        double near = 0;
        double far = 0;
        for (int i = 0; i < data.size(); i++) {
            int[] nb = ex.neighbours(i);
            assertThat(nb).hasSize(Exemplars.K).doesNotContain(i).doesNotHaveDuplicates();
            assertThat(ex.easy(i)).isEqualTo(nb[0]);
            assertThat(ex.hard(i)).isEqualTo(nb[Exemplars.K - 1]);
            float[] q = Exemplars.descriptor(data.pair(i, size, size).labels(), data.channels());
            near += l1(q, Exemplars.descriptor(data.pair(ex.easy(i), size, size).labels(), data.channels()));
            far += l1(q, Exemplars.descriptor(data.pair((i + 30) % 60, size, size).labels(), data.channels()));
        }
        // the nearest neighbour's statistics are much closer than an arbitrary other scene's
        assertThat(near).isLessThan(far / 2);
    }

    @Test
    void theEdgeDescriptorIsADensityPyramidWithLevelsWeighedAlike() {
        // an 8×8 map whose top-left 4×4 block is all edges
        boolean[] e = new boolean[64];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                e[y * 8 + x] = true;
            }
        }
        float[] d = Exemplars.edgeDescriptor(org.gan4j.data.EdgeMap.of(e, 8, 8));
        assertThat(d).hasSize(21);
        assertThat(d[0]).isEqualTo(0.25f); // the whole map: 16 of 64, one cell
        assertThat(java.util.Arrays.copyOfRange(d, 1, 5)).containsExactly(0.25f, 0, 0, 0); // quarters: 1, 0, 0, 0 over 4
        float[] cells = java.util.Arrays.copyOfRange(d, 5, 21); // 2×2-pixel cells: 1 in the top-left 2×2 of cells, over 16
        for (int c = 0; c < 16; c++) {
            assertThat(cells[c]).as("cell %d", c).isEqualTo(c / 4 < 2 && c % 4 < 2 ? 1 / 16f : 0f);
        }
    }

    @Test
    void edgeNeighboursOfScenesShareTheirLayoutsClassesMoreThanOthers() {
        // retrieval by edges never reads the labels; its neighbours should still be scenes of similar layouts
        SceneDataset data = Scenes.dataset(60);
        Exemplars ex = Exemplars.retrieveByEdges(data, 64);
        int size = Exemplars.SIZE;
        double near = 0;
        double far = 0;
        for (int i = 0; i < data.size(); i++) {
            assertThat(ex.neighbours(i)).hasSize(Exemplars.K).doesNotContain(i).doesNotHaveDuplicates();
            float[] q = Exemplars.descriptor(data.pair(i, size, size).labels(), data.channels());
            near += l1(q, Exemplars.descriptor(data.pair(ex.easy(i), size, size).labels(), data.channels()));
            far += l1(q, Exemplars.descriptor(data.pair((i + 30) % 60, size, size).labels(), data.channels()));
        }
        System.out.printf("label-statistics L1 to the edge-nearest scene %.3f, to another scene %.3f%n", near / 60, far / 60);
        assertThat(near).isLessThan(far);
    }

    private static double l1(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s;
    }
}

package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.torch.Pixels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** builtin:scenes: deterministic pairs, valid ids, every class, style apart from layout, recognisable classes. */
class ScenesTest {

    /** Pairs 0..199 at 48 px, shared by the statistics below (about a second to draw). */
    private static final int COUNT = 200;
    private static final int SIZE = 48;
    private static final List<ScenePair> PAIRS = new ArrayList<>();

    @BeforeAll
    static void draw() {
        for (int i = 0; i < COUNT; i++) {
            PAIRS.add(Scenes.pair(i, SIZE, SIZE));
        }
    }

    @Test
    void theSameIndexGivesTheSamePixelsAndLabels() {
        for (int i : new int[] {0, 7, 123456}) {
            ScenePair a = Scenes.pair(i, 40, 24);
            ScenePair b = Scenes.pair(i, 40, 24);
            assertThat(b.labels()).isEqualTo(a.labels());
            assertThat(b.instances()).isEqualTo(a.instances());
            assertThat(Pixels.rgb(b.image())).isEqualTo(Pixels.rgb(a.image()));
        }
    }

    @Test
    void differentIndicesGiveDifferentLayouts() {
        for (int i = 0; i < 20; i++) {
            int[] a = PAIRS.get(i).labels().ids();
            int[] b = PAIRS.get(i + 1).labels().ids();
            int differ = 0;
            for (int k = 0; k < a.length; k++) {
                differ += a[k] != b[k] ? 1 : 0;
            }
            assertThat(differ).as("pixels whose class differs between scenes %d and %d", i, i + 1)
                    .isGreaterThan(a.length / 10);
        }
    }

    @Test
    void labelsAreValidIdsAndEveryClassAppears() {
        int[] pairsWith = new int[Scenes.LABEL_NC];
        for (ScenePair p : PAIRS) {
            assertThat(p.image().getWidth()).isEqualTo(SIZE);
            assertThat(p.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            boolean[] seen = new boolean[Scenes.LABEL_NC];
            for (int id : p.labels().ids()) {
                if (id < 0 || id >= Scenes.LABEL_NC) {
                    throw new AssertionError("label id " + id + " outside 0..9");
                }
                seen[id] = true;
            }
            for (int c = 0; c < seen.length; c++) {
                pairsWith[c] += seen[c] ? 1 : 0;
            }
        }
        for (int c = 0; c < Scenes.LABEL_NC; c++) {
            assertThat(pairsWith[c]).as("pairs showing %s", Scenes.CLASSES.name(c)).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void downsampledLabelsAtAnySizeHoldOnlyValidIdsAndMatchTheirInstances() {
        int[][] sizes = {{1, 1}, {7, 5}, {33, 17}, {64, 64}, {100, 60}, {129, 70}, {200, 90}};
        for (int[] s : sizes) {
            for (int i = 0; i < 6; i++) {
                ScenePair p = Scenes.pair(i * 31 + s[0], s[0], s[1]);
                assertThat(p.labels().width()).isEqualTo(s[0]);
                assertThat(p.labels().height()).isEqualTo(s[1]);
                int[] ids = p.labels().ids();
                int[] inst = p.instances().ids();
                List<String> bad = new ArrayList<>();
                for (int k = 0; k < ids.length; k++) {
                    // Things are class*1000+k, stuff is its class id: the label is the instance's class.
                    boolean thing = ids[k] == Scenes.TREE || ids[k] == Scenes.ROCK || ids[k] == Scenes.BUILDING;
                    boolean ok = ids[k] >= 0 && ids[k] < Scenes.LABEL_NC
                            && (inst[k] < 1000 ? inst[k] == ids[k] : thing && inst[k] / 1000 == ids[k]);
                    if (!ok) {
                        bad.add("pixel " + k + ": label " + ids[k] + ", instance " + inst[k]);
                    }
                }
                assertThat(bad).as("scene %d at %dx%d", i * 31 + s[0], s[0], s[1]).isEmpty();
            }
        }
    }

    @Test
    void aSceneIsTheSamePictureAtEverySize() {
        for (int i = 0; i < 10; i++) {
            LabelMap big = Scenes.pair(i, 96, 96).labels().downsampled(2);
            LabelMap small = Scenes.pair(i, 48, 48).labels();
            int same = 0;
            for (int k = 0; k < small.ids().length; k++) {
                same += small.ids()[k] == big.ids()[k] ? 1 : 0;
            }
            assertThat(same).as("scene %d: pixels of one class at 48 px and at 96 px halved", i)
                    .isGreaterThan(small.ids().length * 9 / 10);
        }
    }

    @Test
    void anotherStyleKeepsTheLabelsAndChangesTheColours() {
        for (int i = 0; i < 10; i++) {
            ScenePair a = Scenes.pair(i, i, 64, 64);
            ScenePair b = Scenes.pair(i, 1000 + i, 64, 64);
            assertThat(b.labels()).isEqualTo(a.labels());
            assertThat(b.instances()).isEqualTo(a.instances());
            // The mean colour of the whole picture moves by more than 8 levels, or some class's mean colour does.
            double whole = distance(meanColour(a, -1), meanColour(b, -1));
            double perClass = 0;
            for (int c = 0; c < Scenes.LABEL_NC; c++) {
                if (count(a.labels(), c) >= 40) {
                    perClass = Math.max(perClass, distance(meanColour(a, c), meanColour(b, c)));
                }
            }
            assertThat(Math.max(whole, perClass)).as("colour change of scene %d under another style", i).isGreaterThan(8);
        }
        assertThat(Pixels.rgb(Scenes.pair(3, 64, 64).image())).isEqualTo(Pixels.rgb(Scenes.pair(3, 3, 64, 64).image()));
    }

    @Test
    void eachClassHasItsOwnColourOnAverage() {
        double[][] means = classMeans(PAIRS);
        for (int a = 0; a < Scenes.LABEL_NC; a++) {
            for (int b = a + 1; b < Scenes.LABEL_NC; b++) {
                assertThat(distance(means[a], means[b])).as("%s vs %s mean colour", Scenes.CLASSES.name(a),
                        Scenes.CLASSES.name(b)).isGreaterThan(20);
            }
        }
    }

    @Test
    void aPixelsClassCanBeToldFromItsColour() {
        // Nearest class mean of a pixel's colour and local contrast, means from pairs 0..99, tested on 100..199:
        // it must beat always guessing the most frequent class by far, despite every style's own colours.
        List<ScenePair> train = PAIRS.subList(0, COUNT / 2);
        List<ScenePair> test = PAIRS.subList(COUNT / 2, COUNT);
        double[][] centroids = new double[Scenes.LABEL_NC][4];
        long[] n = new long[Scenes.LABEL_NC];
        for (ScenePair p : train) {
            int[] px = Pixels.rgb(p.image());
            for (int k = 0; k < px.length; k++) {
                double[] f = features(px, SIZE, k);
                int c = p.labels().ids()[k];
                for (int j = 0; j < f.length; j++) {
                    centroids[c][j] += f[j];
                }
                n[c]++;
            }
        }
        for (int c = 0; c < Scenes.LABEL_NC; c++) {
            for (int j = 0; j < 4; j++) {
                centroids[c][j] /= n[c];
            }
        }
        long right = 0;
        long total = 0;
        long[] perClass = new long[Scenes.LABEL_NC];
        for (ScenePair p : test) {
            int[] px = Pixels.rgb(p.image());
            for (int k = 0; k < px.length; k++) {
                double[] f = features(px, SIZE, k);
                int best = 0;
                for (int c = 1; c < Scenes.LABEL_NC; c++) {
                    if (distance(f, centroids[c]) < distance(f, centroids[best])) {
                        best = c;
                    }
                }
                int truth = p.labels().ids()[k];
                right += best == truth ? 1 : 0;
                perClass[truth]++;
                total++;
            }
        }
        long majority = 0;
        for (long c : perClass) {
            majority = Math.max(majority, c);
        }
        double accuracy = (double) right / total;
        double baseline = (double) majority / total;
        assertThat(accuracy).as("nearest-mean accuracy against %.3f for the most frequent class", baseline)
                .isGreaterThan(1.4 * baseline);
    }

    @Test
    void theDatasetServesThePairs() {
        SceneDataset d = Scenes.dataset(5);
        assertThat(d.size()).isEqualTo(5);
        assertThat(d.labelNc()).isEqualTo(10);
        assertThat(d.channels()).isEqualTo(10);
        assertThat(d.hasInstances()).isTrue();
        assertThat(d.pair(2, 32).labels()).isEqualTo(Scenes.pair(2, 32, 32).labels());
        assertThat(d.describe()).startsWith("builtin:scenes: 5 ");
        assertThat(Scenes.CLASSES.classes()).extracting(Palette.Entry::name).containsExactly("sky", "clouds",
                "mountain", "water", "grass", "tree", "rock", "road", "building", "sand");
    }

    /** Mean RGB of a 3x3 neighbourhood and its luminance spread (3 sd), on the 0..255 scale. */
    private static double[] features(int[] px, int size, int k) {
        int x = k % size;
        int y = k / size;
        double[] f = new double[4];
        double s = 0;
        double s2 = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int v = px[Math.max(0, Math.min(size - 1, y + dy)) * size + Math.max(0, Math.min(size - 1, x + dx))];
                double r = v >>> 16 & 0xFF;
                double g = v >>> 8 & 0xFF;
                double b = v & 0xFF;
                f[0] += r / 9;
                f[1] += g / 9;
                f[2] += b / 9;
                double l = (r + g + b) / 3;
                s += l / 9;
                s2 += l * l / 9;
            }
        }
        f[3] = 3 * Math.sqrt(Math.max(0, s2 - s * s));
        return f;
    }

    private static double[][] classMeans(List<ScenePair> pairs) {
        double[][] sum = new double[Scenes.LABEL_NC][3];
        long[] n = new long[Scenes.LABEL_NC];
        for (ScenePair p : pairs) {
            int[] px = Pixels.rgb(p.image());
            int[] ids = p.labels().ids();
            for (int k = 0; k < px.length; k++) {
                sum[ids[k]][0] += px[k] >>> 16 & 0xFF;
                sum[ids[k]][1] += px[k] >>> 8 & 0xFF;
                sum[ids[k]][2] += px[k] & 0xFF;
                n[ids[k]]++;
            }
        }
        for (int c = 0; c < sum.length; c++) {
            for (int j = 0; j < 3; j++) {
                sum[c][j] /= n[c];
            }
        }
        return sum;
    }

    /** Mean RGB of the pixels of class {@code c} (all pixels for -1). */
    private static double[] meanColour(ScenePair p, int c) {
        int[] px = Pixels.rgb(p.image());
        int[] ids = p.labels().ids();
        double[] m = new double[3];
        int n = 0;
        for (int k = 0; k < px.length; k++) {
            if (c < 0 || ids[k] == c) {
                m[0] += px[k] >>> 16 & 0xFF;
                m[1] += px[k] >>> 8 & 0xFF;
                m[2] += px[k] & 0xFF;
                n++;
            }
        }
        for (int j = 0; j < 3; j++) {
            m[j] /= Math.max(1, n);
        }
        return m;
    }

    private static int count(LabelMap m, int c) {
        int n = 0;
        for (int id : m.ids()) {
            n += id == c ? 1 : 0;
        }
        return n;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }
}

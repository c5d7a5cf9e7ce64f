package org.gan4j.singan.consingan;

import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Tensors;

/**
 * The official editing augmentation (functions.shuffle_grid): 1–5 rectangular tiles of x_0 copied, each moved by a
 * small random translation, onto a copy of x_0 — the kind of misplaced patch a user's copy-paste edit makes. The
 * fewer the tiles the larger they are:
 * <pre>
 *   tiles  size (of each side)   translation
 *   1      20–50%                5–15%
 *   2      15–30%                5–10%
 *   3      10–20%                5–10%
 *   4, 5   10–15%                5–10%
 * </pre>
 * moved towards the origin or away from it with equal odds, and clipped at the image's border.
 */
final class ShuffleGrid {

    private static final int MAX_TILES = 5;

    private ShuffleGrid() {}

    /** shuffle_grid(x): x [1,3,H,W] in [-1,1] → a new [1,3,H,W]. */
    static Tensor apply(Tensor x, Random r) {
        // The official code indexes the HWC array as [x, y]: its "x" runs over rows and "w" over the height.
        int rows = (int) x.size(2);
        int cols = (int) x.size(3);
        float[] src = Tensors.floats(x.contiguous());
        float[] dst = src.clone();
        int tiles = 1 + r.nextInt(MAX_TILES);
        double[] f = switch (tiles) { // w_min, w_max, t_min, t_max as fractions
            case 1 -> new double[] {0.2, 0.5, 0.05, 0.15};
            case 2 -> new double[] {0.15, 0.3, 0.05, 0.1};
            case 3 -> new double[] {0.1, 0.2, 0.05, 0.1};
            default -> new double[] {0.1, 0.15, 0.05, 0.1};
        };
        int[][] moves = new int[tiles][];
        for (int k = 0; k < tiles; k++) {
            int r0 = randint(r, 0, rows);
            int c0 = randint(r, 0, cols);
            int h = randint(r, (int) (rows * f[0]), (int) (rows * f[1]));
            int w = randint(r, (int) (cols * f[0]), (int) (cols * f[1]));
            if (r0 + h >= rows) {
                h = rows - r0;
            }
            if (c0 + w >= cols) {
                w = cols - c0;
            }
            int tr = randint(r, (int) (rows * f[2]), (int) (rows * f[3]));
            int tc = randint(r, (int) (cols * f[2]), (int) (cols * f[3]));
            if (r.nextDouble() < 0.5) {
                tr = -tr;
                tc = -tc;
                if (r0 + tr < 0) {
                    tr = -r0;
                }
                if (c0 + tc < 0) {
                    tc = -c0;
                }
            } else {
                if (r0 + tr + h >= rows) {
                    tr = rows - h - r0;
                }
                if (c0 + tc + w >= cols) {
                    tc = cols - w - c0;
                }
            }
            moves[k] = new int[] {r0, c0, h, w, r0 + tr, c0 + tc};
        }
        int plane = rows * cols;
        for (int[] m : moves) { // every tile is read from the original, as the official deep copy
            for (int ch = 0; ch < 3; ch++) {
                for (int i = 0; i < m[2]; i++) {
                    int from = ch * plane + (m[0] + i) * cols + m[1];
                    int to = ch * plane + (m[4] + i) * cols + m[5];
                    if (m[4] + i < 0 || m[4] + i >= rows || m[3] <= 0) {
                        continue;
                    }
                    System.arraycopy(src, from, dst, to, Math.min(m[3], cols - Math.max(0, m[5])));
                }
            }
        }
        return Tensors.of(dst, 1, 3, rows, cols);
    }

    /** Python's random.randint(a, b): a..b inclusive. */
    private static int randint(Random r, int a, int b) {
        return b <= a ? a : a + r.nextInt(b - a + 1);
    }
}

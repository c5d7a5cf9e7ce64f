package org.gan4j.nn;

import java.util.Arrays;

/**
 * The distinct rows of a row-major {@code long} matrix, numbered in order of first appearance, and each row's
 * number: {@code torch.unique(dim=0, return_inverse=True)} without the sort (libtorch's takes ~10 ms per thousand
 * rows of 9 on one core; this open-addressing table takes well under a millisecond).
 *
 * @param rows    [count·width] the distinct rows
 * @param count   how many
 * @param inverse [n] each input row's number
 */
record DistinctRows(long[] rows, int count, int[] inverse) {

    static DistinctRows of(long[] data, int width) {
        int n = data.length / width;
        int capacity = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1; // ≥ 2n, a power of two
        int[] table = new int[capacity];
        Arrays.fill(table, -1);
        int[] firstRow = new int[n]; // input row of each distinct row
        int[] inverse = new int[n];
        int count = 0;
        for (int r = 0; r < n; r++) {
            int slot = hash(data, r * width, width) & (capacity - 1);
            while (true) {
                int id = table[slot];
                if (id < 0) {
                    table[slot] = count;
                    firstRow[count] = r;
                    inverse[r] = count++;
                    break;
                }
                if (Arrays.equals(data, firstRow[id] * width, firstRow[id] * width + width, data, r * width, r * width + width)) {
                    inverse[r] = id;
                    break;
                }
                slot = (slot + 1) & (capacity - 1);
            }
        }
        long[] rows = new long[count * width];
        for (int id = 0; id < count; id++) {
            System.arraycopy(data, firstRow[id] * width, rows, id * width, width);
        }
        return new DistinctRows(rows, count, inverse);
    }

    private static int hash(long[] data, int from, int width) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = from; i < from + width; i++) {
            h = (h ^ data[i]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h ^ (h >>> 32));
    }
}

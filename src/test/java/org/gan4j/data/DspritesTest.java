package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** builtin:dsprites: the original index order and factor values, shapes that behave like their factors, the .npz reader. */
class DspritesTest {

    @TempDir
    Path tmp;

    private static float[] image(Dsprites d, int shape, int scale, int orient, int x, int y) {
        float[] v = new float[64 * 64];
        d.pixels(Dsprites.index(new int[] {0, shape, scale, orient, x, y}), v, 0);
        return v;
    }

    private static double area(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s;
    }

    private static double[] centroid(float[] v) {
        double sx = 0;
        double sy = 0;
        double n = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] > 0) {
                sx += i % 64;
                sy += i / 64;
                n++;
            }
        }
        return new double[] {sx / n, sy / n};
    }

    @Test
    void indexOrderAndFactorValuesAreTheOriginals() {
        assertThat(Dsprites.COUNT).isEqualTo(3 * 6 * 40 * 32 * 32);
        int[] c = {0, 2, 5, 39, 31, 7};
        int i = Dsprites.index(c);
        assertThat(Dsprites.classes(i)).containsExactly(c);
        assertThat(Dsprites.classes(1)).containsExactly(0, 0, 0, 0, 0, 1); // y fastest, as the file
        double[] v = Dsprites.values(c);
        assertThat(v[1]).isEqualTo(3); // heart
        assertThat(v[2]).isCloseTo(1.0, within(1e-12));
        assertThat(v[3]).isCloseTo(2 * Math.PI, within(1e-12));
        assertThat(v[4]).isCloseTo(1.0, within(1e-12));
        assertThat(v[5]).isCloseTo(7 / 31.0, within(1e-12));
    }

    @Test
    void spritesFollowTheirFactors() {
        Dsprites d = new DspritesDrawing();
        for (int shape = 0; shape < 3; shape++) {
            // area grows with scale² (0.5 → 1: about 4x)
            double ratio = area(image(d, shape, 5, 3, 16, 16)) / area(image(d, shape, 0, 3, 16, 16));
            assertThat(ratio).isBetween(3.3, 4.8);
            // position moves the centroid: 31 steps of x = 0.7 of the image
            double[] left = centroid(image(d, shape, 3, 0, 0, 16));
            double[] right = centroid(image(d, shape, 3, 0, 31, 16));
            assertThat(right[0] - left[0]).isCloseTo(0.7 * 64, within(1.5));
            assertThat(right[1] - left[1]).isCloseTo(0, within(0.5));
        }
        // the ellipse repeats after a full turn (orientations 0 and 39 are 0 and 2π)
        float[] e0 = image(d, 1, 4, 0, 16, 16);
        float[] e180 = image(d, 1, 4, 39, 16, 16); // 2π
        assertThat(e180).containsExactly(e0);
        // the heart has no 180° symmetry; the ellipse is elongated: turned by ~90° its pixels move
        float[] h0 = image(d, 2, 5, 0, 16, 16);
        float[] h180 = image(d, 2, 5, 20, 16, 16);
        assertThat(differing(h0, h180)).isGreaterThan(20);
        assertThat(differing(e0, image(d, 1, 4, 10, 16, 16))).isGreaterThan(40);
        // deterministic and binary
        assertThat(image(d, 2, 3, 17, 5, 9)).containsExactly(image(d, 2, 3, 17, 5, 9));
        for (float f : h0) {
            assertThat(f == 0f || f == 1f).isTrue();
        }
    }

    private static int differing(float[] a, float[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                n++;
            }
        }
        return n;
    }

    @Test
    void readsTheOriginalNpzLayoutAndRefusesOtherFiles() throws Exception {
        Path npz = tmp.resolve("dsprites.npz");
        byte[] imgs = new byte[2 * 64 * 64];
        imgs[5] = 1;
        imgs[4096 + 64 * 10 + 3] = 1;
        ByteBuffer lat = ByteBuffer.allocate(2 * 6 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 12; i++) {
            lat.putDouble(i * 0.5);
        }
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(npz))) {
            put(z, "imgs.npy", npy("|u1", "(2, 64, 64)", imgs));
            put(z, "latents_values.npy", npy("<f8", "(2, 6)", lat.array()));
        }
        Dsprites d = Dsprites.open(npz.toString());
        assertThat(d.count()).isEqualTo(2);
        float[] v = new float[4096];
        d.pixels(1, v, 0);
        assertThat(area(v)).isEqualTo(1);
        assertThat(v[64 * 10 + 3]).isEqualTo(1f);
        assertThat(d.factors(1)).containsExactly(3.0, 3.5, 4.0, 4.5, 5.0, 5.5);

        Path notZip = Files.writeString(tmp.resolve("x.npz"), "hello");
        assertThatThrownBy(() -> Dsprites.open(notZip.toString())).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("x.npz").hasMessageContaining("not an .npz");
        Path wrong = tmp.resolve("wrong.npz");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(wrong))) {
            put(z, "imgs.npy", npy("<f4", "(1, 64, 64)", new byte[4 * 4096]));
            put(z, "latents_values.npy", npy("<f8", "(1, 6)", new byte[48]));
        }
        assertThatThrownBy(() -> Dsprites.open(wrong.toString())).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("wrong.npz[imgs]").hasMessageContaining("|u1 [N, 64, 64]");
        assertThatThrownBy(() -> Dsprites.open(tmp.resolve("missing.npz").toString()))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("no such file");
    }

    private static void put(ZipOutputStream z, String name, byte[] data) throws Exception {
        z.putNextEntry(new ZipEntry(name));
        z.write(data);
        z.closeEntry();
    }

    private static byte[] npy(String descr, String shape, byte[] body) throws Exception {
        String h = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        while ((10 + h.length() + 1) % 64 != 0) {
            h += " ";
        }
        h += "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(h.length() & 0xff);
        out.write(h.length() >> 8);
        out.write(h.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        return out.toByteArray();
    }
}

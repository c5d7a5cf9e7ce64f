package org.gan4j.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.gan4j.Gan4jException;

/**
 * The original {@code dsprites_ndarray_co1sh3sc6or40x32y32_64x64.npz} (DeepMind's dsprites-dataset): {@code imgs}
 * (uint8 [N,64,64], 0/1) kept as packed bits (512 bytes an image, 377 MB for the whole set) and
 * {@code latents_values} (float64 [N,6]). Anything else fails in one line naming the file and what is wrong.
 */
public final class DspritesFile implements Dsprites {

    private static final int WORDS = SIZE * SIZE / 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*True");

    private final Path file;
    private final int n;
    private final long[] bits;     // [N·64] 64 pixels per word, row-major
    private final double[] values; // [N·6]

    private DspritesFile(Path file, int n, long[] bits, double[] values) {
        this.file = file;
        this.n = n;
        this.bits = bits;
        this.values = values;
    }

    public static DspritesFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException(file + ": no such file (give builtin:dsprites or the dSprites .npz,"
                    + " dsprites_ndarray_co1sh3sc6or40x32y32_64x64.npz)");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry imgs = entry(zip, file, "imgs.npy");
            ZipEntry lat = entry(zip, file, "latents_values.npy");
            long[] bits;
            int n;
            try (DataInputStream in = new DataInputStream(zip.getInputStream(imgs))) {
                Header h = header(in, file + "[imgs]");
                if (!h.descr.equals("|u1") || h.shape.length != 3 || h.shape[1] != SIZE || h.shape[2] != SIZE) {
                    throw new Gan4jException(file + "[imgs] is " + h.descr + " " + Arrays.toString(h.shape)
                            + "; dSprites images are |u1 [N, 64, 64]");
                }
                n = Math.toIntExact(h.shape[0]);
                bits = new long[n * WORDS];
                byte[] buf = new byte[SIZE * SIZE];
                for (int i = 0; i < n; i++) {
                    in.readFully(buf);
                    for (int p = 0; p < buf.length; p++) {
                        if (buf[p] != 0) {
                            bits[i * WORDS + (p >> 6)] |= 1L << (p & 63);
                        }
                    }
                }
            }
            double[] values;
            try (DataInputStream in = new DataInputStream(zip.getInputStream(lat))) {
                Header h = header(in, file + "[latents_values]");
                if (!h.descr.equals("<f8") || h.shape.length != 2 || h.shape[0] != n || h.shape[1] != 6) {
                    throw new Gan4jException(file + "[latents_values] is " + h.descr + " " + Arrays.toString(h.shape)
                            + "; expected <f8 [" + n + ", 6]");
                }
                byte[] raw = new byte[n * 6 * 8];
                in.readFully(raw);
                values = new double[n * 6];
                ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
            }
            return new DspritesFile(file, n, bits, values);
        } catch (ZipException e) {
            throw new Gan4jException(file + " is not an .npz (zip) file: " + e.getMessage());
        } catch (java.io.EOFException e) {
            throw new Gan4jException(file + " is truncated (an array ends early)");
        } catch (IOException e) {
            throw new Gan4jException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static ZipEntry entry(ZipFile zip, Path file, String name) {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new Gan4jException(file + " has no " + name + "; is it dsprites_ndarray_co1sh3sc6or40x32y32_64x64.npz?");
        }
        return e;
    }

    private record Header(String descr, long[] shape) {}

    private static Header header(DataInputStream in, String what) throws IOException {
        byte[] magic = new byte[8];
        in.readFully(magic);
        if (magic[0] != (byte) 0x93 || magic[1] != 'N' || magic[2] != 'U') {
            throw new Gan4jException(what + " is not a NumPy array");
        }
        int len;
        if (magic[6] == 1) {
            len = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
        } else {
            len = Integer.reverseBytes(in.readInt());
        }
        byte[] text = new byte[len];
        in.readFully(text);
        String header = new String(text, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find() || FORTRAN.matcher(header).find()) {
            throw new Gan4jException(what + ": unsupported .npy header " + header.trim());
        }
        long[] shape = Arrays.stream(s.group(1).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        return new Header(d.group(1), shape);
    }

    @Override
    public int count() {
        return n;
    }

    @Override
    public void pixels(int i, float[] dst, int offset) {
        for (int p = 0; p < SIZE * SIZE; p++) {
            dst[offset + p] = (bits[i * WORDS + (p >> 6)] >>> (p & 63) & 1L) != 0 ? 1f : 0f;
        }
    }

    @Override
    public double[] factors(int i) {
        return Arrays.copyOfRange(values, i * 6, i * 6 + 6);
    }

    @Override
    public String describe() {
        return n + " dSprites images from " + file;
    }
}

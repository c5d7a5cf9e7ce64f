package org.gan4j.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gan4j.Gan4jException;

/**
 * Reads and writes NumPy {@code .npy} files of little-endian float32 or float64 numbers in C order (what
 * {@code numpy.save} writes for latent codes, e.g. a projection's output), as float32. Every problem with a file
 * is a one-line {@link Gan4jException} naming it.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** The numbers of an array in row-major order, and its shape. */
    public record Array(float[] data, long[] shape) {}

    private Npy() {}

    public static Array read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Gan4jException(file + ": no such file");
        } catch (IOException e) {
            throw new Gan4jException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new Gan4jException(file + " is not a NumPy .npy file (no \\x93NUMPY header); save it with numpy.save");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        if (major < 1 || major > 3 || start + headerLen > bytes.length) {
            throw new Gan4jException(file + ": truncated or unsupported .npy header (version " + major + ")");
        }
        String header = new String(bytes, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, file, "descr");
        if (group(FORTRAN, header, file, "fortran_order").equals("True")) {
            throw new Gan4jException(file + ": Fortran-ordered arrays are not supported; save numpy.ascontiguousarray(x)");
        }
        long[] shape = Arrays.stream(group(SHAPE, header, file, "shape").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        int width = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new Gan4jException(file + ": holds '" + descr + "' numbers; gan4j reads little-endian float32"
                    + " ('<f4') or float64 ('<f8') arrays");
        };
        long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        int dataStart = start + headerLen;
        if (n > Integer.MAX_VALUE || (long) dataStart + n * width != bytes.length) {
            throw new Gan4jException(file + ": shape " + Arrays.toString(shape) + " needs " + n * width
                    + " bytes of data, the file has " + (bytes.length - dataStart));
        }
        float[] out = new float[(int) n];
        b.position(dataStart);
        for (int i = 0; i < n; i++) {
            out[i] = width == 4 ? b.getFloat() : (float) b.getDouble();
        }
        return new Array(out, shape);
    }

    private static String group(Pattern p, String header, Path file, String what) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new Gan4jException(file + ": the .npy header has no '" + what + "'");
        }
        return m.group(1);
    }

    /** Writes float32 little-endian, C order, format version 1.0 (readable by {@code numpy.load}). */
    public static void write(Path file, float[] data, long... shape) throws IOException {
        long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String s = shape.length == 1 ? dims.toString().trim() : dims.substring(0, Math.max(0, dims.length() - 2));
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + s + "), }");
        while ((10 + header.length() + 1) % 64 != 0) { // numpy aligns the data to 64 bytes
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        for (float f : data) {
            b.putFloat(f);
        }
        Files.write(file, b.array());
    }
}

package org.gan4j.torch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Numpy scalars inside a checkpoint ({@code numpy.float64(12.5)} pickled as {@code numpy.core.multiarray.scalar}
 * of a {@code numpy.dtype} and the value's bytes), loaded as Long, Double or Boolean. Training scripts store
 * metrics and counters this way; numpy arrays are not supported.
 */
final class NumpyScalars {

    private NumpyScalars() {
    }

    /** A {@code numpy.dtype} as unpickled: its type code (e.g. {@code f8}) and, after BUILD, its byte order. */
    static final class DType {
        final String code;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        DType(String code) {
            this.code = code;
        }

        /** The pickled state is (version, byteorder, ...); only the byte order matters for a scalar. */
        void setState(Object state) {
            if (state instanceof PtTuple t && t.size() > 1 && t.get(1) instanceof String o && o.equals(">")) {
                order = ByteOrder.BIG_ENDIAN;
            }
        }
    }

    static Object scalar(Object dtype, Object data) {
        if (!(dtype instanceof DType d) || !(data instanceof byte[] bytes)) {
            throw new PtFormatError("corrupt pickle (a numpy scalar of " + PickleGlobals.typeName(dtype) + " and "
                    + PickleGlobals.typeName(data) + ")");
        }
        String code = d.code.startsWith("<") || d.code.startsWith(">") || d.code.startsWith("|")
                ? d.code.substring(1) : d.code;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(d.order);
        int n = bytes.length;
        boolean sizeOk = code.length() == 2 && code.charAt(1) - '0' == n;
        if (sizeOk) {
            switch (code.charAt(0)) {
                case 'f':
                    if (n == 8) {
                        return b.getDouble();
                    }
                    if (n == 4) {
                        return (double) b.getFloat();
                    }
                    if (n == 2) {
                        return (double) halfToFloat(b.getShort());
                    }
                    break;
                case 'i':
                    return signed(b, n);
                case 'u':
                    if (n < 8 || b.getLong(0) >= 0) {
                        return n == 8 ? b.getLong() : signed(b, n) & ((1L << (8 * n)) - 1);
                    }
                    break;
                case 'b':
                    return bytes[0] != 0;
                default:
                    break;
            }
        }
        throw new PtFormatError("holds a numpy scalar of dtype '" + d.code + "' that gan4j cannot read");
    }

    /** IEEE half to float (Float.float16ToFloat arrived only in Java 20). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero)
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static long signed(ByteBuffer b, int n) {
        return switch (n) {
            case 1 -> b.get();
            case 2 -> b.getShort();
            case 4 -> b.getInt();
            case 8 -> b.getLong();
            default -> throw new PtFormatError("holds a numpy integer of " + n + " bytes");
        };
    }
}

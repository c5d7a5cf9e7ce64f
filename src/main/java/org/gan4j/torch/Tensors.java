package org.gan4j.torch;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.pytorch.AbstractTensor;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * New tensors, and moving numbers between Java arrays and tensors: every tensor gan4j makes comes from here (or a
 * {@link Rng}), on the device {@link Placement} names; values read back to Java are copied to the host first.
 */
public final class Tensors {

    private Tensors() {}

    /** A float32 tensor holding a copy of {@code data}. */
    public static Tensor of(float[] data, long... shape) {
        Engine.init();
        checkCount(data.length, shape);
        return Placement.place(AbstractTensor.create(data, shape));
    }

    /** A float64 tensor holding a copy of {@code data}. */
    public static Tensor of(double[] data, long... shape) {
        Engine.init();
        checkCount(data.length, shape);
        return Placement.place(AbstractTensor.create(data, shape));
    }

    /** An int64 tensor holding a copy of {@code data} (indices). */
    public static Tensor of(long[] data, long... shape) {
        Engine.init();
        checkCount(data.length, shape);
        return Placement.place(AbstractTensor.create(data, shape));
    }

    /** An int32 tensor holding a copy of {@code data}. */
    public static Tensor of(int[] data, long... shape) {
        Engine.init();
        checkCount(data.length, shape);
        return Placement.place(AbstractTensor.create(data, shape));
    }

    /** A 1-D int64 tensor of {@code values} (as {@code torch.tensor(list_of_ints)}). */
    public static Tensor longs(long... values) {
        return of(values, values.length);
    }

    private static void checkCount(int count, long[] shape) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n != count) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + count);
        }
    }

    /** A float32 scalar tensor (0-dim). */
    public static Tensor scalar(double v) {
        Engine.init();
        return torch.scalar_tensor(new Scalar(v), Placement.options(ScalarType.Float));
    }

    // ---- factories: libtorch's, on the current device ----

    /** float32 zeros. */
    public static Tensor zeros(long... shape) {
        return zeros(ScalarType.Float, shape);
    }

    public static Tensor zeros(ScalarType type, long... shape) {
        Engine.init();
        return torch.zeros(shape, Placement.options(type));
    }

    /** float32 ones. */
    public static Tensor ones(long... shape) {
        return ones(ScalarType.Float, shape);
    }

    public static Tensor ones(ScalarType type, long... shape) {
        Engine.init();
        return torch.ones(shape, Placement.options(type));
    }

    /** float32, uninitialised. */
    public static Tensor empty(long... shape) {
        return empty(ScalarType.Float, shape);
    }

    public static Tensor empty(ScalarType type, long... shape) {
        Engine.init();
        return torch.empty(shape, Placement.options(type), new org.bytedeco.pytorch.MemoryFormatOptional());
    }

    /** Every value {@code value}, of type {@code type}. */
    public static Tensor full(ScalarType type, double value, long... shape) {
        Engine.init();
        Scalar v = type == ScalarType.Float || type == ScalarType.Double ? new Scalar(value) : new Scalar((long) value);
        return torch.full(shape, v, Placement.options(type));
    }

    /** N(0, 1), float32, from the global generator (seeded by {@link Seeds}). */
    public static Tensor randn(long... shape) {
        Engine.init();
        return torch.randn(shape, Placement.options(ScalarType.Float));
    }

    /** U[0, 1), float32, from the global generator. */
    public static Tensor rand(long... shape) {
        Engine.init();
        return torch.rand(shape, Placement.options(ScalarType.Float));
    }

    /** int64 in [0, high), from the global generator. */
    public static Tensor randint(long high, long... shape) {
        Engine.init();
        return torch.randint(high, shape, Placement.options(ScalarType.Long));
    }

    /** A random permutation of 0..n-1 (int64), from the global generator. */
    public static Tensor randperm(long n) {
        Engine.init();
        return torch.randperm(n, Placement.options(ScalarType.Long));
    }

    /** 0, 1, ..., n-1 (int64). */
    public static Tensor arange(long n) {
        Engine.init();
        return torch.arange(new Scalar(n), Placement.options(ScalarType.Long));
    }

    /** start, start + step, ... below end (int64). */
    public static Tensor arange(long start, long end, long step) {
        Engine.init();
        return torch.arange(new Scalar(start), new Scalar(end), new Scalar(step), Placement.options(ScalarType.Long));
    }

    /** The n x m float32 matrix with ones on its diagonal. */
    public static Tensor eye(long n, long m) {
        Engine.init();
        return torch.eye(n, m, Placement.options(ScalarType.Float));
    }

    public static Tensor eye(long n) {
        return eye(n, n);
    }

    // ---- reading values back (from the host) ----

    /** A copy of the tensor's values as float32, in row-major order. */
    public static float[] floats(Tensor t) {
        return read(t, ScalarType.Float, c -> {
            float[] out = new float[(int) c.numel()];
            ((FloatBuffer) c.createBuffer()).get(out);
            return out;
        });
    }

    /** A copy of the tensor's values as float64, in row-major order. */
    public static double[] doubles(Tensor t) {
        return read(t, ScalarType.Double, c -> {
            double[] out = new double[(int) c.numel()];
            ((java.nio.DoubleBuffer) c.createBuffer()).get(out);
            return out;
        });
    }

    /** A copy of the tensor's values as int64, in row-major order. */
    public static long[] longs(Tensor t) {
        return read(t, ScalarType.Long, c -> {
            long[] out = new long[(int) c.numel()];
            ((java.nio.LongBuffer) c.createBuffer()).get(out);
            return out;
        });
    }

    /** A copy of the tensor's values as int32, in row-major order. */
    public static int[] ints(Tensor t) {
        return read(t, ScalarType.Int, c -> {
            int[] out = new int[(int) c.numel()];
            ((java.nio.IntBuffer) c.createBuffer()).get(out);
            return out;
        });
    }

    /** {@code copy} applied to {@code t} as a contiguous host tensor of {@code type}. */
    private static <R> R read(Tensor t, ScalarType type, java.util.function.Function<Tensor, R> copy) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            return copy.apply(Placement.host(t.detach().to(type)).contiguous());
        }
    }

    /** The value of a one-element tensor. */
    public static double value(Tensor t) {
        return t.item_double();
    }

    public static boolean isFloat(Tensor t) {
        return t.scalar_type().intern() == ScalarType.Float;
    }

    /** Whether every value is finite (no NaN or infinity). */
    public static boolean allFinite(Tensor t) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            return torch.isfinite(t).all().item_bool();
        }
    }

    /**
     * A new native scalar; inside a {@link Scope} it is freed with the scope. Cache one that a hot loop uses
     * outside any scope (a {@code static final} constant) rather than making it per call.
     */
    public static Scalar s(double v) {
        return new Scalar(v);
    }

    /** An integral native scalar (as {@code new Scalar(long)}: integer tensors keep their type). */
    public static Scalar s(long v) {
        return new Scalar(v);
    }

    public static String shapeString(Tensor t) {
        return Arrays.toString(t.shape());
    }
}

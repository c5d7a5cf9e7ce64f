package org.gan4j.torch;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.pytorch.AbstractTensor;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Moving numbers between Java arrays and tensors, and small conveniences the rest of the code shares. */
public final class Tensors {

    private Tensors() {}

    /** A float32 CPU tensor holding a copy of {@code data}. */
    public static Tensor of(float[] data, long... shape) {
        Engine.init();
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
        return AbstractTensor.create(data, shape);
    }

    /** A float32 scalar tensor (0-dim). */
    public static Tensor scalar(double v) {
        Engine.init();
        return torch.scalar_tensor(new Scalar(v));
    }

    /** A copy of the tensor's values as float32, in row-major order. */
    public static float[] floats(Tensor t) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor c = t.detach().to(ScalarType.Float).contiguous();
            FloatBuffer buf = c.createBuffer();
            float[] out = new float[(int) c.numel()];
            buf.get(out);
            return out;
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

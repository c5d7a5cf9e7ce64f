package org.gan4j.torch;

import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Mixed precision ({@code --amp}, off by default): libtorch's autocast on the current device, to bfloat16.
 *
 * <p>Inside autocast, convolutions and matrix products run in bfloat16 and the ops that need range (losses,
 * softmax, norms, exp/log) in float32, by libtorch's own per-op lists; parameters, gradients and optimiser states
 * stay float32. bfloat16 has float32's exponent range, so no loss scaling is needed (float16 would need it, and
 * libtorch's C++ API has no GradScaler: gan4j does not offer it).
 *
 * <p>Autocast is a per-thread setting in libtorch: {@link #applyToThisThread()} runs on every thread that computes
 * (the CLI's and each {@link Lanes} helper). Its cast cache is off: gan4j updates parameters in place between
 * forwards without leaving autocast, where a cached bfloat16 copy would go stale.
 */
public final class Autocast {

    private static volatile boolean enabled;

    private Autocast() {}

    /** Turns mixed precision on or off for the process (and the calling thread). */
    public static void enable(boolean on) {
        Engine.init();
        enabled = on;
        applyToThisThread();
    }

    /** Whether mixed precision is on. */
    public static boolean enabled() {
        return enabled;
    }

    /** Gives the calling thread the process's setting, for the current device. */
    static void applyToThisThread() {
        boolean on = enabled;
        if (!on && !torch.is_autocast_enabled(DeviceType.CPU) && !torch.is_autocast_enabled(DeviceType.CUDA)) {
            return;
        }
        DeviceType type = Placement.current().kind() == Device.Kind.CUDA ? DeviceType.CUDA : DeviceType.CPU;
        torch.set_autocast_cache_enabled(false);
        torch.set_autocast_enabled(DeviceType.CPU, on && type == DeviceType.CPU);
        torch.set_autocast_enabled(DeviceType.CUDA, on && type == DeviceType.CUDA);
        if (on) {
            torch.set_autocast_dtype(type, ScalarType.BFloat16);
        }
    }
}

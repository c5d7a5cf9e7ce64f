package org.gan4j.torch;

import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.gan4j.Gan4jException;

/**
 * Where gan4j makes its tensors: the one place that decides a device (set once per process by {@code --device},
 * CPU by default).
 *
 * <p>Every new tensor comes from the factories of {@link Tensors} (or a {@link Rng}), which make it on {@link
 * #current()}; everything computed from it stays there. Host data crosses only in this package: images, arrays
 * and checkpoints are read onto the device and copied back to the host to be written ({@link Tensors#floats},
 * {@link ImageTensors}, {@link PtFile}). An ArchUnit rule ({@code PlacementTest}) keeps libtorch's own factories and
 * devices out of the method packages.
 *
 * <p>Random numbers from a seeded {@link Rng} are drawn on the CPU and moved, so a seed gives the same draw on every
 * device; the global generator ({@link Tensors#randn}) draws on the device's own generator, as PyTorch does.
 */
public final class Placement {

    private static volatile Device current = Device.CPU;
    private static volatile org.bytedeco.pytorch.Device currentNative;

    private Placement() {}

    /** The device new tensors are made on. */
    public static Device current() {
        return current;
    }

    /** Whether new tensors are made on the CPU (the default). */
    public static boolean onCpu() {
        return current.kind() == Device.Kind.CPU;
    }

    /**
     * Makes new tensors on {@code device} from now on. A CUDA device that this build or machine lacks fails with
     * one line (before any tensor is made).
     */
    public static synchronized void use(Device device) {
        Engine.init();
        if (device.kind() == Device.Kind.CUDA) {
            check(device, torch.cuda_is_available() ? torch.cuda_device_count() : 0);
        }
        currentNative = device.kind() == Device.Kind.CPU ? null : device.toNative();
        current = device;
    }

    /** Runs {@code body} with new tensors made on {@code device}, then restores the previous device (tests). */
    public static void with(Device device, Runnable body) {
        Device before = current;
        use(device);
        try {
            body.run();
        } finally {
            use(before);
        }
    }

    /** Whether {@code device} exists when the machine has {@code cudaDevices} CUDA devices; one line if not. */
    static void check(Device device, int cudaDevices) {
        if (device.kind() != Device.Kind.CUDA) {
            return;
        }
        if (cudaDevices == 0) {
            throw Gan4jException.failed("--device " + device + ": no CUDA device is available to gan4j (it runs on "
                    + "libtorch's CPU natives, or no GPU is visible); a CUDA build is `mvn -Pcuda package`, see "
                    + "the README's section on GPUs");
        }
        if (device.index() >= cudaDevices) {
            throw Gan4jException.failed("--device " + device + ": this machine has " + cudaDevices + " CUDA device"
                    + (cudaDevices == 1 ? " (cuda:0)" : "s (cuda:0 to cuda:" + (cudaDevices - 1) + ")"));
        }
    }

    /** The device {@code t} lives on. */
    public static Device of(Tensor t) {
        return Device.parse(t.device().str().getString());
    }

    /** Options for a new tensor of type {@code type} on the current device. */
    static TensorOptions options(ScalarType type) {
        TensorOptions o = new TensorOptions(type);
        return onCpu() ? o : o.device(new DeviceOptional(currentNative));
    }

    /** {@code t} on the current device (itself when it is there already; a host tensor is copied there). */
    static Tensor place(Tensor t) {
        return onCpu() ? t : t.to(currentNative, t.scalar_type());
    }

    /** {@code t} on the host (itself when it is there): before reading its values from Java. */
    static Tensor host(Tensor t) {
        return t.is_cpu() ? t : t.cpu();
    }
}

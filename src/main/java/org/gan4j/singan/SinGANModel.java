package org.gan4j.singan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gan4j.Gan4jException;

/**
 * A trained (or partly trained) SinGAN: the configuration, the recomputed scale factor r and the trained scales,
 * coarsest first. It owns its scales' networks and frees them in {@link #close()}.
 */
public final class SinGANModel implements AutoCloseable {

    private final SinGANConfig config;
    private final double scaleFactor;
    private final List<Scale> scales = new ArrayList<>();

    public SinGANModel(SinGANConfig config, double scaleFactor) {
        this.config = config;
        this.scaleFactor = scaleFactor;
    }

    public SinGANConfig config() {
        return config;
    }

    /** r: the factor between consecutive scales (upsampling uses 1/r). */
    public double scaleFactor() {
        return scaleFactor;
    }

    public List<Scale> scales() {
        return Collections.unmodifiableList(scales);
    }

    public Scale scale(int n) {
        return scales.get(n);
    }

    public int size() {
        return scales.size();
    }

    /** Index of the finest trained scale. */
    public int finest() {
        return scales.size() - 1;
    }

    void add(Scale s) {
        s.g().eval();
        s.g().requiresGrad(false);
        s.d().eval();
        s.d().requiresGrad(false);
        scales.add(s);
    }

    void replace(int n, Scale s) {
        s.g().eval();
        s.g().requiresGrad(false);
        s.d().eval();
        s.d().requiresGrad(false);
        scales.set(n, s);
    }

    /** Checks a user-given scale index, naming the valid range in the error. */
    public int checkScale(int n, int lowest, String flag) {
        if (n < lowest || n > finest()) {
            throw new Gan4jException(flag + " " + n + " is out of range: this model has scales 0.." + finest()
                    + (lowest > 0 ? ", and " + flag + " must be between " + lowest + " and " + finest() : ""));
        }
        return n;
    }

    /**
     * Frees every scale's generator and critic. Models that share scales (the result of
     * {@link PaintToImage#fineTune} shares the untouched ones with its input) are closed by whoever owns the scales.
     */
    @Override
    public void close() {
        for (Scale s : scales) {
            s.g().close();
            s.d().close();
        }
    }
}

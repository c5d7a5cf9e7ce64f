package org.gan4j.singan.consingan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;

/**
 * A trained (or partly trained) ConSinGAN: the configuration, the real image at every planned stage, the growing
 * generator, the newest critic, and per trained stage its fixed (reconstruction) noise and noise amplitude σ_n, as
 * the official run directory's G.pth, netD.pth, fixed_noise.pth, noise_amp.pth and reals.pth. It owns its
 * networks and frees them in {@link #close()}.
 */
public final class ConSinGANModel implements AutoCloseable {

    private final ConSinGANConfig config;
    private final double scaleFactor;
    private final List<Tensor> reals; // x_0..x_{N-1}, [1,3,H_n,W_n], every planned stage
    private final List<Tensor> fixedNoise = new ArrayList<>();
    private final List<Double> noiseAmp = new ArrayList<>();
    private GrowingGenerator generator; // null before the first stage
    private Discriminator critic;

    /**
     * @param config      the run's configuration
     * @param scaleFactor r of the pyramid
     * @param reals       the real image at every planned stage, coarsest first
     */
    public ConSinGANModel(ConSinGANConfig config, double scaleFactor, List<Tensor> reals) {
        this.config = config;
        this.scaleFactor = scaleFactor;
        this.reals = List.copyOf(reals);
    }

    public ConSinGANConfig config() {
        return config;
    }

    public double scaleFactor() {
        return scaleFactor;
    }

    public List<Tensor> reals() {
        return reals;
    }

    /** Stages trained (or in training): the generator's stages, 0 before the first. */
    public int stages() {
        return fixedNoise.size();
    }

    /** Index of the finest stage the generator has. */
    public int finest() {
        return stages() - 1;
    }

    public GrowingGenerator generator() {
        return generator;
    }

    public Discriminator critic() {
        return critic;
    }

    public List<Tensor> fixedNoise() {
        return Collections.unmodifiableList(fixedNoise);
    }

    public double[] noiseAmp() {
        return noiseAmp.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** H_n of every planned stage. */
    public int[] heights() {
        return reals.stream().mapToInt(r -> (int) r.size(2)).toArray();
    }

    /** W_n of every planned stage. */
    public int[] widths() {
        return reals.stream().mapToInt(r -> (int) r.size(3)).toArray();
    }

    void setNetworks(GrowingGenerator g, Discriminator d) {
        this.generator = g;
        this.critic = d;
    }

    /** Appends a stage's fixed noise and σ (the generator must already have grown the stage). */
    void addStage(Tensor zOpt, double amp) {
        fixedNoise.add(zOpt);
        noiseAmp.add(amp);
    }

    void setNoiseAmp(int n, double amp) {
        noiseAmp.set(n, amp);
    }

    /** Checks a user-given stage index, naming the valid range in the error. */
    public int checkStage(int n, String flag) {
        if (n < 0 || n > finest()) {
            throw new Gan4jException(flag + " " + n + " is out of range: this model has stages 0.." + finest());
        }
        return n;
    }

    @Override
    public void close() {
        if (generator != null) {
            generator.close();
            critic.close();
        }
    }
}

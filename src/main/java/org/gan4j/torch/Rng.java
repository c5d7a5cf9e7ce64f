package org.gan4j.torch;

import java.util.Random;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * A seeded libtorch random generator of its own, and the seed derivations that give every random draw of a
 * training step a stream named by (seed, stage, iteration, stream), so that any lane schedule and a resumed run
 * draw the same numbers.
 */
// The three derivations are SplitMix64's finaliser over different linear mixes of the coordinates; they stay
// apart because runs in progress and the fixed-seed fixtures depend on each one's exact numbers.
public final class Rng {

    /** Streams per iteration in {@link #stageSeed}: iteration i owns the slots [64·i, 64·i + 64). */
    public static final int STREAMS_PER_ITERATION = 64;

    private final Generator gen;

    private Rng(Generator gen) {
        this.gen = gen;
    }

    /** libtorch's CPU generator (mt19937) seeded with {@code seed}. */
    public static Rng seeded(long seed) {
        Engine.init();
        return new Rng(torch.make_generator_cpu(seed));
    }

    /** A generator for {@link #stageSeed}(seed, stage, iteration, stream). */
    public static Rng forStage(long seed, long stage, long iteration, int stream) {
        return seeded(stageSeed(seed, stage, iteration, stream));
    }

    /** A generator for {@link #iterationSeed}(seed, iteration, stream). */
    public static Rng forIteration(long seed, long iteration, int stream) {
        return seeded(iterationSeed(seed, iteration, stream));
    }

    /**
     * The seed of a multi-stage run's stream (SinGAN: stage = scale): stage and the slot
     * iteration·64 + stream, so a stage has 64 streams per iteration; slot −1 (iteration 0, stream −1) comes
     * before them all. Non-negative.
     */
    public static long stageSeed(long seed, long stage, long iteration, int stream) {
        return splitMix(seed, stage, iteration * STREAMS_PER_ITERATION + stream + 1) & Long.MAX_VALUE;
    }

    /** The seed of a one-stage run's stream (StyleGAN2): (iteration, stream), both from −1 up. Non-negative. */
    public static long iterationSeed(long seed, long iteration, long stream) {
        return splitMix(seed, iteration + 1, stream + 1) & Long.MAX_VALUE;
    }

    /**
     * A {@code java.util.Random} for (seed, index, stream), for choices made in Java (the data order and flips):
     * SplitMix64 of seed, index + 1 and stream.
     */
    public static Random javaRandom(long seed, long index, long stream) {
        return new Random(splitMix(seed, index + 1, stream));
    }

    /** SplitMix64's finaliser over seed·φ + a·c₁ + b·c₂, so that nearby coordinates give unrelated seeds. */
    private static long splitMix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // The generator is a CPU one: draws are made on the host and moved to the current device, so that a seed
    // gives the same numbers on every device.

    /** N(0, 1) of the given shape (float32). */
    public Tensor randn(long... shape) {
        return Placement.place(torch.randn(shape, optional()));
    }

    /** U[0, 1) of the given shape (float32). */
    public Tensor rand(long... shape) {
        return Placement.place(torch.rand(shape, optional()));
    }

    /** N(mean, std²) of the given shape, drawn in float64 (whose kernel gives the same bits on every CPU). */
    public Tensor normal64(double mean, double std, long... shape) {
        Tensor t = torch.empty(shape, new TensorOptions(torch.ScalarType.Double), new org.bytedeco.pytorch.MemoryFormatOptional());
        try (NoGrad ng = new NoGrad()) {
            t.normal_(mean, std, optional());
        }
        return Placement.place(t);
    }

    /** One U[0, 1) number. */
    public double uniform() {
        return torch.rand(new long[] {1}, optional()).item_double();
    }

    /** Integers in [0, high) of the given shape (int64). */
    public Tensor randint(long high, long... shape) {
        return Placement.place(torch.randint(high, shape, optional(), new TensorOptions(torch.ScalarType.Long)));
    }

    /** A random permutation of 0..n-1 (int64). */
    public Tensor randperm(long n) {
        return Placement.place(torch.randperm(n, optional(), new TensorOptions(torch.ScalarType.Long)));
    }

    /** This generator for a libtorch call that takes one. */
    public GeneratorOptional optional() {
        return new GeneratorOptional(gen);
    }
}

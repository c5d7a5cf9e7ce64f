package org.gan4j.gangealing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gan4j.Gan4jException;

/**
 * GANgealing's schedules ({@code utils/annealing.py}): ψ annealed from 1 to 0 over the first {@code annealPsi}
 * iterations (cosine or linear), then held at 0 while the learning rates follow decaying cosine warm restarts
 * (SGDR with period T_0 = 1 "epoch" of {@code period} iterations, T_mult = 2, each restart's peak ×{@code decay}).
 */
public final class Annealing {

    /** How ψ falls from 1 to 0. */
    public enum Psi {
        COSINE, LINEAR;

        public static Psi parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "cosine" -> COSINE;
                case "linear" -> LINEAR;
                default -> throw new Gan4jException("--anneal-fn must be cosine or linear, got '" + s + "'");
            };
        }
    }

    private Annealing() {}

    /** ψ at iteration i (1-based, as train.py): annealed while i ≤ annealPsi, then 0. */
    public static double psi(Psi fn, long i, long annealPsi) {
        if (i > annealPsi) {
            return 0;
        }
        return switch (fn) {
            // cosine_anneal in float32 as torch computes it: 0.5·(1 + cos(π i / n))
            case COSINE -> (float) (0.5 * (1 + (float) Math.cos((float) (Math.PI * i / annealPsi))));
            case LINEAR -> (float) (1.0 - i * 1.0 / annealPsi);
        };
    }

    /**
     * The learning-rate factor ({@code DecayingCosineAnnealingWarmRestarts.step(epoch)} with T_0 = 1, T_mult = tm,
     * η_min = 0) at iteration i, relative to the base rate: 1 until ψ reaches 0, then
     * decay^n · (1 + cos(π·T_cur/T_n))/2 with epoch e = (i − annealPsi)/period, n = ⌊log_tm(e·(tm − 1) + 1)⌋,
     * T_cur = e − (tm^n − 1)/(tm − 1), T_n = tm^n.
     */
    public static double lrFactor(long i, long annealPsi, double period, int tm, double decay) {
        if (i <= annealPsi) {
            return 1;
        }
        double epoch = Math.max(0, (i - annealPsi) / period);
        int n;
        double tCur;
        double tI;
        if (epoch >= 1) {
            if (tm == 1) {
                tCur = epoch % 1;
                n = (int) Math.floor(epoch);
                tI = 1;
            } else {
                n = (int) (Math.log(epoch * (tm - 1) + 1) / Math.log(tm));
                tCur = epoch - (Math.pow(tm, n) - 1) / (tm - 1);
                tI = Math.pow(tm, n);
            }
        } else {
            n = 0;
            tCur = epoch;
            tI = 1;
        }
        return Math.pow(decay, n) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
    }

    /** The iterations at which the learning rate reaches 0 ({@code lr_cycle_iters}); checkpoints are kept there. */
    public static List<Long> zeroLrIters(long annealPsi, double period, long iters, int tm) {
        List<Long> out = new ArrayList<>();
        out.add(annealPsi - 1);
        if (iters <= annealPsi) {
            return out;
        }
        int cycles = (int) (Math.log((iters - annealPsi) / period) / Math.log(tm));
        double last = annealPsi - 1;
        for (int k = 0; k < cycles; k++) {
            last = (long) (last + period * Math.pow(tm, k));
            out.add((long) last);
        }
        return out;
    }
}

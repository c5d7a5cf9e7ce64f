package org.gan4j.gangealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.gan4j.train.RunDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lengthening a run: the cycle ends of its cosine schedule, and config.json rewritten with the schedule kept. */
class ScheduleExtensionTest {

    @TempDir
    Path tmp;

    /** The shipped model's schedule: ψ over 3,600 iterations, a first period of 1,200, doubling. */
    private static GangealingConfig shipped() {
        GangealingConfig fast = GangealingConfig.fast(64, 1);
        return fast.withSchedule(12_000, 3_600, 1_200);
    }

    @Test
    void cyclesEndWhereTheLearningRateReachesZero() {
        GangealingConfig c = shipped();
        // by hand: 3,600 + 1,200·(1), ·(1+2), ·(1+2+4), ·(1+2+4+8)
        assertThat(GangealingTraining.cycleEnds(c, 21_600)).containsExactly(4_800L, 7_200L, 12_000L, 21_600L);
        for (long end : GangealingTraining.cycleEnds(c, 21_600)) {
            // the last step of a cycle (0-based end − 1) runs at ~0, the next one restarts high
            assertThat(Annealing.lrFactor(end - 1, c.annealPsi(), c.period(), c.tm(), c.decay())).isLessThan(1e-4);
            assertThat(Annealing.lrFactor(end, c.annealPsi(), c.period(), c.tm(), c.decay())).isGreaterThan(0.5);
        }
    }

    @Test
    void shortCyclesThatNeverSettleAreNotOffered() {
        // ψ over 1 step, periods of 1, 2, 4, 8 steps: the last steps run at 0.45, 0.12, 0.028 of the base rate
        GangealingConfig coarse = GangealingConfig.fast(64, 1).withSchedule(8, 1, 1);
        assertThat(GangealingTraining.cycleEnds(coarse, 16)).isEmpty();
        assertThat(Annealing.lrFactor(7, 1, 1, 2, 0.9)).isCloseTo(0.81 * (1 + Math.cos(3 * Math.PI / 4)) / 2,
                org.assertj.core.data.Offset.offset(1e-12));
        // periods of 64 steps and more settle: the first cycle to end under 10⁻³ is the one of 64 steps, at 1 + 127
        assertThat(GangealingTraining.cycleEnds(coarse, 1000)).first().isEqualTo(128L);
    }

    @Test
    void extendingKeepsTheScheduleAndRefusesToShorten() {
        RunDir run = RunDir.create(GangealingMethod.NAME, tmp.resolve("run"));
        GangealingConfig c = shipped();
        run.writeConfig(new GangealingRun(c, "builtin:faces", null, 8));

        assertThat(GangealingTraining.extend(run, 21_600)).isEqualTo(12_000);
        GangealingConfig longer = run.readConfig(GangealingRun.class).config();
        assertThat(longer.iters()).isEqualTo(21_600);
        assertThat(longer).isEqualTo(c.withSchedule(21_600, c.annealPsi(), c.period()));

        assertThatThrownBy(() -> GangealingTraining.extend(run, 21_600)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("does not lengthen").hasMessageContaining("21600 iterations");
    }
}

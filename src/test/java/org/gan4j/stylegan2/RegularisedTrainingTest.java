package org.gan4j.stylegan2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.gan4j.data.Batches;
import org.gan4j.loss.LatentPenalty;
import org.gan4j.loss.Reduction;
import org.gan4j.loss.Regulariser;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.Scope;
import org.gan4j.train.RunDir;
import org.gan4j.train.TinyTrainer;
import org.gan4j.train.Trainer;
import org.gan4j.train.TrainerContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stylegan2 train --reg}: OroJaR and the Hessian Penalty on z, logged, and a regularised run still resumes exactly. */
class RegularisedTrainingTest {

    @TempDir
    Path tmp;

    static Stylegan2Trainer trainer(Stylegan2Config c, LatentPenalty reg, Stylegan2Checkpoint ck, int lanes) {
        return new Stylegan2Trainer(c, new Batches(TinyTraining.DATA, c.batch(), c.seed(), true), ck, new Lanes(lanes, 1), 4, reg);
    }

    @Test
    void bothRegularisersRunAndAreLogged() {
        Stylegan2Config c = TinyTraining.config(2, 4);
        for (Regulariser r : new Regulariser[] {Regulariser.OROJAR, Regulariser.HESSIAN}) {
            try (Scope s = new Scope(); Stylegan2Trainer t = trainer(c, new LatentPenalty(r, 0.01, 2, 0.1, Reduction.MAX, 2),
                    null, 1)) {
                Map<String, Double> m = t.step(0, 0);
                assertThat(m.get("reg")).as(r.toString()).isPositive().isFinite();
            }
        }
    }

    @Test
    void theRegulariserMovesTheGenerator() {
        // the same step with and without the regulariser: only the extra generator update may differ
        Stylegan2Config c = TinyTraining.config(2, 4);
        try (Scope s = new Scope(); Stylegan2Trainer plain = trainer(c, LatentPenalty.none(), null, 1);
                Stylegan2Trainer reg = trainer(c, new LatentPenalty(Regulariser.OROJAR, 1.0, 2, 0.1, Reduction.MAX, 1),
                        null, 1)) {
            plain.step(0, 0);
            reg.step(0, 0);
            String key = "conv1.conv.weight";
            double diff = plain.g().stateDict().get(key).sub(reg.g().stateDict().get(key)).abs().max()
                    .item_double();
            assertThat(diff).isPositive();
            assertThat(plain.d().stateDict().get("convs.0.0.weight")
                    .equal(reg.d().stateDict().get("convs.0.0.weight"))).isTrue();
        }
    }

    @Test
    void trainerContractWithOrojar() throws Exception {
        Stylegan2Config c = TinyTraining.config(4, 9);
        LatentPenalty reg = new LatentPenalty(Regulariser.OROJAR, 0.01, 2, 0.1, Reduction.MAX, 2);
        TinyTrainer kit = new TinyTrainer() {
            @Override
            public String method() {
                return Stylegan2Training.METHOD;
            }

            @Override
            public Trainer fresh(RunDir run, int lanes) {
                run.writeConfig(new TrainingRun(c, "builtin:landscapes", true, 4, reg));
                return trainer(c, reg, null, lanes);
            }

            @Override
            public Restored restore(RunDir run, Path checkpoint, int lanes) {
                Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(checkpoint);
                return new Restored(trainer(c, reg, ck, lanes), new Position(0, Stylegan2Trainer.position(ck)));
            }
        };
        TrainerContract.check(kit, TinyTraining.loop(2), new TinyTrainer.Position(0, 3), tmp);
    }
}

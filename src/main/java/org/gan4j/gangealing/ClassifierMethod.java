package org.gan4j.gangealing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gan4j.Gan4jException;
import org.gan4j.models.ShippedModel;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.PtFile;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Method;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.Start;
import org.gan4j.train.TrainLoop;

/** The cluster classifier as a {@link Method}: the generator and loss come from the GANgealing run it serves. */
public final class ClassifierMethod implements Method<ClassifierRun, ClassifierTrainer> {

    public static final String NAME = "gangealing-classifier";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<ClassifierRun> configType() {
        return ClassifierRun.class;
    }

    @Override
    public ClassifierTrainer newTrainer(ClassifierRun spec, RunDir run, Lanes lanes) {
        return trainer(spec, null, lanes);
    }

    @Override
    public Start<ClassifierTrainer> resume(ClassifierRun spec, RunDir run, Path checkpoint, Lanes lanes) {
        @SuppressWarnings("unchecked")
        Map<String, Object> saved = (Map<String, Object>) PtFile.load(checkpoint);
        ClassifierTrainer t = trainer(spec, saved, lanes);
        return new Start<>(t, 0, ((Number) saved.get("iter")).longValue());
    }

    private static ClassifierTrainer trainer(ClassifierRun spec, Map<String, Object> saved, Lanes lanes) {
        Path dir = Path.of(spec.congealing());
        Path model = dir.resolve(GangealingModel.CHECKPOINT);
        if (!Files.exists(dir.resolve("config.json")) || !Files.exists(model)) {
            throw new Gan4jException(dir + " is not a finished gan4j GANgealing run (it needs config.json and "
                    + GangealingModel.CHECKPOINT + ")");
        }
        GangealingRun g = RunDir.open(dir, GangealingMethod.NAME).readConfig(GangealingRun.class);
        if (g.config().heads() == 1 && !g.config().flips()) {
            throw new Gan4jException(dir + " congeals with one head and no flips: there is nothing to classify");
        }
        Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(ShippedModel.FACES_STYLEGAN2.orFile(Path.of(g.model())));
        return new ClassifierTrainer(spec, g.config(), ck.gEma(), GangealingMethod.distance(g, ck),
                GangealingCheckpoint.load(model), saved, lanes.count() * lanes.intraThreads());
    }

    @Override
    public List<String> outputs() {
        return List.of(GangealingModel.CHECKPOINT);
    }

    /** Trains a new classifier run in {@code run}. */
    public static Path train(ClassifierRun spec, RunDir run, Progress progress) {
        return new TrainLoop(run, LoopOptions.defaults(), progress).train(new ClassifierMethod(), spec, t -> run.dir());
    }

    /** Continues a killed classifier run. */
    public static Path resume(Path runDir, Progress progress) {
        RunDir run = RunDir.open(runDir, NAME);
        return new TrainLoop(run, LoopOptions.defaults(), progress).resume(new ClassifierMethod(), t -> run.dir());
    }
}

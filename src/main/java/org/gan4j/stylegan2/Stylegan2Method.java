package org.gan4j.stylegan2;

import java.nio.file.Path;
import java.util.List;
import org.gan4j.data.Batches;
import org.gan4j.data.ImageDataset;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.dist.World;
import org.gan4j.train.Method;
import org.gan4j.train.RunDir;
import org.gan4j.train.Start;

/**
 * StyleGAN2 as a {@link Method}: its configuration is a {@link TrainingRun}, its checkpoint rosinality's layout
 * plus gan4j's position, and its trainer declares the generator's EMA (g → g_ema) for the loop to update.
 */
public final class Stylegan2Method implements Method<TrainingRun, Stylegan2Trainer> {

    /** The method's name in run directories and on the command line. */
    public static final String NAME = "stylegan2";

    private final ImageDataset data; // already opened, or null: opened from the run's configuration
    private final World world;

    /**
     * @param data the training images, already opened (so that bad data fails before a run directory exists), or
     *             null to open what the configuration names
     */
    public Stylegan2Method(ImageDataset data) {
        this(data, World.single());
    }

    /** @param world the job's processes: each trainer reads its shard of every batch and averages gradients */
    public Stylegan2Method(ImageDataset data, World world) {
        this.data = data;
        this.world = world;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<TrainingRun> configType() {
        return TrainingRun.class;
    }

    @Override
    public Stylegan2Trainer newTrainer(TrainingRun spec, RunDir run, Lanes lanes) {
        Stylegan2Trainer t = trainer(spec, null, lanes);
        if (spec.init() != null) {
            Path file = Path.of(spec.init());
            try (Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(file)) {
                t.startFrom(ck, file.toString());
            } catch (RuntimeException e) {
                t.close();
                throw e;
            }
        }
        return t;
    }

    @Override
    public Start<Stylegan2Trainer> resume(TrainingRun spec, RunDir run, Path checkpoint, Lanes lanes) {
        Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(checkpoint);
        long at = Math.min(Stylegan2Trainer.position(ck), spec.config().iters());
        return new Start<>(trainer(spec, ck, lanes), 0, at);
    }

    @Override
    public List<String> outputs() {
        return List.of();
    }

    private Stylegan2Trainer trainer(TrainingRun spec, Stylegan2Checkpoint ck, Lanes lanes) {
        Stylegan2Config c = spec.config();
        ImageDataset images = data != null ? data : Stylegan2Training.open(spec);
        Stylegan2Trainer.checkWorld(c, spec.reg(), world.size());
        Batches batches = new Batches(images, c.batch(), c.seed(), spec.flip(), world.shard());
        return new Stylegan2Trainer(c, batches, ck, lanes, spec.sampleCount(), spec.reg(), world);
    }
}

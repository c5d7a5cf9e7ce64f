package org.gan4j.spade;

import java.nio.file.Path;
import java.util.List;
import org.gan4j.data.SceneDataset;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.dist.World;
import org.gan4j.train.Method;
import org.gan4j.train.RunDir;
import org.gan4j.train.Start;

/**
 * SPADE as a {@link Method}: a run keeps the label palette ({@code palette.json}); training ends with the
 * official-layout model files ({@code latest_net_G.pth}, {@code _D}, {@code _E}); a checkpoint holds the three
 * networks, both Adam states and the next iteration.
 */
public final class SpadeMethod implements Method<SpadeRun, SpadeTrainer> {

    /** The method's name in run directories and on the command line. */
    public static final String NAME = "spade";

    private final SceneDataset data;
    private final int sampleCount;
    private final World world;

    /**
     * @param data        the training pairs (opened and validated already)
     * @param sampleCount label maps per sample grid
     */
    public SpadeMethod(SceneDataset data, int sampleCount) {
        this(data, sampleCount, World.single());
    }

    /**
     * @param data  the training pairs, or null to open those the run's config.json names (a following rank, which
     *              may read it only once rank 0 has written it)
     * @param world the job's processes: each trainer takes its rows of every batch and averages gradients
     */
    public SpadeMethod(SceneDataset data, int sampleCount, World world) {
        this.data = data;
        this.sampleCount = sampleCount;
        this.world = world;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<SpadeRun> configType() {
        return SpadeRun.class;
    }

    @Override
    public SpadeTrainer newTrainer(SpadeRun spec, RunDir run, Lanes lanes) {
        SceneDataset d = data(spec);
        if (world.leader()) {
            d.palette().write(run.path(SpadeModel.PALETTE_JSON));
        }
        return new SpadeTrainer(spec.config(), d, null, sampleCount, threads(lanes), world);
    }

    @Override
    public Start<SpadeTrainer> resume(SpadeRun spec, RunDir run, Path checkpoint, Lanes lanes) {
        SpadeCheckpoint ck = SpadeCheckpoint.load(checkpoint);
        SpadeTrainer t = new SpadeTrainer(spec.config(), data(spec), new SpadeTrainer.SpadeCheckpointFile(ck, checkpoint), sampleCount,
                threads(lanes), world);
        return new Start<>(t, 0, ck.iter());
    }

    private SceneDataset data(SpadeRun spec) {
        return data != null ? data : SpadeTraining.open(spec);
    }

    /** One thread of work with the whole budget: SPADE's step does not split into lanes yet. */
    private static int threads(Lanes lanes) {
        return lanes.count() * lanes.intraThreads();
    }

    @Override
    public List<String> outputs() {
        return List.of(SpadeModel.PALETTE_JSON, SpadeModel.NET_G, SpadeModel.NET_D);
    }
}

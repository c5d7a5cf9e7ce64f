package org.gan4j.cocosnet;

import java.nio.file.Path;
import java.util.List;
import org.gan4j.data.SceneDataset;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.dist.World;
import org.gan4j.train.Method;
import org.gan4j.train.RunDir;
import org.gan4j.train.Start;

/**
 * CoCosNet as a {@link Method}: a label-map run keeps the label palette; training ends with the official-layout model files
 * ({@code latest_net_Corr.pth}, {@code latest_net_G.pth}, {@code latest_net_D.pth}); a checkpoint holds the three
 * networks, both Adam states and the next iteration.
 */
public final class CocosMethod implements Method<CocosRun, CocosTrainer> {

    /** The method's name in run directories and on the command line. */
    public static final String NAME = "cocosnet";

    private SceneDataset data;
    private Exemplars exemplars;
    private final int sampleCount;
    private final InputKind input;
    private final World world;

    /** @param input the run's input maps (an edges run keeps no palette) */
    public CocosMethod(SceneDataset data, Exemplars exemplars, int sampleCount, InputKind input) {
        this(data, exemplars, sampleCount, input, World.single());
    }

    /**
     * @param data      the training pairs, or null to open those the run's config.json names (a following rank,
     *                  which may read it only once rank 0 has written it), with their exemplars
     * @param exemplars the pairs' retrieved exemplars (null with null data)
     * @param world     the job's processes: each trainer takes its rows of every batch and averages gradients
     */
    public CocosMethod(SceneDataset data, Exemplars exemplars, int sampleCount, InputKind input, World world) {
        this.data = data;
        this.exemplars = exemplars;
        this.sampleCount = sampleCount;
        this.input = input;
        this.world = world;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<CocosRun> configType() {
        return CocosRun.class;
    }

    @Override
    public CocosTrainer newTrainer(CocosRun spec, RunDir run, Lanes lanes) {
        open(spec);
        if (spec.config().input() == InputKind.LABELS && world.leader()) {
            data.palette().write(run.path(CocosModel.PALETTE_JSON));
        }
        return new CocosTrainer(spec.config(), data, exemplars, null, sampleCount, lanes.count() * lanes.intraThreads(),
                world);
    }

    @Override
    public Start<CocosTrainer> resume(CocosRun spec, RunDir run, Path checkpoint, Lanes lanes) {
        open(spec);
        CocosCheckpoint ck = CocosCheckpoint.load(checkpoint);
        CocosTrainer t = new CocosTrainer(spec.config(), data, exemplars, new CocosCheckpoint.Read(ck, checkpoint),
                sampleCount, lanes.count() * lanes.intraThreads(), world);
        return new Start<>(t, 0, ck.iter());
    }

    /** Opens the pairs {@code spec} names and retrieves their exemplars, unless given. */
    private void open(CocosRun spec) {
        if (data == null) {
            data = CocosTraining.open(spec);
            exemplars = CocosTraining.retrieve(data, spec.config(),
                    new org.gan4j.train.Progress(org.gan4j.train.Progress.Mode.OFF, System.err,
                            org.gan4j.train.Progress.DEFAULT_PLAIN_EVERY));
        }
    }

    @Override
    public List<String> outputs() {
        return input == InputKind.EDGES ? List.of(CocosModel.NET_CORR, CocosModel.NET_G, CocosModel.NET_D)
                : List.of(CocosModel.PALETTE_JSON, CocosModel.NET_CORR, CocosModel.NET_G, CocosModel.NET_D);
    }
}

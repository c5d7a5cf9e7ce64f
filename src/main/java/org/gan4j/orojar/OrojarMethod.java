package org.gan4j.orojar;

import java.nio.file.Path;
import java.util.List;
import org.gan4j.data.Dsprites;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.dist.World;
import org.gan4j.train.Method;
import org.gan4j.train.RunDir;
import org.gan4j.train.Start;

/** The dSprites GAN with a disentanglement regulariser as a {@link Method}; training ends with {@code latest_net_G.pth}. */
public final class OrojarMethod implements Method<OrojarRun, OrojarTrainer> {

    /** The method's name in run directories and on the command line. */
    public static final String NAME = "orojar";

    private final Dsprites data;
    private final World world;

    /** @param data the opened training set, or null to open {@code config.data()} */
    public OrojarMethod(Dsprites data) {
        this(data, World.single());
    }

    /** @param world the job's processes: each trainer takes its rows of every batch and averages gradients */
    public OrojarMethod(Dsprites data, World world) {
        this.data = data;
        this.world = world;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<OrojarRun> configType() {
        return OrojarRun.class;
    }

    private Dsprites data(OrojarRun spec) {
        return data != null ? data : Dsprites.open(spec.config().data());
    }

    @Override
    public OrojarTrainer newTrainer(OrojarRun spec, RunDir run, Lanes lanes) {
        return new OrojarTrainer(spec.config(), data(spec), null, lanes.count() * lanes.intraThreads(), world);
    }

    @Override
    public Start<OrojarTrainer> resume(OrojarRun spec, RunDir run, Path checkpoint, Lanes lanes) {
        OrojarCheckpoint saved = OrojarCheckpoint.load(checkpoint);
        OrojarTrainer t = new OrojarTrainer(spec.config(), data(spec), saved, lanes.count() * lanes.intraThreads(),
                world);
        return new Start<>(t, 0, saved.iter());
    }

    @Override
    public List<String> outputs() {
        return List.of(OrojarModel.GENERATOR);
    }
}

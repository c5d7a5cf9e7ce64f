package org.gan4j.stylegan2;

import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.gan4j.torch.dist.Launch;
import org.gan4j.torch.dist.World;
import org.gan4j.train.RunDir;

/**
 * One process of {@link DataParallelTest}'s job: {@code args = out iters [regularised]} trains {@link DataParallelTest#spec} on
 * {@link TinyTraining#DATA}, rank 0 in {@code out}, the others following it.
 */
public final class DataParallelChild {

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        long iters = Long.parseLong(args[1]);
        try (World world = World.join(Launch.fromEnvironment())) {
            TrainingRun spec = args.length > 2 && Boolean.parseBoolean(args[2]) ? DataParallelTest.regularised(iters)
                    : DataParallelTest.spec(iters);
            if (world.leader()) {
                RunDir run = RunDir.create(Stylegan2Training.METHOD, out);
                world.agree("run", run.dir().toString());
                Stylegan2Training.train(spec, TinyTraining.DATA, run, TinyTraining.quiet(), TinyTraining.loop(0), world);
            } else {
                RunDir run = RunDir.open(Path.of(world.agree("run", null)), Stylegan2Training.METHOD);
                Stylegan2Training.follow(TinyTraining.DATA, run, TinyTraining.loop(0), world);
            }
            System.out.println("done rank " + world.rank());
        } catch (Gan4jException e) {
            System.err.println("gan4j: " + e.getMessage());
            System.exit(e.exitCode());
        }
        System.exit(0);
    }
}

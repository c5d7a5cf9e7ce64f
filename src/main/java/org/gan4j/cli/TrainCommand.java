package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.dist.Launch;
import org.gan4j.torch.dist.World;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The skeleton of every method's {@code train} verb: {@code --out}, {@code --resume}, {@code --seed}, the engine
 * options, the "drop these flags with --resume" check, the dry run, progress and the final summary; a method's
 * subclass adds its own flags and maps them onto its configuration.
 *
 * <p>A new run: {@link #missingInput} → {@link #plan} (reads and checks the inputs, resolves the configuration;
 * nothing is written) → with {@code --dry-run}, {@link #printPlan} and exit → engine up → {@link #open} (what
 * needs the engine, still before the run directory exists) → run directory → {@link #announce} →
 * {@link #train} under a progress display → {@link #finish}. A resumed run: the check → engine up →
 * {@link #resume} under a progress display → {@link #finish}.
 *
 * <p>A method that trains data-parallel returns its {@code --nproc} from {@link #parallel()}: with it the command
 * either starts a local job of N processes of itself, or (torchrun's variables set) joins the job as its rank. Rank
 * 0 then does all of the above with {@link #world} set, and tells the others the run directory; they
 * {@link #follow} it, printing nothing.
 *
 * @param <P> the planned new run (configuration and opened inputs)
 * @param <R> what training returns to the summary (SinGAN: the model; StyleGAN2: the checkpoint)
 */
abstract class TrainCommand<P, R> implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default runs/${PARENT-COMMAND-NAME}-<timestamp>).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue a run from its last checkpoint.")
    Path resume;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: a fresh one, saved in config.json).")
    Long seed;

    /** Set by each subclass's {@code --dry-run} option, whose description says what its plan shows. */
    boolean dryRun;

    @Mixin
    EngineOptions engine = new EngineOptions();

    /** The job's processes while {@link #train}, {@link #resume} and {@link #follow} run (one unless data-parallel). */
    World world = World.single();

    /** The run directory, as rank 0 tells the other ranks. */
    private static final String RUN_KEY = "run";

    /** {@code --nproc} of a method that trains data-parallel, or null (the default: one process only). */
    DataParallelOptions parallel() {
        return null;
    }

    /** A rank other than 0 of a data-parallel job: the same steps on {@code run}, as rank 0 says (new or resumed). */
    void follow(RunDir run) {
        throw new IllegalStateException(method() + " does not train data-parallel");
    }

    /** The method's name in run directories, e.g. {@code singan}. */
    abstract String method();

    /** The flags of a new run that {@code --resume} refuses, besides {@code --seed}, in the order the message names them. */
    abstract List<String> newRunFlags();

    /** Whether any of {@link #newRunFlags()} was given. */
    abstract boolean newRunFlagGiven();

    /** The one-line error when a new run lacks its input (e.g. no {@code --image}), or null when it has it. */
    abstract String missingInput();

    /** Reads and checks the inputs and resolves the configuration, writing nothing. */
    abstract P plan();

    /** What {@code --dry-run} prints. */
    abstract void printPlan(PrintWriter out, P plan);

    /** Opens what the run needs once the engine is up, failing before the run directory exists; the plan by default. */
    P open(P plan) {
        return plan;
    }

    /** The line that says what is about to be trained, where. */
    abstract void announce(PrintWriter out, P plan, RunDir run);

    /** Trains the new run. */
    abstract R train(P plan, RunDir run, Progress progress);

    /** Continues {@code run} from its last checkpoint. */
    abstract R resume(RunDir run, Progress progress);

    /** What a method does to {@code run} before it is resumed (and before other ranks read it); nothing by default. */
    void beforeResume(PrintWriter out, RunDir run) {}

    /** The summary after training: what was written and how to use it. */
    abstract void finish(PrintWriter out, RunDir run, R result);

    /** {@code --seed}, or a fresh seed (saved in config.json). */
    long seedOrFresh() {
        return seed != null ? seed : Seeds.fresh();
    }

    /** A method's own way through the command (e.g. a folder of images), or null for the usual one. */
    Integer callSpecial(PrintWriter out) {
        return null;
    }

    @Override
    public final Integer call() {
        DataParallelOptions dp = parallel();
        Launch launch = Launch.fromEnvironment();
        boolean job = launch != null && launch.worldSize() > 1;
        if (job && dp == null) {
            throw new Gan4jException(Launch.WORLD_SIZE + " is " + launch.worldSize() + " but '" + method()
                    + " train' runs in one process so far (data-parallel: stylegan2, spade, cocosnet, gangealing, orojar,"
                    + " mystyle personalize); run it without a launcher");
        }
        if (dp != null && dp.startsLocalJob()) {
            checkResumeFlags();
            if (resume == null && missingInput() != null) {
                throw new Gan4jException(missingInput());
            }
            if (resume == null && dryRun) {
                printPlan(engine.out(), plan());
                return 0;
            }
            return dp.runLocalJob(engine.out(), engine.command.commandLine().getErr(), engine.threads != null);
        }
        if (!job) {
            return callAlone();
        }
        checkResumeFlags();
        engine.apply();
        try (World w = World.join(launch)) {
            world = w;
            if (!w.leader()) {
                follow(RunDir.open(java.nio.file.Path.of(w.agree(RUN_KEY, null)), method()));
                return 0;
            }
            return callAlone();
        } finally {
            world = World.single();
        }
    }

    private void checkResumeFlags() {
        if (resume != null && (newRunFlagGiven() || seed != null)) {
            throw new Gan4jException("--resume continues a run with its saved configuration; drop "
                    + String.join(", ", newRunFlags()) + " and --seed");
        }
    }

    /** One process, or rank 0 of a job (which announces the run directory to the others once it exists). */
    private Integer callAlone() {
        PrintWriter pw = engine.out();
        Integer special = callSpecial(pw);
        if (special != null) {
            return special;
        }
        if (resume != null) {
            checkResumeFlags();
            engine.apply();
            RunDir run = RunDir.open(resume, method());
            beforeResume(pw, run);
            world.agree(RUN_KEY, run.dir().toAbsolutePath().toString());
            pw.println("Resuming " + run.dir() + " from its last checkpoint.");
            R result;
            try (Progress progress = Progress.fromEnvironment()) {
                result = resume(run, progress);
            }
            finish(pw, run, result);
            return 0;
        }
        String missing = missingInput();
        if (missing != null) {
            throw new Gan4jException(missing);
        }
        P plan = plan();
        if (dryRun) {
            printPlan(pw, plan);
            return 0;
        }
        engine.apply();
        plan = open(plan);
        RunDir run = RunDir.create(method(), out);
        world.agree(RUN_KEY, run.dir().toAbsolutePath().toString());
        announce(pw, plan, run);
        R result;
        try (Progress progress = Progress.fromEnvironment()) {
            result = train(plan, run, progress);
        }
        finish(pw, run, result);
        return 0;
    }
}

package org.gan4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Engine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the {@code gan4j} command. */
@Command(name = "gan4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Controllable GAN image synthesis, editing and alignment on libtorch.",
        subcommands = {DemoCommand.class, SinganCommand.class, Stylegan2Command.class, SpadeCommand.class, CocosnetCommand.class, GangealingCommand.class, MystyleCommand.class, OrojarCommand.class, SefaCommand.class, ImportCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  gan4j demo                                     train SinGAN on the bundled image (fast preset)",
                "  gan4j singan train --image photo.png           train SinGAN on your own image",
                "  gan4j singan sample --model runs/singan-... --count 8 --scale-w 2",
                "  gan4j stylegan2 generate --model ckpt.pt --count 8 --truncation 0.7 --out samples/",
                "", "Run 'gan4j <command> --help' for a command's options and an example."})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors (for bug reports).")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command (see gan4j --help)");
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Runs the CLI in-process and returns the exit code (0 ok, 1 failed run, 2 bad usage). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)} with explicit output streams (for tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("gan4j: " + ex.getMessage());
            CommandLine c = ex.getCommandLine();
            err.println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return Gan4jException.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            boolean debug = parsed.originalArgs().contains("--debug");
            if (debug) {
                ex.printStackTrace(err);
            }
            if (ex instanceof Gan4jException g) {
                err.println("gan4j: " + g.getMessage());
                return g.exitCode();
            }
            err.println("gan4j: internal error: " + Engine.firstLine(ex)
                    + (debug ? "" : " (run again with --debug for details; please report it)"));
            return Gan4jException.FAILED;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/org/gan4j/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException ignored) {
                // fall through to "unknown"
            }
            return new String[] {"gan4j " + p.getProperty("version", "unknown")
                    + " (libtorch 2.10.0 via JavaCPP 1.5.13, Java " + System.getProperty("java.version") + ")"};
        }
    }
}

package org.gan4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gan4j mystyle ...}: a generator personalised to one person, and sampling, projection and editing in it. */
@Command(name = "mystyle", mixinStandardHelpOptions = true,
        description = "MyStyle (Nitzan et al., SIGGRAPH Asia 2022): personalise a StyleGAN2 to one person from an album;"
                + " sample, project (inpainting, super-resolution) and edit inside the album's personal space.",
        subcommands = {MystylePersonalize.class, MystyleSample.class, MystyleProject.class, MystyleEdit.class,
                MystyleControlEval.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  gan4j mystyle personalize --model builtin:faces --album builtin:faces:20000 --out runs/me",
                "  gan4j mystyle sample --model runs/me --count 16 --seed 1 --out samples/",
                "  gan4j mystyle project --model runs/me --image photo.png --mask hole.png --out filled/",
                "  gan4j mystyle edit --model runs/me --image photo.png --direction smile.npy --out edit/"})
final class MystyleCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "choose a verb: personalize, sample, project, edit (see gan4j mystyle --help)");
    }
}

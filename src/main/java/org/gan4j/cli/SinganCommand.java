package org.gan4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gan4j singan ...}: SinGAN on one image. */
@Command(name = "singan", mixinStandardHelpOptions = true,
        description = "SinGAN (Shaham et al., ICCV 2019): learn one image, then sample, upscale, paint, harmonize, edit and animate.",
        subcommands = {SinganTrain.class, SinganSample.class, CommandLine.HelpCommand.class},
        footer = {"", "Example:", "  gan4j singan train --image mountains.png --preset fast",
                "  gan4j singan sample --model runs/singan-20261122-120000 --count 8 --scale-w 2"})
final class SinganCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a verb: train, sample (see gan4j singan --help)");
    }
}

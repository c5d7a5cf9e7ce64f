package org.gan4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gan4j import <method> ...}: convert models trained by the official implementations. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert a model trained by an official implementation into a gan4j run.",
        subcommands = {ImportSingan.class, ImportConsingan.class, ImportSpade.class, ImportCocosnet.class, ImportGangealing.class, CommandLine.HelpCommand.class},
        footer = {"", "Example:", "  gan4j import singan SinGAN/TrainedModels/balloons/scale_factor=0.750000,alpha=10 --out runs/balloons"})
final class ImportCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a method: singan, spade, cocosnet (see gan4j import --help)");
    }
}

package org.gan4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gan4j orojar ...}: disentangled training, direction discovery and the VP / PPL metrics. */
@Command(name = "orojar", mixinStandardHelpOptions = true,
        description = "OroJaR (Wei et al., ICCV 2021) and the Hessian Penalty (Peebles et al., ECCV 2020): train a GAN whose"
                + " latent dimensions control independent factors, traverse them, and measure disentanglement (VP, PPL).",
        subcommands = {OrojarTrain.class, OrojarTraverse.class, OrojarVp.class, OrojarPpl.class, OrojarDiscover.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  gan4j orojar train --data builtin:dsprites --reg orojar --out runs/oj",
                "  gan4j orojar traverse --model runs/oj --out traversal.png"})
final class OrojarCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a verb: train, traverse, vp, ppl, discover (see gan4j orojar --help)");
    }
}

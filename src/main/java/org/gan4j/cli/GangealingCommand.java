package org.gan4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gan4j gangealing ...}: dataset congealing, dense correspondence and edit propagation. */
@Command(name = "gangealing", mixinStandardHelpOptions = true,
        description = "GANgealing (Peebles et al., CVPR 2022): a GAN-supervised spatial transformer congeals a category"
                + " to one learned pose: aligned datasets, dense correspondence, edits propagated to every image.",
        subcommands = {GangealingTrain.class, GangealingClassifier.class, GangealingCongeal.class, GangealingPck.class, GangealingPropagate.class, GangealingTransfer.class,
                GangealingCorrespondence.class, GangealingExport.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  gan4j gangealing train --model builtin:faces --preset fast --out runs/congeal",
                "  gan4j gangealing congeal --model builtin:faces --images faces/ --out congealed/"})
final class GangealingCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a verb: train, classifier, congeal, transfer, correspondence, propagate, pck (see gan4j gangealing --help)");
    }
}

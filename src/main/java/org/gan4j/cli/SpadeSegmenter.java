package org.gan4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gan4j spade segmenter ...}: the segmentation network SPADE's evaluation scores synthesized images with. */
@Command(name = "segmenter", mixinStandardHelpOptions = true,
        description = {"The segmenter of SPADE's evaluation: a small U-Net trained on a dataset's real",
                "photos, which gan4j spade eval runs on synthesized images to compare their",
                "segmentation with the label maps they were made from."},
        subcommands = {SpadeSegmenterTrain.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  gan4j spade segmenter train --labels builtin:scenes --size 64 --out segmenter64.pt",
                "  gan4j spade segmenter train --labels labels/ --images photos/ --label-nc 12 --size 128 --out seg.pt"})
final class SpadeSegmenter implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "choose a verb: train (see gan4j spade segmenter --help)");
    }
}

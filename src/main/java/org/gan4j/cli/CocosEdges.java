package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.data.EdgeMap;
import org.gan4j.data.ImageFolder;
import org.gan4j.data.Images;
import org.gan4j.data.SquareImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j cocosnet edges}: the edge maps an edges run computes, written as pictures to look at or edit. */
@Command(name = "edges", mixinStandardHelpOptions = true,
        description = {"Write the edge maps that `cocosnet train --input edges` computes from photos: for each image of",
                "--images, NAME-edges.png (Canny edges as scikit-image's feature.canny with its defaults, white on black)",
                "and NAME-distance.png (the city-block distance to the nearest edge, /3, clipped at 255: the official",
                "celebahqedge loader's second map). An edited NAME-edges.png is an edge drawing for",
                "`cocosnet translate --input-kind edges`."},
        footer = {"", "Examples:",
                "  gan4j cocosnet edges --images photos/ --size 64 --out edges/",
                "  gan4j cocosnet edges --images photos/ --out edges/        each photo at its own size"})
final class CocosEdges implements Callable<Integer> {

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of photos (not searched recursively).")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the edge maps.")
    Path out;

    @Option(names = "--size", paramLabel = "PX", description = "Centre-crop and resize each photo to PX x PX first, as"
            + " training does (default: each photo at its own size).")
    Integer size;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = engine.out();
        if (size != null && size < 8) {
            throw new Gan4jException("--size " + size + ": give at least 8 pixels");
        }
        List<Path> files = ImageFolder.list(images);
        engine.apply();
        Files.createDirectories(out);
        double density = 0;
        for (Path f : files) {
            BufferedImage img = Images.read(f);
            EdgeMap m = EdgeMap.ofPhoto(size == null ? img : SquareImages.fit(img, size));
            String stem = f.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            Images.writePng(out.resolve(stem + "-edges.png"), m.edgesImage());
            Images.writePng(out.resolve(stem + "-distance.png"), m.distanceImage());
            density += m.density();
        }
        pw.printf("Wrote the edge maps of %d photos to %s (NAME-edges.png, NAME-distance.png; %.1f%% of pixels on edges)%n",
                files.size(), out, 100 * density / files.size());
        return 0;
    }
}

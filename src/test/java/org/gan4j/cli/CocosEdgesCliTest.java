package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.data.EdgeMap;
import org.gan4j.data.Images;
import org.gan4j.data.Scenes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan4j cocosnet ... --input edges} in-process: the edge maps as files, a tiny edges run on a folder of photos
 * that resumes, translation from a photo and from an edge drawing, and one-line errors.
 */
class CocosEdgesCliTest {

    @TempDir
    Path tmp;

    /** n builtin:scenes photos at size px in a folder (no label maps). */
    private Path photos(int n, int size) {
        Path dir = tmp.resolve("photos");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new RuntimeException(e);
        }
        for (int i = 0; i < n; i++) {
            Images.writePng(dir.resolve(String.format("%04d.png", i)), Scenes.pair(i, size, size).image());
        }
        return dir;
    }

    @Test
    void edgesWritesTheMapsAndTrainRefusesMixedInputsInOneLine() throws Exception {
        Path photos = photos(2, 64);
        Path out = tmp.resolve("edges");
        Cli r = Cli.run("cocosnet", "edges", "--images", photos.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("2 photos");
        EdgeMap want = EdgeMap.ofPhoto(Images.read(photos.resolve("0001.png")));
        assertThat(EdgeMap.ofDrawing(Images.read(out.resolve("0001-edges.png")), "e").edges()).isEqualTo(want.edges());
        java.awt.image.BufferedImage dist = Images.read(out.resolve("0001-distance.png"));
        for (int i = 0; i < want.distance().length; i++) { // the 8-bit grey level is the channel × 255, exactly
            int grey = dist.getRGB(i % want.width(), i / want.width()) & 0xFF;
            assertThat(grey).as("distance pixel " + i).isEqualTo(Math.round(want.distance()[i] * 255));
        }

        Files.writeString(photos.resolve("junk.png"), "not an image");
        Cli bad = Cli.run("cocosnet", "edges", "--images", photos.toString(), "--out", out.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.errLines()).isEqualTo(1);
        assertThat(bad.err()).contains("junk.png");

        Path run = tmp.resolve("run");
        Cli kind = Cli.run("cocosnet", "train", "--input", "sketches", "--images", out.toString(), "--out", run.toString());
        assertThat(kind.code()).isEqualTo(2);
        assertThat(kind.errLines()).isEqualTo(1);
        assertThat(kind.err()).contains("--input sketches").contains("labels or edges");
        Cli nc = Cli.run("cocosnet", "train", "--input", "edges", "--data", Scenes.NAME, "--label-nc", "3", "--out",
                run.toString());
        assertThat(nc.code()).isEqualTo(2);
        assertThat(nc.errLines()).isEqualTo(1);
        assertThat(nc.err()).contains("--label-nc");
        Cli both = Cli.run("cocosnet", "train", "--input", "edges", "--labels", out.toString(), "--images", photos.toString(),
                "--out", run.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("photos only");
        assertThat(run).doesNotExist();
        Cli dry = Cli.run("cocosnet", "train", "--input", "edges", "--data", Scenes.NAME, "--dry-run");
        assertThat(dry.code()).as(dry.err()).isEqualTo(0);
        assertThat(dry.out()).contains("\"input\" : \"EDGES\"").contains("\"semanticNc\" : 2")
                .contains("\"warpMask\" : \"NONE\"").contains("\"weightMask\" : 0.0");
    }

    @Test
    @Tag("slow") // a tiny run, a resume and four translations: about 40 s on two busy cores
    void trainsOnPhotosResumesAndTranslatesPhotosAndDrawings() throws Exception {
        Path photos = photos(4, 64);
        Path run = tmp.resolve("run");
        Cli r = Cli.run("cocosnet", "train", "--input", "edges", "--images", photos.toString(), "--ngf", "4", "--ndf", "4",
                "--ngf-corr", "8", "--batch", "2", "--iters", "2", "--seed", "1", "--threads", "1", "--out", run.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("from edges").contains("--input-kind");
        for (String file : new String[] {"latest_net_Corr.pth", "latest_net_G.pth", "latest_net_D.pth"}) {
            assertThat(run.resolve(file)).exists();
        }
        assertThat(run.resolve("palette.json")).doesNotExist();
        assertThat(Files.readString(run.resolve("config.json"))).contains("\"input\" : \"EDGES\"");
        Cli again = Cli.run("cocosnet", "train", "--resume", run.toString(), "--threads", "1");
        assertThat(again.code()).as(again.err()).isEqualTo(0);

        // the exemplar: another scene's photo; the input: a photo, then its own edges as a drawing
        Path exFile = tmp.resolve("exemplar.png");
        Images.writePng(exFile, Scenes.pair(77, 64, 64).image());
        Path input = photos.resolve("0001.png");
        Path fromPhoto = tmp.resolve("out/from-photo.png");
        Cli t = Cli.run("cocosnet", "translate", "--model", run.toString(), "--input", input.toString(), "--exemplar",
                exFile.toString(), "--out", fromPhoto.toString(), "--show-warp", "--threads", "1");
        assertThat(t.code()).as(t.err()).isEqualTo(0);
        assertThat(Images.read(fromPhoto).getWidth()).isEqualTo(64);
        assertThat(tmp.resolve("out/from-photo-warp.png")).exists();
        assertThat(Images.read(tmp.resolve("out/from-photo-corr.png")).getWidth()).isEqualTo(2 * 64 + 8);

        Path drawing = tmp.resolve("drawing.png");
        Images.writePng(drawing, EdgeMap.ofPhoto(Images.read(input)).edgesImage());
        Path fromDrawing = tmp.resolve("out/from-drawing.png");
        Cli d = Cli.run("cocosnet", "translate", "--model", run.toString(), "--input", drawing.toString(), "--input-kind",
                "edges", "--exemplar", exFile.toString(), "--out", fromDrawing.toString(), "--threads", "1");
        assertThat(d.code()).as(d.err()).isEqualTo(0);
        // the drawing of the photo's own edges is the same input map, so the same output, byte for byte
        assertThat(Files.readAllBytes(fromDrawing)).isEqualTo(Files.readAllBytes(fromPhoto));

        // at another size: a multiple of 32
        Path big = tmp.resolve("out/big.png");
        Cli b = Cli.run("cocosnet", "translate", "--model", run.toString(), "--input", input.toString(), "--exemplar",
                exFile.toString(), "--size", "96", "--out", big.toString(), "--threads", "1");
        assertThat(b.code()).as(b.err()).isEqualTo(0);
        assertThat(Images.read(big).getWidth()).isEqualTo(96);

        // one-line errors: a photo read as a drawing, an unreadable input, exemplar labels, a bad size
        Cli colour = Cli.run("cocosnet", "translate", "--model", run.toString(), "--input", input.toString(), "--input-kind",
                "edges", "--exemplar", exFile.toString(), "--out", big.toString());
        assertThat(colour.code()).isEqualTo(2);
        assertThat(colour.errLines()).isEqualTo(1);
        assertThat(colour.err()).contains("0001.png is in colour");
        Path junk = tmp.resolve("junk.png");
        Files.writeString(junk, "not an image");
        Cli unreadable = Cli.run("cocosnet", "translate", "--model", run.toString(), "--input", junk.toString(),
                "--exemplar", exFile.toString(), "--out", big.toString());
        assertThat(unreadable.code()).isEqualTo(2);
        assertThat(unreadable.errLines()).isEqualTo(1);
        assertThat(unreadable.err()).contains("junk.png");
        Cli labels = Cli.run("cocosnet", "translate", "--model", run.toString(), "--input", input.toString(), "--exemplar",
                exFile.toString(), "--exemplar-labels", drawing.toString(), "--out", big.toString());
        assertThat(labels.code()).isEqualTo(2);
        assertThat(labels.errLines()).isEqualTo(1);
        assertThat(labels.err()).contains("--exemplar-labels");
        Cli size = Cli.run("cocosnet", "translate", "--model", run.toString(), "--input", input.toString(), "--exemplar",
                exFile.toString(), "--size", "80", "--out", big.toString());
        assertThat(size.code()).isEqualTo(2);
        assertThat(size.err()).contains("--size 80");
        Cli eval = Cli.run("cocosnet", "eval", "--model", run.toString(), "--count", "3", "--out", tmp.resolve("e").toString());
        assertThat(eval.code()).isEqualTo(2);
        assertThat(eval.errLines()).isEqualTo(1);
        assertThat(eval.err()).contains("edge maps");
    }
}

package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad file gives one one-line Gan4jException that names the file; nothing from a pickle runs. */
class PtFileErrorsTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine() {
        Engine.init();
    }

    private static void assertLoadFails(Path file, String expectedPart) {
        assertThatThrownBy(() -> PtFile.load(file))
                .isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(expectedPart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, content);
        return f;
    }

    private Path saved(String name) {
        Path f = tmp.resolve(name);
        PtFile.save(f, Map.of("w", torch.ones(64, 64), "b", torch.zeros(3)));
        return f;
    }

    /** A zip checkpoint whose data.pkl is {@code pickle} (written as latin-1 bytes), plus raw records. */
    private Path zipWith(String name, String pickle, Map<String, byte[]> records) throws IOException {
        Path f = tmp.resolve(name);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ZipWriter z = new ZipWriter(ch, "archive");
            z.write("data.pkl", pickle.getBytes(StandardCharsets.ISO_8859_1));
            for (Map.Entry<String, byte[]> r : records.entrySet()) {
                z.write(r.getKey(), r.getValue());
            }
            z.write("version", "3\n");
            z.finish();
        }
        return f;
    }

    @Test
    void missingFileAndDirectory() {
        assertThatThrownBy(() -> PtFile.load(tmp.resolve("nope.pt"))).isInstanceOf(Gan4jException.class)
                .hasMessage(tmp.resolve("nope.pt") + ": no such file");
        assertLoadFails(tmp, "is a directory");
    }

    @Test
    void filesThatAreNotCheckpoints() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertLoadFails(write("image.png", png), "is not a PyTorch checkpoint");
        assertLoadFails(write("notes.txt", "hello, not a tensor\n".getBytes(StandardCharsets.UTF_8)),
                "is not a PyTorch checkpoint");
        assertLoadFails(write("empty.pt", new byte[0]), "is empty");
        assertLoadFails(write("pickle.pt", "\u0080\u0002}q\u0000.".getBytes(StandardCharsets.ISO_8859_1)),
                "is not a PyTorch checkpoint");
        byte[] tar = new byte[1024];
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, tar, 257, 5);
        assertLoadFails(write("old.tar", tar), "tar-format checkpoint");
    }

    @Test
    void zipsThatAreNotCheckpoints() throws IOException {
        Path plain = tmp.resolve("plain.zip");
        try (OutputStream o = Files.newOutputStream(plain); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hi".getBytes(StandardCharsets.UTF_8));
        }
        assertLoadFails(plain, "not a PyTorch checkpoint");
        assertLoadFails(zipWith("script.pt", "\u0080\u0002N.", Map.of("constants.pkl", new byte[] {1})),
                "TorchScript");
    }

    @Test
    void truncatedAndCorruptZips() throws IOException {
        byte[] good = Files.readAllBytes(saved("good.pt"));
        assertLoadFails(write("half.pt", Arrays.copyOf(good, good.length / 2)), "truncated or corrupt");
        assertLoadFails(write("cut.pt", Arrays.copyOf(good, good.length - 1)), "truncated or corrupt");
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x40; // inside the 16 KB weight storage
        assertLoadFails(write("flipped.pt", flipped), "fails its CRC check");
    }

    @Test
    void storageRecordsMissingOrOfTheWrongSize() throws IOException {
        String tensorOf2Floats = "\u0080\u0002ctorch._utils\n_rebuild_tensor_v2\n((\u008c\u0007storagectorch\n"
                + "FloatStorage\n\u008c\u00010\u008c\u0003cpuK\u0002tQK\u0000K\u0002\u0085K\u0001\u0085\u0089"
                + "ccollections\nOrderedDict\n)RtR.";
        assertLoadFails(zipWith("missing.pt", tensorOf2Floats, Map.of()),
                "storage record 'data/0' is missing from the archive");
        assertLoadFails(zipWith("short.pt", tensorOf2Floats, Map.of("data/0", new byte[4])),
                "holds 4 bytes but the pickle expects 8");
        String tooBig = tensorOf2Floats.replace("K\u0002\u0085K\u0001\u0085", "K\u0005\u0085K\u0001\u0085");
        assertLoadFails(zipWith("too_big.pt", tooBig, Map.of("data/0", new byte[8])),
                "holds a tensor that does not fit its storage");
        Object ok = PtFile.load(zipWith("ok.pt", tensorOf2Floats, Map.of("data/0", new byte[8])));
        assertThat(ok).isInstanceOf(org.bytedeco.pytorch.Tensor.class);
    }

    @Test
    void refusesGlobalsByNameWhateverOpcodeNamesThem() throws IOException {
        String refused = "refuses to load the Python global '";
        assertLoadFails(zipWith("eval.pt", "\u0080\u0002cbuiltins\neval\n\u008c\u00031+1\u0085R.", Map.of()),
                refused + "builtins.eval' — a checkpoint may only hold tensors, numbers, strings and containers");
        assertLoadFails(zipWith("stack.pt", "\u0080\u0004\u008c\u0002os\u008c\u0006system\u0093\u008c\u0002id\u0085R.",
                Map.of()), refused + "os.system'");
        assertLoadFails(zipWith("inst.pt", "(S'ls'\nisubprocess\nPopen\n.", Map.of()), refused + "subprocess.Popen'");
        assertLoadFails(zipWith("getattr.pt", "\u0080\u0002c__builtin__\ngetattr\n.", Map.of()),
                refused + "__builtin__.getattr'");
        assertLoadFails(zipWith("model.pt", "\u0080\u0002ctorch.nn.modules.container\nSequential\n)\u0081.", Map.of()),
                "holds a whole torch.nn module");
        assertLoadFails(zipWith("sparse.pt", "\u0080\u0002ctorch._utils\n_rebuild_sparse_tensor\n)R.", Map.of()),
                "holds a kind of tensor gan4j cannot read ('torch._utils._rebuild_sparse_tensor')");
    }

    @Test
    void malformedPickles() throws IOException {
        assertLoadFails(zipWith("call_str.pt", "\u0080\u0002\u008c\u0001x)R.", Map.of()), "corrupt pickle");
        assertLoadFails(zipWith("opcode.pt", "\u0080\u0002\u00ff", Map.of()), "unknown opcode 0xff");
        assertLoadFails(zipWith("ends.pt", "\u0080\u0002}(\u008c\u0001a", Map.of()), "its pickle data ends early");
        assertLoadFails(zipWith("module.pt", "\u0080\u0002(\u008c\u0006module\u008c\u0001xNNtQ.", Map.of()),
                "holds a whole pickled torch.nn module");
        assertLoadFails(zipWith("storage.pt", "\u0080\u0002ctorch\nFloatStorage\n.", Map.of()),
                "holds the Python object 'torch.FloatStorage' where data was expected");
        assertLoadFails(zipWith("huge_string.pt", "\u0080\u0002X\u00ff\u00ff\u00ff\u007f.", Map.of()),
                "its pickle data ends early");
    }

    @Test
    void truncatedLegacyFile() throws IOException, URISyntaxException {
        Path legacy = Path.of(getClass().getResource("/parity/pt/legacy_format.pt").toURI());
        byte[] b = Files.readAllBytes(legacy);
        assertLoadFails(write("legacy_cut.pt", Arrays.copyOf(b, b.length - 10)), "truncated or corrupt");
        assertLoadFails(write("legacy_header.pt", Arrays.copyOf(b, 40)), "truncated or corrupt");
    }

    @Test
    void saveIntoAMissingFolderNamesTheFile() {
        Path f = tmp.resolve("no/such/dir/x.pt");
        assertThatThrownBy(() -> PtFile.save(f, Map.of("w", torch.ones(2))))
                .isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith("cannot write " + f + ": ");
    }
}

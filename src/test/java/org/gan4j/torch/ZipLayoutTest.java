package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip layout is PyTorch's: its records in its order, STORED, every record's data 64-byte aligned; zip64. */
class ZipLayoutTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine() {
        Engine.init();
    }

    @Test
    void recordsOrderAndAlignmentAreThoseOfTorchSave() throws IOException {
        Path f = tmp.resolve("layout.pt");
        PtFile.save(f, Map.of("a", torch.ones(3), "b", torch.zeros(0), "c", torch.ones(5, 7).to(ScalarType.Half)));
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ZipReader zip = new ZipReader(ch);
            List<String> names = new ArrayList<>();
            for (ZipReader.Entry e : zip.entries()) {
                names.add(e.name());
                assertThat(e.method()).as(e.name()).isZero();
                assertThat(zip.dataOffset(e) % 64).as(e.name()).isZero();
            }
            assertThat(names).containsExactly("archive/data.pkl", "archive/.format_version",
                    "archive/.storage_alignment", "archive/byteorder", "archive/data/0", "archive/data/1",
                    "archive/data/2", "archive/version", "archive/.data/serialization_id");
            assertThat(new String(zip.readBytes(zip.find("version"), 16))).isEqualTo("3\n");
            assertThat(new String(zip.readBytes(zip.find(".data/serialization_id"), 64))).hasSize(40).containsOnlyDigits();
        }
    }

    @Test
    void headerOffsetsBeyond4GbUseZip64() throws IOException {
        Path f = tmp.resolve("zip64.pt");
        Tensor w = torch.arange(new Scalar(100)).to(ScalarType.Float);
        StorageTable storages = new StorageTable();
        byte[] pickle;
        try (Scope s = new Scope()) {
            pickle = new Pickler(storages).dump(Map.of("w", w));
        }
        long start = 5L << 30; // a sparse hole: no disk is used for it
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ZipWriter z = new ZipWriter(ch, "archive", start);
            z.write("data.pkl", pickle);
            z.write("data/0", w.data_ptr(), 400);
            z.write("version", "3\n");
            z.finish();
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ); Scope s = new Scope()) {
            ZipReader zip = new ZipReader(ch);
            for (ZipReader.Entry e : zip.entries()) {
                assertThat(e.headerOffset()).isGreaterThan(0xffffffffL);
                assertThat(zip.dataOffset(e) % 64).isZero();
            }
            Tensor back = (Tensor) ((Map<?, ?>) ZipCheckpoint.load(ch)).get("w");
            assertThat(torch.equal(back, w)).isTrue();
        }
    }
}

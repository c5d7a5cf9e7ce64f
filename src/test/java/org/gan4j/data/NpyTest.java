package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NumPy .npy files: round trip, float64, the header numpy writes, and one-line errors. */
class NpyTest {

    @TempDir
    Path tmp;

    /** A file as numpy.save writes it, with the given descr, shape text and data. */
    private Path npy(String descr, String shape, byte[] data) throws Exception {
        String h = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        h = h + " ".repeat(63 - (10 + h.length()) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length());
        b.put(h.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        Path f = tmp.resolve(descr.replace('<', 'l').replace('>', 'b') + ".npy");
        Files.write(f, b.array());
        return f;
    }

    @Test
    void roundTripAndNumpyLayout() throws Exception {
        Path f = tmp.resolve("a.npy");
        Npy.write(f, new float[] {1, -2.5f, 3, 4, 5, 6}, 2, 3);
        Npy.Array a = Npy.read(f);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.data()).containsExactly(1, -2.5f, 3, 4, 5, 6);
        byte[] bytes = Files.readAllBytes(f);
        assertThat((bytes.length - 6 * 4) % 64).isZero(); // data aligned as numpy aligns it
        assertThat(new String(bytes, 10, 60, StandardCharsets.ISO_8859_1)).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
        Npy.write(f, new float[] {7, 8}, 2);
        assertThat(Npy.read(f).shape()).containsExactly(2);
    }

    @Test
    void readsFloat64() throws Exception {
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.5).putDouble(-1e-3);
        Npy.Array a = Npy.read(npy("<f8", "(1, 2)", d.array()));
        assertThat(a.data()).containsExactly(0.5f, -1e-3f);
    }

    @Test
    void badFilesAreOneLineErrors() throws Exception {
        Path big = npy(">f4", "(1,)", new byte[4]);
        assertThatThrownBy(() -> Npy.read(big)).isInstanceOf(Gan4jException.class)
                .hasMessage(big + ": holds '>f4' numbers; gan4j reads little-endian float32 ('<f4') or float64 ('<f8') arrays");
        Path ints = npy("<i8", "(2,)", new byte[16]);
        assertThatThrownBy(() -> Npy.read(ints)).hasMessageContaining("'<i8'");
        Path shortData = npy("<f4", "(3, 2)", new byte[8]);
        assertThatThrownBy(() -> Npy.read(shortData)).hasMessage(shortData + ": shape [3, 2] needs 24 bytes of data, the file has 8");
        Path text = Files.writeString(tmp.resolve("t.npy"), "x,y\n1,2\n");
        assertThatThrownBy(() -> Npy.read(text)).hasMessageContaining("is not a NumPy .npy file");
        assertThatThrownBy(() -> Npy.read(tmp.resolve("none.npy"))).hasMessage(tmp.resolve("none.npy") + ": no such file");
    }
}

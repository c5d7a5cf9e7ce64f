package org.gan4j.torch;

import org.bytedeco.pytorch.global.torch.ScalarType;

/** The tensor dtypes gan4j reads and writes, with PyTorch's names for them and for their typed storages. */
enum PtDType {
    FLOAT32("float32", "FloatStorage", ScalarType.Float, 4),
    FLOAT64("float64", "DoubleStorage", ScalarType.Double, 8),
    FLOAT16("float16", "HalfStorage", ScalarType.Half, 2),
    BFLOAT16("bfloat16", "BFloat16Storage", ScalarType.BFloat16, 2),
    INT64("int64", "LongStorage", ScalarType.Long, 8),
    INT32("int32", "IntStorage", ScalarType.Int, 4),
    INT16("int16", "ShortStorage", ScalarType.Short, 2),
    INT8("int8", "CharStorage", ScalarType.Char, 1),
    UINT8("uint8", "ByteStorage", ScalarType.Byte, 1),
    BOOL("bool", "BoolStorage", ScalarType.Bool, 1),
    COMPLEX64("complex64", "ComplexFloatStorage", ScalarType.ComplexFloat, 8),
    COMPLEX128("complex128", "ComplexDoubleStorage", ScalarType.ComplexDouble, 16);

    /** PyTorch's name without the {@code torch.} prefix, as in {@code torch.float32}. */
    final String pythonName;
    /** The class name of the typed storage that PyTorch pickles for this dtype ({@code torch.FloatStorage}). */
    final String storageName;
    final ScalarType scalarType;
    final int size;

    PtDType(String pythonName, String storageName, ScalarType scalarType, int size) {
        this.pythonName = pythonName;
        this.storageName = storageName;
        this.scalarType = scalarType;
        this.size = size;
    }

    /** The dtype of a pickled storage class name, or null; {@code UntypedStorage} holds raw bytes. */
    static PtDType ofStorage(String name) {
        if (name.equals("UntypedStorage")) {
            return UINT8;
        }
        for (PtDType d : values()) {
            if (d.storageName.equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The dtype of a libtorch scalar type, or null if gan4j cannot store it. */
    static PtDType of(ScalarType t) {
        // Compare .value: enums from native calls are fresh objects (ENGINE.md, item 5).
        for (PtDType d : values()) {
            if (d.scalarType.value == t.value) {
                return d;
            }
        }
        return null;
    }
}

package io.mdfe.core.io;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row-major float32 matrix stored in NumPy's {@code .npy} format (version 1.0,
 * little-endian {@code <f4}), the interchange format for embeddings: {@code numpy.load} reads what
 * we write and we read what numpy writes.
 *
 * @param rows number of vectors
 * @param cols vector dimension
 * @param data {@code rows * cols} values, row-major
 */
public record NpyMatrix(int rows, int cols, float[] data) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** Checks that the data fills the shape. */
    public NpyMatrix {
        if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
            throw new IllegalArgumentException("npy matrix " + rows + "x" + cols + " needs "
                    + ((long) rows * cols) + " values, got " + data.length);
        }
    }

    /** Row {@code i} as a copy. */
    public float[] row(int i) {
        return java.util.Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    /** Writes this matrix atomically to {@code path}. */
    public void write(Path path) throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        // magic (6) + version (2) + header length (2) + header + '\n' is padded to a multiple of 64
        int unpadded = MAGIC.length + 4 + header.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String padded = header + " ".repeat(padding) + "\n";
        ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) padded.length());
        AtomicFiles.write(path, out -> {
            out.write(head.array());
            out.write(padded.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer body = ByteBuffer.allocate(4 * 8192).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < data.length; i += 8192) {
                body.clear();
                int n = Math.min(8192, data.length - i);
                body.asFloatBuffer().put(data, i, n);
                out.write(body.array(), 0, 4 * n);
            }
        });
    }

    /**
     * Reads a 2-D float32 {@code .npy} file (a 1-D file is one row).
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static NpyMatrix read(Path path) throws IOException {
        Header h = header(path);
        try (InputStream raw = Files.newInputStream(path);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            in.skipNBytes(h.dataOffset());
            byte[] body = new byte[Math.multiplyExact(Math.multiplyExact(h.rows(), h.cols()), 4)];
            try {
                in.readFully(body);
            } catch (java.io.EOFException e) {
                throw new IOException(path + ": truncated: header says " + h.rows() + "x" + h.cols() + " float32 values", e);
            }
            float[] data = new float[h.rows() * h.cols()];
            ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            return new NpyMatrix(h.rows(), h.cols(), data);
        }
    }

    /**
     * The shape and data offset of a 2-D float32 {@code .npy} file (a 1-D file is one row).
     *
     * @param rows number of rows
     * @param cols number of columns
     * @param dataOffset bytes before the first value
     */
    public record Header(int rows, int cols, long dataOffset) {
    }

    /** Reads and checks the header of {@code path}. */
    public static Header header(Path path) throws IOException {
        try (InputStream raw = Files.newInputStream(path);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            byte[] magic = new byte[6];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(path + ": not a .npy file (bad magic)");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            int headerLength = major == 1
                    ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
                    : Integer.reverseBytes(in.readInt());
            byte[] headerBytes = new byte[headerLength];
            in.readFully(headerBytes);
            String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
            String descr = match(DESCR, header, path, "descr");
            if (!descr.equals("<f4")) {
                throw new IOException(path + ": dtype '" + descr + "' is not supported; expected float32 ('<f4')");
            }
            if (match(ORDER, header, path, "fortran_order").equals("True")) {
                throw new IOException(path + ": Fortran-ordered arrays are not supported; save a C-ordered array");
            }
            String[] dims = match(SHAPE, header, path, "shape").split(",");
            int rows;
            int cols;
            String d0 = dims[0].trim();
            String d1 = dims.length > 1 ? dims[1].trim() : "";
            if (dims.length > 2 && !dims[2].isBlank()) {
                throw new IOException(path + ": expected a 2-D array, got shape (" + String.join(",", dims) + ")");
            }
            if (d1.isEmpty()) {
                rows = 1;
                cols = Integer.parseInt(d0);
            } else {
                rows = Integer.parseInt(d0);
                cols = Integer.parseInt(d1);
            }
            return new Header(rows, cols, MAGIC.length + 2 + (major == 1 ? 2 : 4) + headerLength);
        }
    }

    private static String match(Pattern pattern, String header, Path path, String field) throws IOException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IOException(path + ": .npy header has no '" + field + "'");
        }
        return m.group(1);
    }
}

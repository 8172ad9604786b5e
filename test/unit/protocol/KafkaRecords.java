// Prints record sets built by Kafka's own MemoryRecords (4.4), as hex: the vectors of
// record-batch.test.ts and codecs.test.ts. Run: java -cp "$(cat ~/.cache/kctl/kafka/4.4.0/classpath.txt)" test/unit/protocol/KafkaRecords.java > test/unit/protocol/kafka-records.txt
import java.nio.ByteBuffer;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.*;

public class KafkaRecords {
  static String hex(MemoryRecords... sets) {
    StringBuilder sb = new StringBuilder();
    for (MemoryRecords m : sets) {
      ByteBuffer b = m.buffer().duplicate();
      while (b.hasRemaining()) sb.append(String.format("%02x", b.get()));
    }
    return sb.toString();
  }
  static SimpleRecord[] recs(long... ts) {
    SimpleRecord[] out = new SimpleRecord[ts.length];
    for (int i = 0; i < ts.length; i++) out[i] = new SimpleRecord(ts[i], ("k" + i).getBytes(), ("value-" + i).getBytes());
    return out;
  }
  static MemoryRecords v2(long base, Compression c, TimestampType t, long... ts) {
    return MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V2, base, c, t, recs(ts));
  }
  static MemoryRecords legacy(byte magic, long base, Compression c, long... ts) {
    return MemoryRecords.withRecords(magic, base, c, TimestampType.CREATE_TIME, recs(ts));
  }
  // Reads record sets (hex, one a line on stdin) with Kafka's own classes, decompressing with its
  // codecs: the referee for batches kctl encodes.
  static void decode(String hexSet) {
    hexSet = hexSet.trim();
    byte[] bytes = new byte[hexSet.length() / 2];
    for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) Integer.parseInt(hexSet.substring(2 * i, 2 * i + 2), 16);
    for (RecordBatch b : MemoryRecords.readableRecords(ByteBuffer.wrap(bytes)).batches()) {
      b.ensureValid();
      for (org.apache.kafka.common.record.internal.Record r : b) {
        StringBuilder h = new StringBuilder();
        for (Header x : r.headers()) h.append(' ').append(x.key()).append('=').append(x.value() == null ? "null" : new String(x.value()));
        System.out.println(b.compressionType().name + " " + r.offset() + " " + r.timestamp() + " " + str(r.key()) + " " + str(r.value()) + h);
      }
    }
  }
  static String str(ByteBuffer b) {
    if (b == null) return "null";
    byte[] x = new byte[b.remaining()];
    b.duplicate().get(x);
    return new String(x);
  }
  public static void main(String[] a) {
    if (a.length > 0 && a[0].equals("decode")) {
      new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).lines().filter(l -> !l.isBlank()).forEach(KafkaRecords::decode);
      return;
    }
    long t0 = 1_764_000_000_000L; // 2025-11-24T16:00:00Z
    System.out.println("plain " + hex(v2(10, Compression.NONE, TimestampType.CREATE_TIME, t0, t0 + 1000, t0 + 2000), v2(13, Compression.NONE, TimestampType.CREATE_TIME, t0 + 5000)));
    System.out.println("gzip " + hex(v2(0, Compression.gzip().build(), TimestampType.CREATE_TIME, t0, t0 + 1000, t0 + 2000)));
    System.out.println("lz4 " + hex(v2(0, Compression.lz4().build(), TimestampType.CREATE_TIME, t0, t0 + 1000, t0 + 2000)));
    System.out.println("appendtime " + hex(MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V2, 7, Compression.NONE, TimestampType.LOG_APPEND_TIME, 0L, (short) 0, 0, 0, false, recs(t0 + 9000, t0 + 9000))));
    System.out.println("control " + hex(MemoryRecords.withEndTransactionMarker(20, t0, 0, 1L, (short) 0, new EndTransactionMarker(ControlRecordType.COMMIT, 0)), v2(21, Compression.NONE, TimestampType.CREATE_TIME, t0 + 3000)));
    System.out.println("legacy " + hex(MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V1, 4, Compression.NONE, TimestampType.CREATE_TIME, recs(t0 + 100, t0 + 200))));
    System.out.println("snappy " + hex(v2(0, Compression.snappy().build(), TimestampType.CREATE_TIME, t0, t0 + 1000, t0 + 2000)));
    System.out.println("zstd " + hex(v2(0, Compression.zstd().build(), TimestampType.CREATE_TIME, t0, t0 + 1000, t0 + 2000)));
    Header[] hs = {new RecordHeader("trace", "abc".getBytes()), new RecordHeader("empty", null), new RecordHeader("trace", "def".getBytes())};
    System.out.println("headers " + hex(MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V2, 30, Compression.gzip().build(), TimestampType.CREATE_TIME,
        new SimpleRecord(t0, null, "no key".getBytes(), hs), new SimpleRecord(t0 + 1, "tombstone".getBytes(), null))));
    System.out.println("txn " + hex(MemoryRecords.withTransactionalRecords(40, Compression.NONE, 77L, (short) 2, 0, 5, recs(t0, t0 + 1)),
        MemoryRecords.withEndTransactionMarker(42, t0 + 2, 5, 77L, (short) 2, new EndTransactionMarker(ControlRecordType.ABORT, 3))));
    System.out.println("v0gzip " + hex(legacy(RecordBatch.MAGIC_VALUE_V0, 50, Compression.gzip().build(), t0, t0)));
    System.out.println("v1snappy " + hex(legacy(RecordBatch.MAGIC_VALUE_V1, 60, Compression.snappy().build(), t0, t0 + 1000, t0 + 2000)));
    System.out.println("v1lz4 " + hex(legacy(RecordBatch.MAGIC_VALUE_V1, 70, Compression.lz4().build(), t0, t0 + 1000)));
    System.out.println("v0lz4 " + hex(legacy(RecordBatch.MAGIC_VALUE_V0, 80, Compression.lz4().build(), t0, t0)));
    byte[] big = new byte[200_000];
    for (int i = 0; i < big.length; i++) big[i] = (byte) ('a' + (i * 7 + i / 13) % 26);
    for (String c : new String[] {"lz4", "snappy", "zstd"}) {
      Compression comp = c.equals("lz4") ? Compression.lz4().build() : c.equals("snappy") ? Compression.snappy().build() : Compression.zstd().build();
      System.out.println("big" + c + " " + hex(MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V2, 0, comp, TimestampType.CREATE_TIME, new SimpleRecord(t0, "big".getBytes(), big))));
    }
  }
}

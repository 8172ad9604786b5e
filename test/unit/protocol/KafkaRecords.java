// Prints record sets built by Kafka's own MemoryRecords (4.4), as hex: the vectors of
// record-batch.test.ts. Run: java -cp "$(cat ~/.cache/kctl/kafka/4.4.0/classpath.txt)" test/unit/protocol/KafkaRecords.java
import java.nio.ByteBuffer;

import org.apache.kafka.common.compress.Compression;
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
  public static void main(String[] a) {
    long t0 = 1_764_000_000_000L; // 2025-11-24T16:00:00Z
    System.out.println("plain " + hex(v2(10, Compression.NONE, TimestampType.CREATE_TIME, t0, t0 + 1000, t0 + 2000), v2(13, Compression.NONE, TimestampType.CREATE_TIME, t0 + 5000)));
    System.out.println("gzip " + hex(v2(0, Compression.gzip().build(), TimestampType.CREATE_TIME, t0, t0 + 1000, t0 + 2000)));
    System.out.println("lz4 " + hex(v2(0, Compression.lz4().build(), TimestampType.CREATE_TIME, t0, t0 + 1000, t0 + 2000)));
    System.out.println("appendtime " + hex(MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V2, 7, Compression.NONE, TimestampType.LOG_APPEND_TIME, 0L, (short) 0, 0, 0, false, recs(t0 + 9000, t0 + 9000))));
    System.out.println("control " + hex(MemoryRecords.withEndTransactionMarker(20, t0, 0, 1L, (short) 0, new EndTransactionMarker(ControlRecordType.COMMIT, 0)), v2(21, Compression.NONE, TimestampType.CREATE_TIME, t0 + 3000)));
    System.out.println("legacy " + hex(MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V1, 4, Compression.NONE, TimestampType.CREATE_TIME, recs(t0 + 100, t0 + 200))));
  }
}

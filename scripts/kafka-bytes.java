// Serializes a Kafka message from its JSON form with Kafka's own generated code and prints the
// bytes as hex (body only, no request/response header): test vectors for src/protocol/.
// java -cp "$(cat ~/.cache/kctl/kafka/4.4.0/classpath.txt)" scripts/kafka-bytes.java DescribeClusterRequestData 2 '{"includeClusterAuthorizedOperations":false,"endpointType":1,"includeFencedBrokers":true}'
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

public class KafkaBytes {
  public static void main(String[] a) throws Exception {
    String name = a[0];
    short version = Short.parseShort(a[1]);
    JsonNode json = new ObjectMapper().readTree(a[2]);
    Class<?> conv = Class.forName("org.apache.kafka.common.message." + name + "JsonConverter");
    Message msg = (Message) conv.getMethod("read", JsonNode.class, short.class).invoke(null, json, version);
    ObjectSerializationCache cache = new ObjectSerializationCache();
    int size = msg.size(cache, version);
    ByteBuffer buf = ByteBuffer.allocate(size);
    msg.write(new ByteBufferAccessor(buf), cache, version);
    StringBuilder sb = new StringBuilder();
    for (byte b : buf.array()) sb.append(String.format("%02x", b));
    System.out.println(sb);
  }
}

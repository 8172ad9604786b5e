// Prints the wire schema of Kafka message classes, per version: a dev aid for src/protocol/.
// java -cp "$(cat ~/.cache/kctl/kafka/4.4.0/classpath.txt)" scripts/kafka-schema.java DescribeClusterRequestData ...

public class KafkaSchema {
  public static void main(String[] a) throws Exception {
    for (String n : a) {
      Class<?> c = Class.forName("org.apache.kafka.common.message." + n);
      Object[] s = (Object[]) c.getField("SCHEMAS").get(null);
      short low = c.getField("LOWEST_SUPPORTED_VERSION").getShort(null);
      for (int v = low; v < s.length; v++) System.out.println(n + " v" + v + ": " + s[v]);
    }
  }
}

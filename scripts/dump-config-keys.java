// Prints the topic and broker config keys a Kafka version knows, as JSON: the source of
// src/admin/config-keys.ts ("did you mean" for unknown keys).
// java -cp "$(cat ~/.cache/kctl/kafka/4.4.0/classpath.txt)" scripts/dump-config-keys.java

import java.util.*;

public class DumpConfigKeys {
  static Collection<String> names(String cls, String method) {
    try {
      Object r = Class.forName(cls).getMethod(method).invoke(null);
      if (r instanceof Collection<?> c) { List<String> out = new ArrayList<>(); for (Object o : c) out.add(o.toString()); return out; }
      if (r instanceof org.apache.kafka.common.config.ConfigDef d) return d.names();
      // A Scala collection: go through its Java view.
      Object it = r.getClass().getMethod("iterator").invoke(r);
      List<String> out = new ArrayList<>();
      while ((Boolean) it.getClass().getMethod("hasNext").invoke(it)) out.add(it.getClass().getMethod("next").invoke(it).toString());
      return out;
    } catch (Throwable t) { return null; }
  }

  static String json(Collection<String> c) {
    StringBuilder b = new StringBuilder("[");
    for (String s : new TreeSet<>(c)) b.append(b.length() > 1 ? "," : "").append('"').append(s).append('"');
    return b.append(']').toString();
  }

  static String version() {
    for (String c : new String[] {"org.apache.kafka.common.utils.AppInfoParser", "org.apache.kafka.common.utils.internals.AppInfoParser"}) {
      try { return (String) Class.forName(c).getMethod("getVersion").invoke(null); } catch (Throwable t) { }
    }
    return "unknown";
  }

  public static void main(String[] a) {
    Collection<String> topic = names("org.apache.kafka.storage.internals.log.LogConfig", "configNames");
    Collection<String> broker = names("kafka.server.KafkaConfig", "configNames");
    if (broker == null) broker = names("org.apache.kafka.server.config.AbstractKafkaConfig", "configDef");
    System.out.println("{\"version\":\"" + version() + "\",\"topic\":" + json(topic) + ",\"broker\":" + json(broker) + "}");
  }
}

// Prints the bytes Kafka's own serializers produce for the KRaft quorum and unregister APIs the
// protocol unit tests check. Run: java -cp "$(cat ~/.cache/kctl/kafka/4.4.0/classpath.txt)" test/unit/protocol/QuorumHex.java
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.*;
import org.apache.kafka.common.protocol.*;
import org.apache.kafka.common.protocol.types.RawTaggedField;

public class QuorumHex {
  static String hex(Message m, int v) {
    ObjectSerializationCache cache = new ObjectSerializationCache();
    int size = m.size(cache, (short) v);
    ByteBuffer buf = ByteBuffer.allocate(size);
    m.write(new ByteBufferAccessor(buf), cache, (short) v);
    StringBuilder sb = new StringBuilder();
    for (byte b : buf.array()) sb.append(String.format("%02x", b));
    return sb.toString();
  }
  static void p(String name, String hex) { System.out.println(name + " " + hex); }
  static RawTaggedField tag() { return new RawTaggedField(5, new byte[] {9, 8}); }

  public static void main(String[] args) {
    Uuid dir = Uuid.fromString("mfy4aOA3IbXgWby4n5-uFw");
    AddRaftVoterRequestData.ListenerCollection listeners = new AddRaftVoterRequestData.ListenerCollection();
    listeners.add(new AddRaftVoterRequestData.Listener().setName("CONTROLLER").setHost("127.0.0.1").setPort(23041));
    AddRaftVoterRequestData add = new AddRaftVoterRequestData().setClusterId("BEqlI7vCRbWsv3U_sJ8xag").setTimeoutMs(30000)
        .setVoterId(2).setVoterDirectoryId(dir).setListeners(listeners);
    p("AddRaftVoterRequest.v0", hex(add, 0));
    p("AddRaftVoterRequest.v1", hex(add, 1));
    add.setClusterId(null).setAckWhenCommitted(true);
    p("AddRaftVoterRequest.v1.nullCluster", hex(add, 1));
    AddRaftVoterResponseData addr = new AddRaftVoterResponseData().setThrottleTimeMs(1).setErrorCode((short) 0).setErrorMessage(null);
    addr.unknownTaggedFields().add(tag());
    p("AddRaftVoterResponse.v1", hex(addr, 1));

    RemoveRaftVoterRequestData rm = new RemoveRaftVoterRequestData().setClusterId("BEqlI7vCRbWsv3U_sJ8xag").setVoterId(2).setVoterDirectoryId(dir);
    p("RemoveRaftVoterRequest.v0", hex(rm, 0));
    RemoveRaftVoterResponseData rmr = new RemoveRaftVoterResponseData().setThrottleTimeMs(0).setErrorCode((short) 42)
        .setErrorMessage("not a voter");
    rmr.unknownTaggedFields().add(tag());
    p("RemoveRaftVoterResponse.v0", hex(rmr, 0));

    p("UnregisterBrokerRequest.v0", hex(new UnregisterBrokerRequestData().setBrokerId(3), 0));
    UnregisterBrokerResponseData ubr = new UnregisterBrokerResponseData().setThrottleTimeMs(0).setErrorCode((short) 69)
        .setErrorMessage("Broker ID 3 is not currently registered");
    ubr.unknownTaggedFields().add(tag());
    p("UnregisterBrokerResponse.v0", hex(ubr, 0));

    p("UnregisterControllerRequest.v0", hex(new UnregisterControllerRequestData().setControllerId(2), 0));
    UnregisterControllerResponseData ucr = new UnregisterControllerResponseData().setThrottleTimeMs(2).setErrorCode((short) 0);
    ucr.unknownTaggedFields().add(tag());
    p("UnregisterControllerResponse.v0", hex(ucr, 0));
  }
}

// Prints the exact bytes Kafka's own serializers produce for the security admin APIs kctl
// implements (48-51), and a SCRAM salted password, for the byte-level unit tests in
// test/unit/protocol/security-apis.test.ts. Run:
//   java -cp "$(cat ~/.cache/kctl/kafka/4.4.0/classpath.txt)" scripts/security-api-bytes.java
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.message.*;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;

public class SecurityApiBytes {
  static void print(String name, Message m, int version) {
    ByteBuffer b = MessageUtil.toByteBufferAccessor(m, (short) version).buffer().duplicate(); b.rewind();
    byte[] a = new byte[b.remaining()];
    b.get(a);
    System.out.println(name + " " + HexFormat.of().formatHex(a));
  }

  public static void main(String[] args) throws Exception {
    print("describeScramRequest", new DescribeUserScramCredentialsRequestData().setUsers(List.of(new DescribeUserScramCredentialsRequestData.UserName().setName("alice"))), 0);
    print("describeScramRequestAll", new DescribeUserScramCredentialsRequestData().setUsers(null), 0);
    var dr = new DescribeUserScramCredentialsResponseData().setThrottleTimeMs(5).setErrorCode((short) 0).setErrorMessage(null);
    var alice = new DescribeUserScramCredentialsResponseData.DescribeUserScramCredentialsResult().setUser("alice").setErrorCode((short) 0)
      .setCredentialInfos(List.of(new DescribeUserScramCredentialsResponseData.CredentialInfo().setMechanism((byte) 1).setIterations(4096),
                                  new DescribeUserScramCredentialsResponseData.CredentialInfo().setMechanism((byte) 2).setIterations(8192)));
    alice.unknownTaggedFields().add(new RawTaggedField(7, new byte[] {1, 2, 3}));
    var bob = new DescribeUserScramCredentialsResponseData.DescribeUserScramCredentialsResult().setUser("bob").setErrorCode((short) 91).setErrorMessage("no such user");
    dr.setResults(List.of(alice, bob));
    print("describeScramResponse", dr, 0);

    var ar = new AlterUserScramCredentialsRequestData()
      .setDeletions(List.of(new AlterUserScramCredentialsRequestData.ScramCredentialDeletion().setName("bob").setMechanism((byte) 2)))
      .setUpsertions(List.of(new AlterUserScramCredentialsRequestData.ScramCredentialUpsertion().setName("alice").setMechanism((byte) 1).setIterations(4096)
        .setSalt(new byte[] {1, 2, 3, 4}).setSaltedPassword(new byte[] {(byte) 0xaa, (byte) 0xbb})));
    print("alterScramRequest", ar, 0);
    var aresp = new AlterUserScramCredentialsResponseData().setThrottleTimeMs(0).setResults(List.of(
      new AlterUserScramCredentialsResponseData.AlterUserScramCredentialsResult().setUser("alice").setErrorCode((short) 0),
      new AlterUserScramCredentialsResponseData.AlterUserScramCredentialsResult().setUser("bob").setErrorCode((short) 93).setErrorMessage("too few iterations")));
    aresp.unknownTaggedFields().add(new RawTaggedField(3, new byte[] {9}));
    print("alterScramResponse", aresp, 0);

    var dq = new DescribeClientQuotasRequestData().setStrict(true).setComponents(List.of(
      new DescribeClientQuotasRequestData.ComponentData().setEntityType("user").setMatchType((byte) 0).setMatch("alice"),
      new DescribeClientQuotasRequestData.ComponentData().setEntityType("client-id").setMatchType((byte) 1).setMatch(null)));
    print("describeQuotasRequest", dq, 1);
    var entry = new DescribeClientQuotasResponseData.EntryData().setEntity(List.of(
        new DescribeClientQuotasResponseData.EntityData().setEntityType("user").setEntityName("alice"),
        new DescribeClientQuotasResponseData.EntityData().setEntityType("client-id").setEntityName(null)))
      .setValues(List.of(new DescribeClientQuotasResponseData.ValueData().setKey("producer_byte_rate").setValue(1048576.0),
                         new DescribeClientQuotasResponseData.ValueData().setKey("request_percentage").setValue(12.5)));
    entry.unknownTaggedFields().add(new RawTaggedField(1, new byte[] {4, 5}));
    print("describeQuotasResponse", new DescribeClientQuotasResponseData().setThrottleTimeMs(0).setErrorCode((short) 0).setEntries(List.of(entry)), 1);
    print("describeQuotasResponseNull", new DescribeClientQuotasResponseData().setErrorCode((short) 29).setErrorMessage("denied").setEntries(null), 1);

    var aq = new AlterClientQuotasRequestData().setValidateOnly(false).setEntries(List.of(new AlterClientQuotasRequestData.EntryData()
      .setEntity(List.of(new AlterClientQuotasRequestData.EntityData().setEntityType("user").setEntityName("alice"),
                         new AlterClientQuotasRequestData.EntityData().setEntityType("client-id").setEntityName(null)))
      .setOps(List.of(new AlterClientQuotasRequestData.OpData().setKey("producer_byte_rate").setValue(1024.0).setRemove(false),
                      new AlterClientQuotasRequestData.OpData().setKey("consumer_byte_rate").setValue(0.0).setRemove(true)))));
    print("alterQuotasRequest", aq, 1);
    print("alterQuotasResponse", new AlterClientQuotasResponseData().setThrottleTimeMs(0).setEntries(List.of(new AlterClientQuotasResponseData.EntryData()
      .setErrorCode((short) 42).setErrorMessage("bad key").setEntity(List.of(new AlterClientQuotasResponseData.EntityData().setEntityType("ip").setEntityName("10.0.0.1"))))), 1);

    byte[] salt = "kctl-test-salt".getBytes(StandardCharsets.UTF_8);
    System.out.println("saltedSha256 " + HexFormat.of().formatHex(new ScramFormatter(ScramMechanism.SCRAM_SHA_256).hi("pässword".getBytes(StandardCharsets.UTF_8), salt, 4096)));
    System.out.println("saltedSha512 " + HexFormat.of().formatHex(new ScramFormatter(ScramMechanism.SCRAM_SHA_512).hi("pässword".getBytes(StandardCharsets.UTF_8), salt, 4096)));
  }
}

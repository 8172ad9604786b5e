// Prints the exact bytes Kafka's own serializers produce for the messages the protocol unit
// tests check. Run: java -cp "$(cat ~/.cache/kctl/kafka/4.4.0/classpath.txt)" test/unit/protocol/KafkaHex.java
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.*;
import org.apache.kafka.common.protocol.*;
import org.apache.kafka.common.protocol.types.RawTaggedField;

public class KafkaHex {
  static String hex(Message m, int v) {
    ObjectSerializationCache cache = new ObjectSerializationCache();
    int size = m.size(cache, (short) v);
    ByteBuffer buf = ByteBuffer.allocate(size);
    m.write(new ByteBufferAccessor(buf), cache, (short) v);
    return hex(buf.array());
  }
  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) sb.append(String.format("%02x", b));
    return sb.toString();
  }
  static void p(String name, String hex) { System.out.println(name + " " + hex); }

  public static void main(String[] args) {
    p("FindCoordinatorRequest.v4", hex(new FindCoordinatorRequestData().setKeyType((byte) 0).setCoordinatorKeys(List.of("g1", "orders")), 4));
    FindCoordinatorResponseData fc = new FindCoordinatorResponseData().setThrottleTimeMs(0).setCoordinators(List.of(
        new FindCoordinatorResponseData.Coordinator().setKey("g1").setNodeId(2).setHost("h").setPort(9092).setErrorCode((short) 0).setErrorMessage(null),
        new FindCoordinatorResponseData.Coordinator().setKey("orders").setNodeId(-1).setHost("").setPort(-1).setErrorCode((short) 15).setErrorMessage("x")));
    fc.coordinators().get(0).unknownTaggedFields().add(new RawTaggedField(7, new byte[] {1, 2, 3}));
    p("FindCoordinatorResponse.v4", hex(fc, 4));

    p("ListGroupsRequest.v4", hex(new ListGroupsRequestData().setStatesFilter(List.of("Stable", "Empty")), 4));
    p("ListGroupsRequest.v5", hex(new ListGroupsRequestData().setStatesFilter(List.of()).setTypesFilter(List.of("consumer")), 5));
    ListGroupsResponseData lg = new ListGroupsResponseData().setThrottleTimeMs(1).setErrorCode((short) 0).setGroups(List.of(
        new ListGroupsResponseData.ListedGroup().setGroupId("g1").setProtocolType("consumer").setGroupState("Stable").setGroupType("classic"),
        new ListGroupsResponseData.ListedGroup().setGroupId("g2").setProtocolType("consumer").setGroupState("Empty").setGroupType("consumer")));
    lg.groups().get(1).unknownTaggedFields().add(new RawTaggedField(3, new byte[] {(byte) 0xff, 0, 1, 2}));
    p("ListGroupsResponse.v5", hex(lg, 5));
    p("ListGroupsResponse.v4", hex(lg, 4));

    OffsetFetchRequestData of = new OffsetFetchRequestData().setRequireStable(false).setGroups(List.of(
        new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId("g1").setTopics(null),
        new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId("g2").setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopics().setName("t").setPartitionIndexes(List.of(0, 5))))));
    p("OffsetFetchRequest.v8", hex(of, 8));
    p("OffsetFetchRequest.v9", hex(of, 9));
    OffsetFetchResponseData ofr = new OffsetFetchResponseData().setThrottleTimeMs(0).setGroups(List.of(
        new OffsetFetchResponseData.OffsetFetchResponseGroup().setGroupId("g1").setErrorCode((short) 0).setTopics(List.of(
            new OffsetFetchResponseData.OffsetFetchResponseTopics().setName("t").setPartitions(List.of(
                new OffsetFetchResponseData.OffsetFetchResponsePartitions().setPartitionIndex(0).setCommittedOffset(5000000000L).setCommittedLeaderEpoch(3).setMetadata("").setErrorCode((short) 0),
                new OffsetFetchResponseData.OffsetFetchResponsePartitions().setPartitionIndex(1).setCommittedOffset(-1).setCommittedLeaderEpoch(-1).setMetadata(null).setErrorCode((short) 0))))),
        new OffsetFetchResponseData.OffsetFetchResponseGroup().setGroupId("g2").setErrorCode((short) 69).setTopics(List.of())));
    ofr.groups().get(0).topics().get(0).partitions().get(0).unknownTaggedFields().add(new RawTaggedField(1, new byte[] {9}));
    p("OffsetFetchResponse.v8", hex(ofr, 8));

    p("OffsetDeleteRequest.v0", hex(new OffsetDeleteRequestData().setGroupId("g1").setTopics(new OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection(List.of(
        new OffsetDeleteRequestData.OffsetDeleteRequestTopic().setName("t").setPartitions(List.of(new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(0), new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(2)))).iterator())), 0));
    p("OffsetDeleteResponse.v0", hex(new OffsetDeleteResponseData().setErrorCode((short) 0).setThrottleTimeMs(0).setTopics(new OffsetDeleteResponseData.OffsetDeleteResponseTopicCollection(List.of(
        new OffsetDeleteResponseData.OffsetDeleteResponseTopic().setName("t").setPartitions(new OffsetDeleteResponseData.OffsetDeleteResponsePartitionCollection(List.of(
            new OffsetDeleteResponseData.OffsetDeleteResponsePartition().setPartitionIndex(0).setErrorCode((short) 0),
            new OffsetDeleteResponseData.OffsetDeleteResponsePartition().setPartitionIndex(2).setErrorCode((short) 86)).iterator()))).iterator())), 0));

    p("ConsumerGroupDescribeRequest.v0", hex(new ConsumerGroupDescribeRequestData().setGroupIds(List.of("g1", "g2")).setIncludeAuthorizedOperations(false), 0));
    Uuid id = new Uuid(0x0123456789abcdefL, 0x0fedcba987654321L);
    ConsumerGroupDescribeResponseData.Assignment asg = new ConsumerGroupDescribeResponseData.Assignment().setTopicPartitions(List.of(
        new ConsumerGroupDescribeResponseData.TopicPartitions().setTopicId(id).setTopicName("t").setPartitions(List.of(1, 0))));
    ConsumerGroupDescribeResponseData cg = new ConsumerGroupDescribeResponseData().setThrottleTimeMs(0).setGroups(List.of(
        new ConsumerGroupDescribeResponseData.DescribedGroup().setErrorCode((short) 0).setErrorMessage(null).setGroupId("g1").setGroupState("Stable").setGroupEpoch(4).setAssignmentEpoch(4).setAssignorName("uniform")
            .setMembers(List.of(new ConsumerGroupDescribeResponseData.Member().setMemberId("m1").setInstanceId(null).setRackId(null).setMemberEpoch(4).setClientId("c1").setClientHost("/127.0.0.1")
                .setSubscribedTopicNames(List.of("t")).setSubscribedTopicRegex(null).setAssignment(asg).setTargetAssignment(new ConsumerGroupDescribeResponseData.Assignment()).setMemberType((byte) 0)))
            .setAuthorizedOperations(Integer.MIN_VALUE),
        new ConsumerGroupDescribeResponseData.DescribedGroup().setErrorCode((short) 69).setErrorMessage("Group g2 not found.").setGroupId("g2").setGroupState("").setAssignorName("")));
    cg.groups().get(0).members().get(0).unknownTaggedFields().add(new RawTaggedField(0, new byte[] {42}));
    p("ConsumerGroupDescribeResponse.v0", hex(cg, 0));
    p("ConsumerGroupDescribeResponse.v1", hex(cg, 1));

    p("DescribeGroupsRequest.v5", hex(new DescribeGroupsRequestData().setGroups(List.of("g1")).setIncludeAuthorizedOperations(false), 5));
    byte[] assignment = ConsumerProtocol.serializeAssignment(new ConsumerPartitionAssignor.Assignment(List.of(new TopicPartition("t", 0), new TopicPartition("t", 2), new TopicPartition("u", 1)))).array();
    p("ConsumerProtocolAssignment", hex(assignment));
    DescribeGroupsResponseData dg = new DescribeGroupsResponseData().setThrottleTimeMs(0).setGroups(List.of(
        new DescribeGroupsResponseData.DescribedGroup().setErrorCode((short) 0).setErrorMessage(null).setGroupId("g1").setGroupState("Stable").setProtocolType("consumer").setProtocolData("range")
            .setMembers(List.of(new DescribeGroupsResponseData.DescribedGroupMember().setMemberId("m1").setGroupInstanceId(null).setClientId("c1").setClientHost("/10.0.0.1").setMemberMetadata(new byte[0]).setMemberAssignment(assignment)))
            .setAuthorizedOperations(Integer.MIN_VALUE)));
    dg.groups().get(0).unknownTaggedFields().add(new RawTaggedField(5, new byte[] {1, 1}));
    p("DescribeGroupsResponse.v5", hex(dg, 5));
    p("DescribeGroupsResponse.v6", hex(dg, 6));

    ListOffsetsRequestData lo = new ListOffsetsRequestData().setReplicaId(-1).setIsolationLevel((byte) 0).setTopics(List.of(
        new ListOffsetsRequestData.ListOffsetsTopic().setName("t").setPartitions(List.of(
            new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(0).setCurrentLeaderEpoch(-1).setTimestamp(-3),
            new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(1).setCurrentLeaderEpoch(-1).setTimestamp(1700000000000L)))));
    p("ListOffsetsRequest.v7", hex(lo, 7));
    ListOffsetsResponseData lor = new ListOffsetsResponseData().setThrottleTimeMs(0).setTopics(List.of(
        new ListOffsetsResponseData.ListOffsetsTopicResponse().setName("t").setPartitions(List.of(
            new ListOffsetsResponseData.ListOffsetsPartitionResponse().setPartitionIndex(0).setErrorCode((short) 0).setTimestamp(1700000000123L).setOffset(42).setLeaderEpoch(7),
            new ListOffsetsResponseData.ListOffsetsPartitionResponse().setPartitionIndex(1).setErrorCode((short) 0).setTimestamp(-1).setOffset(-1).setLeaderEpoch(-1)))));
    lor.topics().get(0).unknownTaggedFields().add(new RawTaggedField(2, new byte[] {0, 0}));
    p("ListOffsetsResponse.v7", hex(lor, 7));
  }
}

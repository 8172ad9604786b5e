// Prints the bytes Kafka's own serializers produce for the transaction APIs the protocol unit
// tests check. Run: java -cp "$(cat ~/.cache/kctl/kafka/4.4.0/classpath.txt)" test/unit/protocol/TxnHex.java
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.kafka.common.message.*;
import org.apache.kafka.common.protocol.*;
import org.apache.kafka.common.protocol.types.RawTaggedField;

public class TxnHex {
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
    ListTransactionsRequestData lt = new ListTransactionsRequestData().setStateFilters(List.of("Ongoing")).setProducerIdFilters(List.of(7L, 5000000000L));
    p("ListTransactionsRequest.v0", hex(lt, 0));
    lt.setDurationFilter(60000L);
    p("ListTransactionsRequest.v1", hex(lt, 1));
    lt.setTransactionalIdPattern("app-.*");
    p("ListTransactionsRequest.v2", hex(lt, 2));
    p("ListTransactionsRequest.v2.empty", hex(new ListTransactionsRequestData(), 2));
    ListTransactionsResponseData ltr = new ListTransactionsResponseData().setThrottleTimeMs(1).setErrorCode((short) 0).setUnknownStateFilters(List.of("Bogus")).setTransactionStates(List.of(
        new ListTransactionsResponseData.TransactionState().setTransactionalId("app-1").setProducerId(5000000000L).setTransactionState("Ongoing"),
        new ListTransactionsResponseData.TransactionState().setTransactionalId("t2").setProducerId(3L).setTransactionState("CompleteCommit")));
    ltr.transactionStates().get(0).unknownTaggedFields().add(tag());
    p("ListTransactionsResponse.v2", hex(ltr, 2));

    p("DescribeTransactionsRequest.v0", hex(new DescribeTransactionsRequestData().setTransactionalIds(List.of("app-1", "t2")), 0));
    DescribeTransactionsResponseData dt = new DescribeTransactionsResponseData().setThrottleTimeMs(0).setTransactionStates(List.of(
        new DescribeTransactionsResponseData.TransactionState().setErrorCode((short) 0).setTransactionalId("app-1").setTransactionState("Ongoing").setTransactionTimeoutMs(60000)
            .setTransactionStartTimeMs(1700000000000L).setProducerId(5000000000L).setProducerEpoch((short) 3)
            .setTopics(new DescribeTransactionsResponseData.TopicDataCollection(List.of(new DescribeTransactionsResponseData.TopicData().setTopic("orders").setPartitions(List.of(0, 2))).iterator())),
        new DescribeTransactionsResponseData.TransactionState().setErrorCode((short) 105).setTransactionalId("t2").setTransactionState("").setTransactionTimeoutMs(0)
            .setTransactionStartTimeMs(-1L).setProducerId(-1L).setProducerEpoch((short) -1)));
    dt.transactionStates().get(0).unknownTaggedFields().add(tag());
    p("DescribeTransactionsResponse.v0", hex(dt, 0));

    p("DescribeProducersRequest.v0", hex(new DescribeProducersRequestData().setTopics(new DescribeProducersRequestData.TopicRequestCollection(List.of(new DescribeProducersRequestData.TopicRequest().setName("orders").setPartitionIndexes(List.of(0, 1))).iterator())), 0));
    DescribeProducersResponseData dp = new DescribeProducersResponseData().setThrottleTimeMs(0).setTopics(List.of(new DescribeProducersResponseData.TopicResponse().setName("orders").setPartitions(List.of(
        new DescribeProducersResponseData.PartitionResponse().setPartitionIndex(0).setErrorCode((short) 0).setErrorMessage(null).setActiveProducers(List.of(
            new DescribeProducersResponseData.ProducerState().setProducerId(5000000000L).setProducerEpoch(3).setLastSequence(9).setLastTimestamp(1700000000000L).setCoordinatorEpoch(-1).setCurrentTxnStartOffset(42L))),
        new DescribeProducersResponseData.PartitionResponse().setPartitionIndex(1).setErrorCode((short) 6).setErrorMessage("not leader")))));
    dp.topics().get(0).partitions().get(0).activeProducers().get(0).unknownTaggedFields().add(tag());
    p("DescribeProducersResponse.v0", hex(dp, 0));

    WriteTxnMarkersRequestData wm = new WriteTxnMarkersRequestData().setMarkers(List.of(new WriteTxnMarkersRequestData.WritableTxnMarker().setProducerId(5000000000L).setProducerEpoch((short) 3)
        .setTransactionResult(false).setTopics(List.of(new WriteTxnMarkersRequestData.WritableTxnMarkerTopic().setName("orders").setPartitionIndexes(List.of(2)))).setCoordinatorEpoch(0).setTransactionVersion((byte) 0)));
    p("WriteTxnMarkersRequest.v1", hex(wm, 1));
    p("WriteTxnMarkersRequest.v2", hex(wm, 2));
    WriteTxnMarkersResponseData wmr = new WriteTxnMarkersResponseData().setMarkers(List.of(new WriteTxnMarkersResponseData.WritableTxnMarkerResult().setProducerId(5000000000L).setTopics(List.of(
        new WriteTxnMarkersResponseData.WritableTxnMarkerTopicResult().setName("orders").setPartitions(List.of(new WriteTxnMarkersResponseData.WritableTxnMarkerPartitionResult().setPartitionIndex(2).setErrorCode((short) 0)))))));
    wmr.markers().get(0).unknownTaggedFields().add(tag());
    p("WriteTxnMarkersResponse.v1", hex(wmr, 1));

    p("ListConfigResourcesRequest.v1", hex(new ListConfigResourcesRequestData().setResourceTypes(List.of((byte) 16, (byte) 32)), 1));
    p("ListConfigResourcesRequest.v0", hex(new ListConfigResourcesRequestData(), 0));
    ListConfigResourcesResponseData lc = new ListConfigResourcesResponseData().setThrottleTimeMs(0).setErrorCode((short) 0).setConfigResources(List.of(
        new ListConfigResourcesResponseData.ConfigResource().setResourceName("sub-1").setResourceType((byte) 16),
        new ListConfigResourcesResponseData.ConfigResource().setResourceName("g1").setResourceType((byte) 32)));
    lc.configResources().get(0).unknownTaggedFields().add(tag());
    p("ListConfigResourcesResponse.v1", hex(lc, 1));
    ListConfigResourcesResponseData lc0 = new ListConfigResourcesResponseData().setThrottleTimeMs(0).setErrorCode((short) 0).setConfigResources(List.of(
        new ListConfigResourcesResponseData.ConfigResource().setResourceName("sub-1")));
    lc0.configResources().get(0).unknownTaggedFields().add(tag());
    p("ListConfigResourcesResponse.v0", hex(lc0, 0));
    p("FindCoordinatorRequest.v4.txn", hex(new FindCoordinatorRequestData().setKeyType((byte) 1).setCoordinatorKeys(List.of("app-1")), 4));
  }
}

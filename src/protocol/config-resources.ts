/** Config resource types shared by DescribeConfigs (32) and IncrementalAlterConfigs (44). */
export const ConfigResourceType = {
  topic: 2,
  broker: 4,
  brokerLogger: 8,
  /** Client-metrics subscriptions (KIP-714, Kafka 3.7+). */
  clientMetrics: 16,
  /** Consumer, share and streams group configs (KIP-848, Kafka 3.8+). */
  group: 32,
} as const
export type ConfigResourceTypeValue = (typeof ConfigResourceType)[keyof typeof ConfigResourceType]

export interface ConfigResource {
  resourceType: number
  /** Topic name, broker id as text, or '' for the cluster-wide broker default. */
  resourceName: string
}

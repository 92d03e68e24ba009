/**
 * What the clusters may do on each stream (resource type `stream`). Polling mode, the Databricks Kinesis source's
 * default and what the notebook uses, needs ListShards, GetShardIterator and GetRecords (Databricks, "Connect to
 * Amazon Kinesis"); DescribeStream / DescribeStreamSummary are the existence/status checks consumers make first.
 * `kinesis:ListStreams` is not granted: the source is given stream names and never enumerates streams.
 */
export const KINESIS_STREAM_READ_ACTIONS: readonly string[] = [
  "kinesis:DescribeStream",
  "kinesis:DescribeStreamSummary",
  "kinesis:GetRecords",
  "kinesis:GetShardIterator",
  "kinesis:ListShards",
];

/**
 * Enhanced fan-out reads (`consumerMode = "efo"`): these two act on the resource type `consumer`
 * (`<stream ARN>/consumer/<name>:<creation timestamp>`), not on the stream, so they are granted on the configured
 * streams' consumers only. Registering a consumer (`kinesis:RegisterStreamConsumer`) is not granted: EFO needs a
 * consumer registered beforehand (or a wider policy).
 */
export const KINESIS_CONSUMER_READ_ACTIONS: readonly string[] = ["kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"];

# Databricks notebook source
# MAGIC %md
# MAGIC # Kinesis → Delta on S3
# MAGIC
# MAGIC The article's data engineering workflow: read an Amazon Kinesis stream with Structured Streaming and persist it
# MAGIC as a Delta table on S3. The job cluster runs under the job cluster policy with the environment's instance
# MAGIC profile, so no credentials appear here: the cluster reads the stream and writes the bucket as that IAM role.
# MAGIC
# MAGIC Parameters (set by the job, editable when run by hand): `stream_name`, `region`, `output_path`, `checkpoint_path`.

# COMMAND ----------

dbutils.widgets.text("stream_name", "")
dbutils.widgets.text("region", "")
dbutils.widgets.text("output_path", "")
dbutils.widgets.text("checkpoint_path", "")

stream_name = dbutils.widgets.get("stream_name")
region = dbutils.widgets.get("region")
output_path = dbutils.widgets.get("output_path")
checkpoint_path = dbutils.widgets.get("checkpoint_path")
for name, value in [("stream_name", stream_name), ("region", region), ("output_path", output_path), ("checkpoint_path", checkpoint_path)]:
    if not value:
        raise ValueError(f"parameter {name} is empty")

# COMMAND ----------

# Databricks' Kinesis source: one row per record, the payload in `data` (binary).
records = (
    spark.readStream.format("kinesis")
    .option("streamName", stream_name)
    .option("region", region)
    .option("initialPosition", "trim_horizon")
    .load()
)

events = records.selectExpr(
    "CAST(data AS STRING) AS payload",
    "partitionKey AS partition_key",
    "shardId AS shard_id",
    "sequenceNumber AS sequence_number",
    "approximateArrivalTimestamp AS arrived_at",
)

# COMMAND ----------

# availableNow: process what the stream holds, then stop, so a scheduled job cluster terminates between runs.
query = (
    events.writeStream.format("delta")
    .option("checkpointLocation", checkpoint_path)
    .trigger(availableNow=True)
    .start(output_path)
)
query.awaitTermination()

# COMMAND ----------

# The run's outcome. A run that found no new records is a success: it writes nothing, and before the stream's first
# record there is no table at all, so the table is checked before it is read (reading a missing Delta path fails).
from delta.tables import DeltaTable


def input_rows(progress):
    # A dict before Spark 4, a StreamingQueryProgress object after.
    try:
        return int(progress["numInputRows"])
    except (TypeError, KeyError):
        return int(getattr(progress, "numInputRows", 0) or 0)


rows_written = sum(input_rows(p) for p in (query.recentProgress or []))
if DeltaTable.isDeltaTable(spark, output_path):
    print(f"{rows_written} new records this run")
    display(spark.read.format("delta").load(output_path).orderBy("arrived_at", ascending=False).limit(20))
else:
    print("No records yet: the stream had nothing to read, so no table has been written.")
dbutils.notebook.exit(f"rows_written={rows_written}")

"""Independent check of an MCAP file with the official Python packages (mcap, mcap-protobuf-support).

Usage: mcap_check.py FILE
Reads the file twice: seeking through the summary (chunk indexes) with CRC validation, and as a
plain stream (every record in order, CRCs validated). Decodes every message with the protobuf
schema stored in the file and prints one JSON document on stdout:
{"summary": {...}, "messages": [{"topic", "schema", "log_time", "publish_time", "sequence", "message"}],
 "stream_messages": N, "stream_records": {"Chunk": n, ...}}
Exits non-zero (with the reason on stderr) when the file does not read.
"""
import json
import sys
from collections import Counter

from google.protobuf.json_format import MessageToDict
from mcap.reader import make_reader
from mcap.stream_reader import StreamReader
from mcap.records import Message
from mcap_protobuf.decoder import DecoderFactory


def main(path):
    with open(path, "rb") as f:
        reader = make_reader(f, decoder_factories=[DecoderFactory()], validate_crcs=True)
        summary = reader.get_summary()
        stats = summary.statistics
        out = {
            "summary": {
                "message_count": stats.message_count,
                "schema_count": stats.schema_count,
                "channel_count": stats.channel_count,
                "chunk_count": stats.chunk_count,
                "message_start_time": stats.message_start_time,
                "message_end_time": stats.message_end_time,
                "channel_message_counts": {str(k): v for k, v in stats.channel_message_counts.items()},
                "chunk_indexes": len(summary.chunk_indexes),
                "compression": sorted({c.compression for c in summary.chunk_indexes}),
                "schemas": sorted(s.name for s in summary.schemas.values()),
                "schema_encodings": sorted({s.encoding for s in summary.schemas.values()}),
                "message_encodings": sorted({c.message_encoding for c in summary.channels.values()}),
                "profile": reader.get_header().profile,
            },
            "messages": [],
        }
        for schema, channel, message, decoded in reader.iter_decoded_messages(log_time_order=True):
            out["messages"].append({
                "topic": channel.topic,
                "schema": schema.name,
                "log_time": message.log_time,
                "publish_time": message.publish_time,
                "sequence": message.sequence,
                "message": MessageToDict(decoded, preserving_proto_field_name=True),
            })
    with open(path, "rb") as f:
        kinds = Counter()
        count = 0
        for record in StreamReader(f, validate_crcs=True).records:
            kinds[type(record).__name__] += 1
            if isinstance(record, Message):
                count += 1
        out["stream_messages"] = count
        out["stream_records"] = dict(kinds)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])

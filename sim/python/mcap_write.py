"""Writes an MCAP file with the official Python writer (mcap-protobuf-support), for the Java reader's tests.

Usage: mcap_write.py OUT COUNT COMPRESSION
COUNT google.protobuf.Timestamp messages on topic "/clock" (seconds = i, nanos = 7 * i) and COUNT
google.protobuf.Duration messages on "/step", log times 1_000_000 * i ns, chunks of 512 bytes so the
file has many chunks. COMPRESSION is zstd, lz4 or none.
"""
import sys

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp
from mcap.writer import CompressionType
from mcap_protobuf.writer import Writer


def main(out, count, compression):
    kind = {"zstd": CompressionType.ZSTD, "lz4": CompressionType.LZ4, "none": CompressionType.NONE}[compression]
    with open(out, "wb") as f, Writer(f, chunk_size=512, compression=kind) as w:
        for i in range(count):
            w.write_message("/clock", Timestamp(seconds=i, nanos=7 * i), log_time=1_000_000 * i,
                            publish_time=1_000_000 * i, sequence=i)
            w.write_message("/step", Duration(seconds=i), log_time=1_000_000 * i + 1, publish_time=0, sequence=i)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])

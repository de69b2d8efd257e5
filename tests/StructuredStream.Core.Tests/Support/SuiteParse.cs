using StructuredStream.Parsing;
using StructuredStream.Streaming;

namespace StructuredStream.Tests.Support;

/// <summary>Runs raw bytes, cut into chunks anywhere (inside UTF-8 sequences too), through the event stream.</summary>
internal static class SuiteParse
{
    public static readonly EventStreamOptions Strict = new() { Parser = new JsonParserOptions { Tolerant = false } };

    public static StreamRun Run(byte[] bytes, EventStreamOptions options, int chunkSize = int.MaxValue)
    {
        var chunks = new List<byte[]>();
        for (var offset = 0; offset < bytes.Length; offset += chunkSize)
        {
            chunks.Add(bytes[offset..(int)Math.Min(bytes.Length, (long)offset + chunkSize)]);
        }

        return StreamRun.OfUtf8(chunks, options);
    }
}

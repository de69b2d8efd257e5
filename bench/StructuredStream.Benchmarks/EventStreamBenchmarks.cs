using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using StructuredStream.Parsing;
using StructuredStream.Protocol;
using StructuredStream.Streaming;

namespace StructuredStream.Benchmarks;

/// <summary>
/// The whole stream for one report, fed in chunks of 1 to 8 characters, against System.Text.Json parsing the same
/// complete text. Per-byte and per-chunk columns make sizes comparable (see docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
public class EventStreamBenchmarks
{
    private static readonly SearchValues<char> s_stringStops = SearchValues.Create(
        [.. "\"\\", .. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]);

    private readonly List<StreamEvent> _events = new(16);
    private readonly EventCounter _counter = new();
    private string _text = "";
    private byte[] _utf8 = [];
    private Range[] _chunks = [];
    private Range[] _utf8Chunks = [];
    private byte[] _pending = [];
    private Schemas.CompiledSchema? _schema;
    private (string Text, Range[] Chunks)[] _variants = [];
    private int _turn;

    [Params(20 * 1024, 200 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = ReportCorpus.Generate(Size);
        _utf8 = Encoding.UTF8.GetBytes(_text);
        _chunks = ReportCorpus.Chunk(_text);
        _utf8Chunks = ReportCorpus.ChunkBytes(_utf8);
        _pending = new byte[4096];
        _schema = Schemas.SchemaLoader.Load(ReportCorpus.Schema);
        // About 1 MB of distinct text and chunking before one repeats (see FreshEventStreamAsViews).
        _variants = [.. Enumerable.Range(1, Math.Clamp(1024 * 1024 / Size, 1, 64)).Select(variant =>
        {
            var text = ReportCorpus.Generate(Size, variant);
            return (text, ReportCorpus.Chunk(text, variant));
        })];
        Console.WriteLine($"// corpus {Size}: {_utf8.Length} UTF-8 bytes, {_text.Length} chars, {_chunks.Length} chunks");
    }

    [Benchmark(Baseline = true, Description = "JsonDocument.Parse(string)")]
    public int JsonDocumentParseString()
    {
        using var document = JsonDocument.Parse(_text);
        return document.RootElement.GetArrayLengthOrZero();
    }

    [Benchmark(Description = "JsonDocument.Parse(UTF-8)")]
    public int JsonDocumentParseUtf8()
    {
        using var document = JsonDocument.Parse(_utf8);
        return document.RootElement.GetArrayLengthOrZero();
    }

    /// <summary>
    /// System.Text.Json's own incremental reader over the same report in chunks of 1 to 8 bytes: the tokens only, as
    /// its docs show it used on a stream (what a token left incomplete is kept and read again with the next chunk).
    /// The like-for-like reference for what reading in small chunks costs; it builds no document and no events.
    /// </summary>
    [Benchmark(Description = "Utf8JsonReader, 1-8 byte chunks (tokens only)")]
    public int Utf8JsonReaderChunks()
    {
        var state = new JsonReaderState();
        var tokens = 0;
        var pending = 0;
        for (var i = 0; i < _utf8Chunks.Length; i++)
        {
            var chunk = _utf8.AsSpan(_utf8Chunks[i]);
            if (_pending.Length - pending < chunk.Length)
            {
                Array.Resize(ref _pending, Math.Max(_pending.Length * 2, pending + chunk.Length));
            }

            chunk.CopyTo(_pending.AsSpan(pending));
            pending += chunk.Length;
            var reader = new Utf8JsonReader(_pending.AsSpan(0, pending), isFinalBlock: i == _utf8Chunks.Length - 1, state);
            while (reader.Read())
            {
                tokens++;
            }

            var consumed = (int)reader.BytesConsumed;
            _pending.AsSpan(consumed, pending - consumed).CopyTo(_pending);
            pending -= consumed;
            state = reader.CurrentState;
        }

        return tokens;
    }

    /// <summary>
    /// A floor, not a parser: each chunk searched once for the characters that stop a string's fast scan (quote,
    /// backslash, control characters, surrogates), as the parser's scan does, and nothing else. What looking at the
    /// text in chunks of 1 to 8 characters costs before any state is kept.
    /// </summary>
    [Benchmark(Description = "floor: search each chunk for a string's stops")]
    public int ScanChunksOnly()
    {
        var found = 0;
        foreach (var chunk in _chunks)
        {
            found += _text.AsSpan(chunk).IndexOfAny(s_stringStops);
        }

        return found;
    }

    [Benchmark(Description = "parser only, 1-8 char chunks")]
    public int ParserOnly()
    {
        using var parser = new IncrementalJsonParser();
        var tokens = 0;
        foreach (var chunk in _chunks)
        {
            var position = 0;
            while (parser.Read(_text.AsSpan(chunk), ref position, out _))
            {
                tokens++;
            }
        }

        while (parser.ReadEnd(out _))
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(Description = "events as objects (parse + patches), 1-8 char chunks")]
    public int EventStream()
    {
        using var builder = new EventStreamBuilder();
        var events = 0;
        foreach (var chunk in _chunks)
        {
            builder.Append(_text.AsSpan(chunk), _events);
            events += _events.Count;
            _events.Clear(); // a consumer writes each event out and lets it go
        }

        builder.Finish(_events);
        events += _events.Count;
        _events.Clear();
        return events;
    }

    [Benchmark(Description = "events as views (parse + patches), 1-8 char chunks")]
    public long EventStreamAsViews() => StreamAsViews(_text, _chunks);

    /// <summary>
    /// <see cref="JsonDocumentParseString"/>, with another report of the same size each run. Replaying one small input
    /// thousands of times lets the processor's branch predictor learn it: at 20 KB that flatters any parser, and
    /// ours, whose branches also follow the chunk boundaries, most (docs/benchmarks.md).
    /// </summary>
    [Benchmark(Description = "JsonDocument.Parse(string), another report each run")]
    public int FreshJsonDocumentParseString()
    {
        using var document = JsonDocument.Parse(_variants[_turn++ % _variants.Length].Text);
        return document.RootElement.GetArrayLengthOrZero();
    }

    /// <summary><see cref="EventStreamAsViews"/>, with another report and chunking each run, as a service never sees one twice.</summary>
    [Benchmark(Description = "events as views, another report and chunking each run")]
    public long FreshEventStreamAsViews()
    {
        var (text, chunks) = _variants[_turn++ % _variants.Length];
        return StreamAsViews(text, chunks);
    }

    [Benchmark(Description = "events, chunks only (no final), no schema")]
    public int ChunksWithoutSchema() => AppendChunks(new EventStreamBuilder());

    [Benchmark(Description = "events, chunks only (no final), partial validation")]
    public int ChunksWithSchema() => AppendChunks(new EventStreamBuilder(new EventStreamOptions { Schema = _schema }));

    /// <summary>
    /// <see cref="EventStreamAsViews"/> with the whole text as one chunk: the same document, operations and final, so
    /// the difference from the chunked case is what reading in chunks of 1 to 8 characters costs.
    /// </summary>
    [Benchmark(Description = "events as views, whole text in one chunk")]
    public long EventStreamWhole() => StreamAsViews(_text, [Range.All]);

    /// <summary>As the CLI takes them: each chunk's events handed out as views of the engine's buffers, no object per event.</summary>
    private long StreamAsViews(string text, Range[] chunks)
    {
        _counter.Reset();
        using var builder = new EventStreamBuilder();
        foreach (var chunk in chunks)
        {
            builder.Append(text.AsSpan(chunk), _counter);
        }

        builder.Finish(_counter);
        return _counter.Events + _counter.Characters;
    }

    /// <summary>Every chunk's events, without the end (final validation, checksum): the per-chunk cost alone.</summary>
    private int AppendChunks(EventStreamBuilder builder)
    {
        using (builder)
        {
            var events = 0;
            foreach (var chunk in _chunks)
            {
                builder.Append(_text.AsSpan(chunk), _events);
                events += _events.Count;
                _events.Clear();
            }

            if (builder.IsFinished)
            {
                throw new InvalidOperationException("the report broke its schema: the benchmark would measure an aborted stream");
            }

            return events;
        }
    }
}

internal static class JsonElementExtensions
{
    public static int GetArrayLengthOrZero(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.GetArrayLength() : element.ValueKind == JsonValueKind.Object ? 1 : 0;
}
